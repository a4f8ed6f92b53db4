import { median } from './methods/method';

/**
 * Spikes and level shifts in a history, found before fitting. Both are O(n log n) at
 * most over the history (a fixed window for the filter, a bounded recent span for the
 * break), so hostile inputs up to the loader's limits stay cheap.
 */

/**
 * Hampel filter for fitting only: a value more than `nSigma` robust standard deviations
 * (1.4826 · MAD of its window, at least the series' typical distance from its local
 * median) from the median of its neighbours (`halfWidth` each side, fewer at the ends) is
 * replaced by that median, unless the same time one season before or after (any of
 * `periods`) strays the same way: a sharp daily or weekly peak recurs, a spike does not.
 * A run of more than `halfWidth` values at a new level is kept: that is a shift, not a
 * spike. The raw values are still what is shown, what the intervals are calibrated on,
 * and what a breach is measured from.
 */
export function hampel(
  y: Float64Array,
  halfWidth = 3,
  nSigma = 3,
  // Stryker disable next-line ArrayDeclaration: a default holding a non-number is no season (p > 1 is false), as an empty one has none
  periods: readonly number[] = [],
): { values: Float64Array; replaced: number } {
  const n = y.length;
  const out = Float64Array.from(y);
  const window = new Float64Array(2 * halfWidth + 1);
  const deviations = new Float64Array(2 * halfWidth + 1);
  // pass 1: each value's local median and local scale (1.4826 · MAD of its window)
  const centre = new Float64Array(n);
  const scale = new Float64Array(n);
  // windows of seven inside the series take the fast path: the same medians (see median7)
  const fast = halfWidth === 3 && plainValues(y);
  // Stryker disable next-line EqualityOperator: a step past the end writes beyond the typed arrays, where writes are dropped
  for (let t = 0; t < n; t++) {
    if (fast && t >= 3 && t + 3 < n) {
      median7(y, t - 3, centre, scale, t);
      continue;
    }
    const from = Math.max(0, t - halfWidth);
    const to = Math.min(n, t + halfWidth + 1);
    const size = to - from;
    for (let i = 0; i < size; i++) window[i] = y[from + i] as number;
    const m = smallMedian(window, size);
    for (let i = 0; i < size; i++) deviations[i] = Math.abs((y[from + i] as number) - m);
    centre[t] = m;
    scale[t] = size >= 3 ? 1.4826 * smallMedian(deviations, size) : Infinity;
  }
  // a window of seven holds too few values for its scale alone: noise would often look like a
  // spike. The series' typical distance from its local median is a floor under each scale.
  const distances = new Float64Array(n);
  // Stryker disable next-line EqualityOperator: a step past the end writes beyond the typed array, where writes are dropped
  for (let t = 0; t < n; t++) distances[t] = Math.abs((y[t] as number) - (centre[t] as number));
  // the median by selection where it can (the sorted middle's very value, see median)
  const floor = n ? 1.4826 * median(distances) : 0;
  const sign = new Int8Array(n);
  // Stryker disable next-line EqualityOperator: a step past the end compares NaN (no outlier) and writes nothing
  for (let t = 0; t < n; t++) {
    const sigma = Math.max(scale[t] as number, floor);
    const e = (y[t] as number) - (centre[t] as number);
    if (sigma > 0 && Math.abs(e) > nSigma * sigma) sign[t] = e > 0 ? 1 : -1;
  }
  // pass 2: an outlier that recurs at the same time one season before or after (a sharp daily
  // or weekly peak) is part of the pattern; the others are spikes
  const seasons = periods.filter((p) => p > 1 && p < n);
  let replaced = 0;
  for (let t = 0; t < n; t++) {
    const s = sign[t] as number;
    if (s === 0 || seasons.some((p) => sign[t - p] === s || sign[t + p] === s)) continue;
    out[t] = centre[t] as number;
    replaced++;
  }
  return { values: out, replaced };
}

/**
 * True when every value is finite and none is −0: then values that compare equal have the
 * same bits, so any correct sort gives the same median, and Math.min/max pick the same
 * values as comparisons do.
 */
function plainValues(y: Float64Array): boolean {
  for (let t = 0; t < y.length; t++) {
    const v = y[t] as number;
    if (!Number.isFinite(v) || (v === 0 && 1 / v < 0)) return false;
  }
  // Stryker disable next-line BooleanLiteral: false sends every series the general way, which gives the same values, more slowly
  return true;
}

/**
 * The median of y[from … from + 6] into centre[t], and 1.4826 × the median of their
 * absolute deviations from it into scale[t]: the values of the insertion sorts of the
 * general path (for plain values, see plainValues), found by a sorting network of 16
 * compare-exchanges, and the deviations' median from the two sorted halves either side of the
 * median (the middle deviation, 0, and the third smallest of the two merged halves).
 * Exported for the test that holds it to the plain definition.
 */
