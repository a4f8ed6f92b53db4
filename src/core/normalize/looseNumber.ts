const MULTIPLIER: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9, t: 1e12, T: 1e12 };

/**
 * A number as models write it: 85, "85", "85%", "1.2k", "3,400", "1_000", "12 ms",
 * "1.5 GB" (a unit word is dropped; a lone k/M/G/T suffix multiplies). Returns NaN for
 * text that is not such a number, and NaN for null (a missing value).
 */
export function looseNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  const s = value.trim();
  const match =
    /^([+-]?(?:\d{1,3}(?:[,_ ]\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([a-zA-Z%/µ]*)$/.exec(s) ??
    /^([+-]?\.\d+)\s*([a-zA-Z%/µ]*)$/.exec(s);
  if (!match) return NaN;
  // Stryker disable next-line StringLiteral: a match always has its number group
  const number = Number((match[1] ?? '').replace(/[,_ ]/g, ''));
  // Stryker disable next-line StringLiteral: a match always has its unit group (perhaps empty)
  const suffix = match[2] ?? '';
  const multiplier = suffix.length === 1 ? MULTIPLIER[suffix] : undefined;
  return multiplier ? number * multiplier : number;
}
