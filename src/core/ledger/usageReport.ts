import { isProviderId, providerLabel, type ProviderId } from '../base/providerIds';
import { estimateCost, formatCount, formatEstimate } from '../base/tokenUsage';
import { type BudgetSettings } from '../settings/budget';
import { type ProviderUsage } from './usageLedger';

export interface UsageReportInput {
  readonly month: string;
  readonly providers: readonly ProviderUsage[];
  readonly budget: Pick<BudgetSettings, 'monthlyTokens' | 'prices'>;
  /** LLM providers of the stack: listed even before they are used. */
  readonly stack: readonly ProviderId[];
}

/**
 * Show Usage: this UTC month's tokens per provider, with its budget and the estimate at
 * the person's prices, as Markdown. A provider is listed when it was used this month, has
 * a budget, or is an LLM tier of the stack.
 */
export function usageReport({ month, providers, budget, stack }: UsageReportInput): string {
  const used = new Map(providers.map((p) => [p.provider, p]));
  const ids = [
    ...new Set([
      ...providers.map((p) => p.provider),
      ...budget.monthlyTokens.keys(),
      ...stack.filter((id) => id !== 'builtin'),
    ]),
  ];
  const label = (id: string): string => (isProviderId(id) ? providerLabel(id) : id);
  const lines = [
    `# Token usage in ${month} (UTC)`,
    '',
    '| provider | prompt tokens | completion tokens | total | monthly budget | estimate |',
    '|---|--:|--:|--:|---|---|',
  ];
  for (const id of ids) {
    const u = used.get(id);
    const prompt = u?.promptTokens ?? 0;
    const completion = u?.completionTokens ?? 0;
    const total = prompt + completion;
    const cap = isProviderId(id) ? budget.monthlyTokens.get(id) : undefined;
    const price = isProviderId(id) ? budget.prices.get(id) : undefined;
    const budgetText =
      cap === undefined
        ? 'none'
        : `${formatCount(cap)}: ${total >= cap ? '**spent**' : `${formatCount(cap - total)} left`} (${Math.min(100, Math.floor((100 * total) / cap))}% used)`;
    const estimate = price
      ? formatEstimate(estimateCost({ promptTokens: prompt, completionTokens: completion }, price))
      : 'no price set';
    lines.push(
      `| ${label(id)} | ${formatCount(prompt)} | ${formatCount(completion)} | ${formatCount(total)} | ${budgetText} | ${estimate} |`,
    );
  }
  if (ids.length === 0) lines.push('| (no LLM provider used or configured) | 0 | 0 | 0 | none | no price set |');
  lines.push('');
  for (const u of providers)
    if (u.unreported > 0)
      lines.push(
        `- ${label(u.provider)} did not report the tokens of ${formatCount(u.unreported)} of its ${formatCount(u.answers)} answers: they are not counted above or against its budget.`,
      );
  lines.push(
    `- Estimates use the prices set now (\`bottleneck.budget.promptPricePerMillion\` and \`bottleneck.budget.completionPricePerMillion\`, per million tokens). They are in the unit of your prices: no currency is assumed, and they are estimates, not a bill.`,
    `- Budgets (\`bottleneck.budget.monthlyTokens\`) count prompt and completion tokens together. When one is spent, the lock moves to the built-in forecaster; the provider may be used again from ${nextMonth(month)}-01 00:00 UTC.`,
    '',
  );
  return lines.join('\n');
}

/** The month after a "YYYY-MM" month. */
export function nextMonth(month: string): string {
  const [year = 1970, m = 1] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
