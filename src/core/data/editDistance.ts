/** Only this many characters of each side are compared, so one comparison costs at most 64 × 64 steps. */
const MAX_COMPARED = 64;

/**
 * The Levenshtein distance between the first 64 characters of `a` and of `b` (insertions,
 * deletions and substitutions, each costing 1), in two rows of memory. Bounded work, for
 * "did you mean" suggestions, not an exact distance between long strings. Once every
 * entry of a row exceeds `limit` the answer can only be larger, and `limit + 1` is returned.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const s = a.slice(0, MAX_COMPARED);
  const t = b.slice(0, MAX_COMPARED);
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let previous = new Int32Array(t.length + 1);
  let current = new Int32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMin = i;
    const c = s.charCodeAt(i - 1);
    for (let j = 1; j <= t.length; j++) {
      const substitution = (previous[j - 1] as number) + (c === t.charCodeAt(j - 1) ? 0 : 1);
      const d = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[t.length] as number;
}