export function median7(y: Float64Array, from: number, centre: Float64Array, scale: Float64Array, t: number): void {
  let a0 = y[from] as number;
  let a1 = y[from + 1] as number;
  let a2 = y[from + 2] as number;
  let a3 = y[from + 3] as number;
  let a4 = y[from + 4] as number;
  let a5 = y[from + 5] as number;
  let a6 = y[from + 6] as number;
  let s: number;
  // comparators (0,6) (2,3) (4,5) | (0,2) (1,4) (3,6) | (0,1) (2,5) (3,4) | (1,2) (4,6) | (2,3) (4,5) | (1,2) (3,4) (5,6):
  // each puts the smaller of its pair first (compared, not Math.min/max: the same values for plain
  // values, and no call nor boxed result while V8 has not optimized this yet)
  // Stryker disable EqualityOperator: a comparator that also swaps (or a pick that also takes) equal values moves identical bits
  if (a6 < a0) {
    s = a0;
    a0 = a6;
    a6 = s;
  }
  if (a3 < a2) {
    s = a2;
    a2 = a3;
    a3 = s;
  }
  if (a5 < a4) {
    s = a4;
    a4 = a5;
    a5 = s;
  }
  if (a2 < a0) {
    s = a0;
    a0 = a2;
    a2 = s;
  }
  if (a4 < a1) {
    s = a1;
    a1 = a4;
    a4 = s;
  }
  if (a6 < a3) {
    s = a3;
    a3 = a6;
    a6 = s;
  }
  if (a1 < a0) {
    s = a0;
    a0 = a1;
    a1 = s;
  }
  if (a5 < a2) {
    s = a2;
    a2 = a5;
    a5 = s;
  }
  if (a4 < a3) {
    s = a3;
    a3 = a4;
    a4 = s;
  }
  if (a2 < a1) {
    s = a1;
    a1 = a2;
    a2 = s;
  }
  if (a6 < a4) {
    s = a4;
    a4 = a6;
    a6 = s;
  }
  if (a3 < a2) {
    s = a2;
    a2 = a3;
    a3 = s;
  }
  if (a5 < a4) {
    s = a4;
    a4 = a5;
    a5 = s;
  }
  if (a2 < a1) {
    s = a1;
    a1 = a2;
    a2 = s;
  }
  if (a4 < a3) {
    s = a3;
    a3 = a4;
    a4 = s;
  }
  if (a6 < a5) {
    s = a5;
    a5 = a6;
    a6 = s;
  }
  const m = a3;
  // deviations below the median, ascending (l0 ≤ l1 ≤ l2), and above it (u0 ≤ u1 ≤ u2)
  // (sorted, so each difference is already its absolute value)
  const l0 = m - a2;
  const l1 = m - a1;
  const l2 = m - a0;
  const u0 = a4 - m;
  const u1 = a5 - m;
  const u2 = a6 - m;
  // the third smallest of the two merged: min over i of max(l[i − 1], u[2 − i])
  const m1 = l0 > u1 ? l0 : u1;
  const m2 = l1 > u0 ? l1 : u0;
  let mad = u2 < m1 ? u2 : m1;
  if (m2 < mad) mad = m2;
  if (l2 < mad) mad = l2;
  // Stryker restore EqualityOperator
  centre[t] = m;
  scale[t] = 1.4826 * mad;
}

