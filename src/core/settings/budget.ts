import { type ProviderId, isProviderId, providerLabel } from '../base/providerIds';
import { type TokenPrice } from '../base/tokenUsage';

/** The three `bottleneck.budget.*` settings, as read (each an object of provider id → number). */
export interface RawBudgetSettings {
  readonly monthlyTokens: unknown;
  readonly promptPricePerMillion: unknown;
  readonly completionPricePerMillion: unknown;
}

export interface BudgetSettings {
  /** Tokens (prompt and completion together) a provider may use per UTC calendar month. */
  readonly monthlyTokens: ReadonlyMap<ProviderId, number>;
  /** The person's price per million tokens, for providers that have both prices set. */
  readonly prices: ReadonlyMap<ProviderId, TokenPrice>;
  /** One sentence per skipped entry, naming it. */
  readonly problems: readonly string[];
}

/** More entries than there are provider ids: the rest are not read. */
const MAX_ENTRIES = 50;
/** A thousand trillion tokens a month: beyond any real budget, and exact as a double. */
const MAX_BUDGET = 1e15;
/** A price per million tokens beyond this is a typo (prices are in the person's own unit). */
const MAX_PRICE = 1e9;

/**
 * Parses `bottleneck.budget.monthlyTokens`, `bottleneck.budget.promptPricePerMillion` and
 * `bottleneck.budget.completionPricePerMillion`. Each is a flat object keyed by provider
 * id, so the Settings editor can edit it as a table. A bad entry is skipped with a problem
 * that names it; the others still apply. A price needs both of its halves, since an
 * estimate with one half missing would read as cheaper than it is.
 */
export function parseBudgetSettings(raw: RawBudgetSettings): BudgetSettings {
  const problems: string[] = [];
  const monthlyTokens = numbers('monthlyTokens', raw.monthlyTokens, problems, (v) =>
    Number.isInteger(v) && v >= 1 && v <= MAX_BUDGET
      ? undefined
      : `must be a whole number of tokens from 1 to ${MAX_BUDGET}`,
  );
  const priceRule = (v: number): string | undefined =>
    v >= 0 && v <= MAX_PRICE ? undefined : `must be a price per million tokens from 0 to ${MAX_PRICE}`;
  const prompt = numbers('promptPricePerMillion', raw.promptPricePerMillion, problems, priceRule);
  const completion = numbers('completionPricePerMillion', raw.completionPricePerMillion, problems, priceRule);
  const prices = new Map<ProviderId, TokenPrice>();
  for (const id of new Set([...prompt.keys(), ...completion.keys()])) {
    const p = prompt.get(id);
    const c = completion.get(id);
    if (p !== undefined && c !== undefined) prices.set(id, { promptPerMillion: p, completionPerMillion: c });
    else
      problems.push(
        `${providerLabel(id)} has a ${p === undefined ? 'completion' : 'prompt'} price but no ${p === undefined ? 'prompt' : 'completion'} price (bottleneck.budget.${p === undefined ? 'promptPricePerMillion' : 'completionPricePerMillion'}), so no estimate is made for it`,
      );
  }
  return { monthlyTokens, prices, problems };
}

function numbers(
  name: string,
  raw: unknown,
  problems: string[],
  rule: (v: number) => string | undefined,
): Map<ProviderId, number> {
  const out = new Map<ProviderId, number>();
  const setting = `bottleneck.budget.${name}`;
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${setting} must be an object of provider id → number`);
    return out;
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_ENTRIES)
    problems.push(`${setting} has ${entries.length} entries; only the first ${MAX_ENTRIES} were read`);
  for (const [key, value] of entries.slice(0, MAX_ENTRIES)) {
    const where = `${setting}[${JSON.stringify(key.slice(0, 60))}]`;
    if (!isProviderId(key)) {
      problems.push(`${where} was skipped: not a provider id`);
      continue;
    }
    if (key === 'builtin') {
      problems.push(`${where} was skipped: the built-in forecaster uses no tokens`);
      continue;
    }
    const why = typeof value === 'number' && Number.isFinite(value) ? rule(value) : 'must be a number';
    if (why) {
      problems.push(`${where} was skipped: it ${why}`);
      continue;
    }
    out.set(key, value as number);
  }
  return out;
}
