import * as z from './zod';
import { type L10n, english } from '../l10n';

/**
 * Most tokens one completion may report for its prompt or its answer: far beyond any
 * context window. A larger count is not a count, and is read as unknown.
 */
export const MAX_TOKENS_PER_ANSWER = 100_000_000;

const tokenCount = z.number().int().nonnegative().max(MAX_TOKENS_PER_ANSWER);

/** What one LLM forecast cost in tokens, as the provider reported it. */
export const tokenUsageSchema = z.object({ promptTokens: tokenCount, completionTokens: tokenCount });
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/**
 * A completion's `usage` as the provider sent it (untrusted): both counts when both are
 * whole numbers within bounds, else null, "unknown", never 0 (a provider that does not
 * report usage did not spend nothing).
 */
export function readUsage(raw: unknown): TokenUsage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { prompt_tokens: prompt, completion_tokens: completion } = raw as Record<string, unknown>;
  const parsed = tokenUsageSchema.safeParse({ promptTokens: prompt, completionTokens: completion });
  return parsed.success ? parsed.data : null;
}

/** A person's price for a provider's tokens, per million, in a unit of their choosing (no currency is assumed). */
export interface TokenPrice {
  readonly promptPerMillion: number;
  readonly completionPerMillion: number;
}

/** The estimated cost of some tokens at a price, in the price's own unit. */
export function estimateCost(usage: TokenUsage, price: TokenPrice): number {
  return (usage.promptTokens * price.promptPerMillion + usage.completionTokens * price.completionPerMillion) / 1e6;
}

/** A whole number with thousands separators, the same on every machine ("1,234,567"). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * An estimate as it is shown: marked as one, with no currency (the prices are the
 * person's, in whatever unit they set them), to four significant digits.
 */
export function formatEstimate(cost: number, l10n: L10n = english): string {
  const digits = cost >= 1000 ? formatCount(cost) : Number(cost.toPrecision(4)).toString();
  return l10n.t('≈ {0} price units (estimate)', digits);
}

/**
 * One line for a forecast's tokens: "1,234 prompt + 210 completion tokens", the estimate
 * when a price is set, or that the provider did not report them.
 */
export function usageLine(usage: TokenUsage | null, price?: TokenPrice, l10n: L10n = english): string {
  if (usage === null) return l10n.t('tokens not reported by the provider');
  const tokens = l10n.t(
    '{0} prompt + {1} completion tokens',
    formatCount(usage.promptTokens),
    formatCount(usage.completionTokens),
  );
  return price ? l10n.t('{0}, {1}', tokens, formatEstimate(estimateCost(usage, price), l10n)) : tokens;
}