/** Median of the first `size` values of a small scratch array (insertion sort in place). */
function smallMedian(a: Float64Array, size: number): number {
  for (let i = 1; i < size; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= 0 && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
  const k = size >> 1;
  return size % 2 ? (a[k] as number) : ((a[k - 1] as number) + (a[k] as number)) / 2;
}

/** A persistent change of level: from `index` on, the series runs at `after` instead of `before`. */
export interface LevelShift {
  /** The first step of the new regime. */
  readonly index: number;
  /** Typical value (median) of the last season before the break, and of everything since. */
  readonly before: number;
  readonly after: number;
  /** The shift of the deseasonalized level, what the history before the break is moved by. */
  readonly delta: number;
}

/**
 * The most recent level shift in the last `span` steps (seven seasons, at least 96 steps),
 * or null. On the deseasonalized series (a median seasonal profile removed), the best
 * single split by the CUSUM statistic; it is a break when all of these hold:
 * - the medians either side differ by more than 4 robust standard deviations of the
 *   residuals either side (medians, so one spike cannot make or hide a break);
 * - the change is abrupt: the medians of the `minRun` steps either side of the split
 *   already differ by 60% of it (a steady ramp is growth, not a break);
 * - it persists: at least 80% of the steps since lie nearer the new level than the old,
 *   and there are at least `minRun` of them: a full season (a day on a daily cycle, so
 *   that a day unlike the others is not taken for a new regime), at least 6 steps.
 * Before a break has lasted a season, the selection's guard (a method clearly worse than
 * naive at the latest origin is not combined) is what follows a sudden change.
 * The search repeats after a break found, so the latest of several is the one returned.
 */
export function detectLevelShift(y: Float64Array, periods: readonly number[]): LevelShift | null {
  const n = y.length;
  const p = periods[0] ?? 1;
  const span = Math.min(n, Math.max(96, 7 * p));
  const minRun = Math.max(6, p);
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: the loop's own condition then finds nothing either; this spares deseasonalizing a history too short to search
  if (span < 4 * minRun) return null;
  const offset = n - span;
  const r = deseasonalize(y.subarray(offset), p);
  let from = 0;
  let found: { index: number; delta: number } | null = null;
  for (let round = 0; round < 3 && span - from >= 4 * minRun; round++) {
    const split = bestSplit(r, from, minRun);
    // Stryker disable next-line ConditionalExpression: with 4 · minRun steps left a split always exists (none only when r holds NaN, and testShift then finds no break)
    if (split === null) break;
    const delta = testShift(r, from, split, minRun);
    if (delta === null) break;
    found = { index: split, delta };
    from = split;
  }
  if (!found) return null;
  const at = offset + found.index;
  return {
    index: at,
    before: median(y.subarray(Math.max(0, at - Math.max(p, minRun)), at)),
    after: median(y.subarray(at)),
    delta: found.delta,
  };
}

/** y minus the median seasonal profile of its seasons (each season's deviation from its own median). */
function deseasonalize(y: Float64Array, p: number): Float64Array {
  const n = y.length;
  const seasons = Math.floor(n / p);
  const r = Float64Array.from(y);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a season of one step has a profile of zeros (r is y either way), and the caller's span holds at least four seasons
  if (p < 2 || seasons < 2) return r;
  const levels = new Float64Array(seasons);
  // Stryker disable next-line EqualityOperator: a season past the last writes beyond the typed array, where writes are dropped
  for (let c = 0; c < seasons; c++) levels[c] = median(y.subarray(n - (c + 1) * p, n - c * p));
  const column = new Float64Array(seasons);
  const profile = new Float64Array(p);
  // Stryker disable next-line EqualityOperator: a phase past the last writes beyond the typed array, where writes are dropped
  for (let k = 0; k < p; k++) {
    // Stryker disable next-line EqualityOperator: a season past the last writes beyond the typed array, where writes are dropped
    for (let c = 0; c < seasons; c++) column[c] = (y[n - (c + 1) * p + k] as number) - (levels[c] as number);
    profile[k] = median(column);
  }
  // phase of step t: position within its season counted back from the end
  // Stryker disable next-line EqualityOperator: a step past the end writes beyond the typed array, where writes are dropped
  for (let t = 0; t < n; t++) r[t] = (y[t] as number) - (profile[(((t - n) % p) + p) % p] as number);
  return r;
}

/** argmax over splits of the standardized CUSUM |S_τ − τ/L·S_L| / √(τ(L−τ)/L), with `minRun` steps either side. */
function bestSplit(r: Float64Array, from: number, minRun: number): number | null {
  const length = r.length - from;
  let total = 0;
  for (let t = from; t < r.length; t++) total += r[t] as number;
  let sum = 0;
  let best = -1;
  let at: number | null = null;
  // Stryker disable next-line EqualityOperator: at k = length no steps are left after the split, fewer than minRun, so it is skipped
  for (let k = 1; k < length; k++) {
    sum += r[from + k - 1] as number;
    if (k < minRun || length - k < minRun) continue;
    const stat = Math.abs(sum - (k / length) * total) / Math.sqrt((k * (length - k)) / length);
    if (stat > best) {
      best = stat;
      at = from + k;
    }
  }
  return at;
}

/**
 * The shift across `split` when it is a break by the tests above, else null: the median of
 * the `minRun` steps after it less that of the `minRun` before (on a clean step the same as
 * the whole medians' difference, which the tests use; on a short ramp into the new level, less).
 */
function testShift(r: Float64Array, from: number, split: number, minRun: number): number | null {
  const before = r.subarray(from, split);
  const after = r.subarray(split);
  const m0 = median(before);
  const m1 = median(after);
  const delta = m1 - m0;
  const spread = (part: Float64Array, m: number): number => 1.4826 * median(part.map((v) => Math.abs(v - m)));
  const noise = Math.max(spread(before, m0), spread(after, m1), 1e-9 * (Math.abs(m0) + Math.abs(m1)));
  if (!(Math.abs(delta) > 4 * noise)) return null;
  const local = median(r.subarray(split, split + minRun)) - median(r.subarray(split - minRun, split));
  if (!(local * Math.sign(delta) > 0.6 * Math.abs(delta))) return null;
  let nearer = 0;
  for (const v of after) if (Math.abs(v - m1) < Math.abs(v - m0)) nearer++;
  return nearer >= 0.8 * after.length ? local : null;
}
