import { type BreachSide } from '../base/forecastSchema';

/**
 * Breach times and probability for one metric. Times are in steps after the last
 * observation (step 0 = the last observation, step j = the j-th forecast point); the
 * caller turns them into timestamps.
 *
 * Crossing time: the path starts at the last observed value and runs through the
 * forecast points; the first segment that reaches the capacity C is interpolated
 * linearly, t = (j − 1) + (C − v_{j−1}) / (v_j − v_{j−1}). A path that starts beyond C
 * crosses at 0.
 *   expected = crossing of the point forecast
 *   earliest = crossing of the pessimistic bound (upper when breach is above, lower when below)
 *   latest   = crossing of the optimistic bound
 *
 * Probability of a breach within the horizon: the predictive distribution at step j is
 * taken as normal with mean ŷ_j and σ_j = (upper_j − lower_j) / (2·z), z the standard
 * normal quantile of the interval level; p_j = P(beyond C at step j). Forecast errors of
 * neighbouring steps are strongly correlated (a level error persists), so the horizon's
 * probability is max_j p_j, the exact value when errors are perfectly correlated and a
 * lower bound otherwise. An observation already beyond C makes it 1.
 */
export interface BreachSteps {
  readonly expected: number | null;
  readonly earliest: number | null;
  readonly latest: number | null;
  readonly probability: number;
  readonly alreadyBreached: boolean;
}

export function crossingStep(
  start: number,
  path: ArrayLike<number>,
  capacity: number,
  side: BreachSide,
): number | null {
  const beyond = (v: number): boolean => (side === 'above' ? v >= capacity : v <= capacity);
  if (beyond(start)) return 0;
  let previous = start;
  for (let j = 0; j < path.length; j++) {
    const v = path[j] as number;
    if (beyond(v)) return j + (capacity - previous) / (v - previous);
    previous = v;
  }
  return null;
}

export function breachSteps(
  last: number,
  point: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  capacity: number,
  side: BreachSide,
  level: number,
): BreachSteps {
  const pessimistic = side === 'above' ? upper : lower;
  const optimistic = side === 'above' ? lower : upper;
  const alreadyBreached = side === 'above' ? last >= capacity : last <= capacity;
  const z = normalQuantile(0.5 + level / 2);
  let probability = alreadyBreached ? 1 : 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: stopping at 1 only saves work, no p exceeds 1
  for (let j = 0; j < point.length && probability < 1; j++) {
    const sigma = ((upper[j] as number) - (lower[j] as number)) / (2 * z);
    const distance = side === 'above' ? capacity - (point[j] as number) : (point[j] as number) - capacity;
    const p = sigma > 0 ? 1 - normalCdf(distance / sigma) : distance <= 0 ? 1 : 0;
    // Stryker disable next-line EqualityOperator: on a tie, assigning the same value changes nothing
    if (p > probability) probability = p;
  }
  return {
    expected: crossingStep(last, point, capacity, side),
    earliest: crossingStep(last, pessimistic, capacity, side),
    latest: crossingStep(last, optimistic, capacity, side),
    probability,
    alreadyBreached,
  };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; absolute error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Standard normal quantile (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - 0.02425) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}
