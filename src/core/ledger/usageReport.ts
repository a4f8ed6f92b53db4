import { isProviderId, providerLabel, type ProviderId } from '../base/providerIds';
import { estimateCost, formatCount, formatEstimate } from '../base/tokenUsage';
import { type L10n, english } from '../l10n';
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
 * a budget, or is an LLM tier of the stack. In the language `l10n` speaks (English
 * unless the editor passes its own).
 */
export function usageReport({ month, providers, budget, stack }: UsageReportInput, l10n: L10n = english): string {
  const used = new Map(providers.map((p) => [p.provider, p]));
  const ids = [
    ...new Set([
      ...providers.map((p) => p.provider),
      ...budget.monthlyTokens.keys(),
      ...stack.filter((id) => id !== 'builtin'),
    ]),
  ];
  const label = (id: string): string => (isProviderId(id) ? providerLabel(id) : id);
  const none = l10n.t('none');
  const noPrice = l10n.t('no price set');
  const header = [
    l10n.t('provider'),
    l10n.t('prompt tokens'),
    l10n.t('completion tokens'),
    l10n.t('total'),
    l10n.t('monthly budget'),
    l10n.t('estimate'),
  ];
  const lines = [
    `# ${l10n.t('Token usage in {0} (UTC)', month)}`,
    '',
    `| ${header.join(' | ')} |`,
    '|---|--:|--:|--:|---|---|',
  ];
  for (const id of ids) {
    const u = used.get(id);
    const prompt = u?.promptTokens ?? 0;
    const completion = u?.completionTokens ?? 0;
    const total = prompt + completion;
    const cap = isProviderId(id) ? budget.monthlyTokens.get(id) : undefined;
    const price = isProviderId(id) ? budget.prices.get(id) : undefined;
    const share = cap === undefined ? 0 : Math.min(100, Math.floor((100 * total) / cap));
    const budgetText =
      cap === undefined
        ? none
        : total >= cap
          ? l10n.t('{0}: **spent** ({1}% used)', formatCount(cap), share)
          : l10n.t('{0}: {1} left ({2}% used)', formatCount(cap), formatCount(cap - total), share);
    const estimate = price
      ? formatEstimate(estimateCost({ promptTokens: prompt, completionTokens: completion }, price), l10n)
      : noPrice;
    lines.push(
      `| ${label(id)} | ${formatCount(prompt)} | ${formatCount(completion)} | ${formatCount(total)} | ${budgetText} | ${estimate} |`,
    );
  }
  if (ids.length === 0)
    lines.push(`| ${l10n.t('(no LLM provider used or configured)')} | 0 | 0 | 0 | ${none} | ${noPrice} |`);
  lines.push('');
  for (const u of providers)
    if (u.unreported > 0)
      lines.push(
        `- ${l10n.t(
          '{0} did not report the tokens of {1} of its {2} answers: they are not counted above or against its budget.',
          label(u.provider),
          formatCount(u.unreported),
          formatCount(u.answers),
        )}`,
      );
  lines.push(
    `- ${l10n.t(
      'Estimates use the prices set now (`bottleneck.budget.promptPricePerMillion` and `bottleneck.budget.completionPricePerMillion`, per million tokens). They are in the unit of your prices: no currency is assumed, and they are estimates, not a bill.',
    )}`,
    `- ${l10n.t(
      'Budgets (`bottleneck.budget.monthlyTokens`) count prompt and completion tokens together. When one is spent, the lock moves to the built-in forecaster; the provider may be used again from {0} 00:00 UTC.',
      `${nextMonth(month)}-01`,
    )}`,
    '',
  );
  return lines.join('\n');
}

/** The month after a "YYYY-MM" month. */
export function nextMonth(month: string): string {
  const [year = 1970, m = 1] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
