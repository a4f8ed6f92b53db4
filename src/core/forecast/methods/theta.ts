import { firstLeastError } from './gridSearch';
import { type ForecastMethod, mean } from './method';

/**
 * Theta (Assimakopoulos & Nikolopoulos) on the seasonally adjusted series:
 * classical decomposition with period p (multiplicative when the series is positive,
 * additive otherwise), simple exponential smoothing (α by grid search) of the adjusted
 * series plus half the slope of its linear trend (the θ = 0 and θ = 2 lines combined),
 * then the seasonal indices are put back.
 */
export function thetaDeseasonalized(period: number): ForecastMethod {
  const forecast = (y: Float64Array, horizon: number, guess: number): { out: Float64Array; alphaIndex: number } => {
    const n = y.length;
    let multiplicative = true;
    for (let t = 0; t < n; t++)
      if (!((y[t] as number) > 0)) {
        multiplicative = false;
        break;
      }
    const index = seasonalIndices(y, period, multiplicative);
    const adj = new Float64Array(n);
    // phase = t mod period, counted rather than divided
    for (let t = 0, phase = 0; t < n; t++, phase = phase + 1 === period ? 0 : phase + 1)
      adj[t] = multiplicative
        ? (y[t] as number) / (index[phase] as number)
        : (y[t] as number) - (index[phase] as number);
    // linear trend slope by least squares
    const tMean = (n - 1) / 2;
    const yMean = mean(adj);
    let sxy = 0;
    let sxx = 0;
    // d · d, not d ** 2: the same number (V8's pow squares by multiplying), without a call to
    // pow per point, which V8 makes even in optimized code
    for (let t = 0; t < n; t++) {
      const d = t - tMean;
      sxy += d * ((adj[t] as number) - yMean);
      sxx += d * d;
    }
    const slope = sxy / sxx;
    const { level, alpha, alphaIndex } = sesFit(adj, guess);
    const out = new Float64Array(horizon);
    // the same for every step (worked out once, the same values)
    const inverse = 1 / alpha;
    const tail = (1 - alpha) ** n / alpha;
    for (let j = 0, phase = n % period; j < horizon; j++, phase = phase + 1 === period ? 0 : phase + 1) {
      // Hyndman & Billah: SES level plus b/2 · (h − 1 + 1/α − (1 − α)^n / α)
      const drift = (slope / 2) * (j + inverse - tail);
      const base = level + drift;
      const s = index[phase] as number;
      out[j] = multiplicative ? base * s : base + s;
    }
    return { out, alphaIndex };
  };
  return {
    id: `theta-${period}`,
    minLength: 2 * period + 2,
    forecast(y, { horizon }) {
      // Stryker disable next-line UnaryOperator: the α tried first only orders the search; the grid's first minimum wins
      return forecast(y, horizon, -1).out;
    },
    // the backtest's origins in turn, each one's smoothing search starting from the previous one's α
    forecastOrigins(y, origins, { horizon }) {
      // Stryker disable next-line UnaryOperator: the α tried first only orders the search; the grid's first minimum wins
      let guess = -1;
      return origins.map((o) => {
        const { out, alphaIndex } = forecast(y.subarray(0, o), horizon, guess);
        guess = alphaIndex;
        return out;
      });
    },
  };
}

/** Classical decomposition indices by phase (centred moving average, normalised). */
export function seasonalIndices(y: Float64Array, period: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  const half = Math.floor(period / 2);
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  // centred moving average of order p (2×p when p is even)
  let window = 0;
  for (let i = 0; i < period; i++) window += y[i] as number;
  // every centre whose window fits: t − half … t + half (as R's decompose())
  for (let t = half, phase = half % period; t + half < n; t++, phase = phase + 1 === period ? 0 : phase + 1) {
    const start = t - half;
    let ma: number;
    if (period % 2 === 0) {
      const next = window - (y[start] as number) + (y[start + period] as number);
      ma = (window + next) / (2 * period);
      window = next;
    } else {
      ma = window / period;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: past the last centre the window is not read again
      if (start + period < n) window = window - (y[start] as number) + (y[start + period] as number);
    }
    const ratio = multiplicative ? (y[t] as number) / ma : (y[t] as number) - ma;
    sums[phase] = (sums[phase] as number) + ratio;
    counts[phase] = (counts[phase] as number) + 1;
  }
  const index = new Float64Array(period);
  for (let k = 0; k < period; k++)
    index[k] = (counts[k] as number) > 0 ? (sums[k] as number) / (counts[k] as number) : multiplicative ? 1 : 0;
  const avg = mean(index);
  for (let k = 0; k < period; k++) index[k] = multiplicative ? (index[k] as number) / avg : (index[k] as number) - avg;
  return index;
}

