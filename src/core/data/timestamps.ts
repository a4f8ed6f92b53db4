const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const NUMBER = /^[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A timestamp cell to epoch milliseconds, or undefined when it is not one:
 * ISO 8601 (a time without a zone is taken as UTC), epoch seconds (a number below 10^11,
 * i.e. before the year 5138) or epoch milliseconds (10^11 and above).
 */
export function parseTimestamp(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (NUMBER.test(s)) {
    const n = Number(s);
    if (!Number.isFinite(n)) return undefined;
    return Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  if (!ISO.test(s)) return undefined;
  const normalized = s.replace(' ', 'T');
  const ms = Date.parse(HAS_ZONE.test(normalized) || !normalized.includes('T') ? normalized : `${normalized}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A value cell: a plain number. Returns undefined for an empty cell (a missing value), NaN for anything else. */
export function parseValue(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  return NUMBER.test(s) ? Number(s) : NaN;
}
