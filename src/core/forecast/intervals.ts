/**
 * Prediction intervals by locally weighted split-conformal prediction (Lei et al., 2018)
 * over backtest residuals r_{w,j} = actual − forecast (window w, horizon step j).
 *
 * 1. Scale per step: σ_j = root mean square of the residuals of every window at the steps
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
  const sigma = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let ss = 0;
    let count = 0;
    for (const r of residuals) {
      for (let i = Math.max(0, j - neighbourhood); i <= Math.min(h - 1, j + neighbourhood) && i < r.length; i++) {
        ss += (r[i] as number) ** 2;
        count++;
      }
    }
    sigma[j] = count ? Math.sqrt(ss / count) : 0;
  }
  const scores: number[] = [];
  for (const r of residuals) for (let j = 0; j < Math.min(h, r.length); j++) if ((sigma[j] as number) > 0) scores.push(Math.abs(r[j] as number) / (sigma[j] as number));
  scores.sort((a, b) => a - b);
  const multiplier = conformalQuantile(scores, level);
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const half = multiplier * (sigma[j] as number);
    lower[j] = (forecast[j] as number) - half;
    upper[j] = (forecast[j] as number) + half;
  }
  return { lower, upper, multiplier };
}

/** The ⌈(N + 1)·level⌉-th smallest of sorted scores; beyond N, the largest plus the last gap. */
export function conformalQuantile(sorted: readonly number[], level: number): number {
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
export function leaveOneOutCoverage(residuals: readonly Float64Array[], level: number, neighbourhood: number): number | null {
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
