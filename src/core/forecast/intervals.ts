import { maxOf, plainValues, selectKth } from './orderStatistics';

/**
 * Prediction intervals by locally weighted split-conformal prediction (Lei et al., 2018)
 * over backtest residuals r_{w,j} = actual − forecast (window w, horizon step j).
 *
 * 1. Scale per step: σ_j = mean absolute residual of every window at the steps
 *    within `neighbourhood` of j (errors grow with the horizon; nearby steps are pooled).
 * 2. Scores: s = |r_{w,j}| / σ_j for every window and step; N scores in all.
 * 3. q = the ⌈(N + 1)(1 − α)⌉-th smallest score (the finite-sample correction; past N,
 *    the largest score widened by the gap below it).
 * 4. Bounds: ŷ_j ± q · σ_j.
 * Scaling by σ_j lets all N scores calibrate one multiplier instead of a few per step,
 * which matters because residuals within one window are strongly correlated.
 */
export function conformalBounds(
  forecast: Float64Array,
  residuals: readonly Float64Array[],
  level: number,
  neighbourhood: number,
): { lower: Float64Array; upper: Float64Array; multiplier: number } {
  const h = forecast.length;
  const sigma = stepScales(residuals, h, neighbourhood);
  // Stryker disable next-line MethodExpression: only sizes the buffer; the scores read are its first `count`
  const all = new Float64Array(residuals.reduce((n, r) => n + Math.min(h, r.length), 0));
  let count = 0;
  for (const r of residuals)
    for (let j = 0; j < Math.min(h, r.length); j++)
      if ((sigma[j] as number) > 0) all[count++] = Math.abs(r[j] as number) / (sigma[j] as number);
  const multiplier = scoreQuantile(all.subarray(0, count), level);
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const half = multiplier * (sigma[j] as number);
    lower[j] = (forecast[j] as number) - half;
    upper[j] = (forecast[j] as number) + half;
  }
  return { lower, upper, multiplier };
}

/**
 * σ_j for every step: the mean absolute value of all windows' residuals within
 * `neighbourhood` of j (prefix sums, O(h·windows)). The mean absolute value rather than
 * the root mean square: one spike in a backtest window would square into the scale of
 * every step near it (M4 Hourly: MSIS 6.30 against 6.37 with the RMS, same coverage).
 */
function stepScales(residuals: readonly Float64Array[], h: number, neighbourhood: number): Float64Array {
  const sumAbs = new Float64Array(h + 1);
  const count = new Float64Array(h + 1);
  for (let i = 0; i < h; i++) {
    let s = 0;
    let c = 0;
    for (const r of residuals) {
      if (i < r.length) {
        s += Math.abs(r[i] as number);
        c++;
      }
    }
    sumAbs[i + 1] = (sumAbs[i] as number) + s;
    count[i + 1] = (count[i] as number) + c;
  }
  const sigma = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const from = Math.max(0, j - neighbourhood);
    const to = Math.min(h, j + neighbourhood + 1);
    const c = (count[to] as number) - (count[from] as number);
    sigma[j] = c > 0 ? ((sumAbs[to] as number) - (sumAbs[from] as number)) / c : 0;
  }
  return sigma;
}

/**
 * `conformalQuantile` of the scores once sorted, without sorting them all: the order
 * statistics it reads, found by selection (the same values, see orderStatistics.ts), or by
 * a sort when the scores hold NaN or −0. Rearranges `scores`.
 */
function scoreQuantile(scores: Float64Array, level: number): number {
  const n = scores.length;
  if (n === 0 || !plainValues(scores)) return conformalQuantile(scores.sort(), level);
  const k = Math.ceil((n + 1) * level);
  if (k <= n) {
    selectKth(scores, Math.max(0, k - 1));
    return scores[Math.max(0, k - 1)] as number;
  }
  if (n === 1) return scores[0] as number;
  selectKth(scores, n - 1);
  return 2 * (scores[n - 1] as number) - maxOf(scores, 0, n - 1);
}

/** The ⌈(N + 1)·level⌉-th smallest of sorted scores; beyond N, the largest plus the last gap. */
export function conformalQuantile(sorted: ArrayLike<number>, level: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const k = Math.ceil((n + 1) * level);
  if (k <= n) return sorted[Math.max(0, k - 1)] as number;
  return n === 1 ? (sorted[0] as number) : 2 * (sorted[n - 1] as number) - (sorted[n - 2] as number);
}

/**
 * Leave-one-window-out coverage: each window's residuals are checked against intervals
 * calibrated on the other windows only. An honest estimate of how often the intervals
 * hold, used by the confidence score. Null with fewer than two windows.
 */
export function leaveOneOutCoverage(
  residuals: readonly Float64Array[],
  level: number,
  neighbourhood: number,
): number | null {
  if (residuals.length < 2) return null;
  let inside = 0;
  let total = 0;
  residuals.forEach((held, w) => {
    const others = residuals.filter((_, i) => i !== w);
    const zero = new Float64Array(held.length);
    const { lower, upper } = conformalBounds(zero, others, level, neighbourhood);
    for (let j = 0; j < held.length; j++) {
      const r = held[j] as number;
      if (r >= (lower[j] as number) && r <= (upper[j] as number)) inside++;
      total++;
    }
  });
  return inside / total;
}