/** The α grid of `ses`: 0.05, 0.10, … 1.00, each the previous plus 0.05 (so with its rounding). */
const SES_ALPHAS: readonly number[] = (() => {
  const alphas: number[] = [];
  for (let alpha = 0.05; alpha <= 1.0001; alpha += 0.05) alphas.push(alpha);
  return alphas;
})();

/** Simple exponential smoothing, α from a grid minimising one-step squared error. */
export function ses(y: Float64Array): { level: number; alpha: number } {
  // Stryker disable next-line UnaryOperator: the α tried first only orders the search; the grid's first minimum wins
  const { level, alpha } = sesFit(y, -1);
  return { level, alpha };
}

/**
 * Four of sesFit's runs through y[start, end), from and into their level and error, four
 * chains at once (see `GridRuns`).
 */
function sesFour(
  y: Float64Array,
  start: number,
  end: number,
  i0: number,
  i1: number,
  i2: number,
  i3: number,
  level: Float64Array,
  error: Float64Array,
): void {
  const a0 = SES_ALPHAS[i0] as number;
  const a1 = SES_ALPHAS[i1] as number;
  const a2 = SES_ALPHAS[i2] as number;
  const a3 = SES_ALPHAS[i3] as number;
  let l0 = level[i0] as number;
  let l1 = level[i1] as number;
  let l2 = level[i2] as number;
  let l3 = level[i3] as number;
  let s0 = error[i0] as number;
  let s1 = error[i1] as number;
  let s2 = error[i2] as number;
  let s3 = error[i3] as number;
  for (let t = start; t < end; t++) {
    const yt = y[t] as number;
    const e0 = yt - l0;
    const e1 = yt - l1;
    const e2 = yt - l2;
    const e3 = yt - l3;
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    s3 += e3 * e3;
    l0 += a0 * e0;
    l1 += a1 * e1;
    l2 += a2 * e2;
    l3 += a3 * e3;
  }
  level[i0] = l0;
  level[i1] = l1;
  level[i2] = l2;
  level[i3] = l3;
  error[i0] = s0;
  error[i1] = s1;
  error[i2] = s2;
  error[i3] = s3;
}

/** One of sesFit's runs through y[start, end), from and into its level and error. */
function sesOne(
  y: Float64Array,
  start: number,
  end: number,
  i: number,
  level: Float64Array,
  error: Float64Array,
): void {
  const alpha = SES_ALPHAS[i] as number;
  let l = level[i] as number;
  let sse = error[i] as number;
  for (let t = start; t < end; t++) {
    const e = (y[t] as number) - l;
    sse += e * e;
    l += alpha * e;
  }
  level[i] = l;
  error[i] = sse;
}

/**
 * `ses` and the index of its α in the grid: the grid's first α of least error, with its
 * final level, found by `firstLeastError`; `guess` (a grid index, e.g. the previous
 * origin's α) is run first. With no α whose error is finite, α = 0.5 and the last value.
 */
function sesFit(y: Float64Array, guess: number): { level: number; alpha: number; alphaIndex: number } {
  const level = new Float64Array(SES_ALPHAS.length).fill(y[0] as number);
  const error = new Float64Array(SES_ALPHAS.length);
  const best = firstLeastError(
    {
      error,
      four: (start, end, i0, i1, i2, i3) => sesFour(y, start, end, i0, i1, i2, i3, level, error),
      one: (start, end, i) => sesOne(y, start, end, i, level, error),
    },
    1,
    y.length,
    guess,
  );
  // Stryker disable next-line UnaryOperator: the index is kept only when no α fits, as the next origin's first try
  if (best < 0) return { level: y[y.length - 1] as number, alpha: 0.5, alphaIndex: -1 };
  return { level: level[best] as number, alpha: SES_ALPHAS[best] as number, alphaIndex: best };
}
