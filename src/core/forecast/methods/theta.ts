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
    for (let t = 0; t < n; t++) {
      sxy += (t - tMean) * ((adj[t] as number) - yMean);
      sxx += (t - tMean) ** 2;
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
      return forecast(y, horizon, -1).out;
    },
    // the backtest's origins in turn, each one's smoothing search starting from the previous one's α
    forecastOrigins(y, origins, { horizon }) {
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
  for (let t = half, phase = half % period; t + period - half < n; t++, phase = phase + 1 === period ? 0 : phase + 1) {
    const start = t - half;
    let ma: number;
    if (period % 2 === 0) {
      const next = window - (y[start] as number) + (y[start + period] as number);
      ma = (window + next) / (2 * period);
      window = next;
    } else {
      ma = window / period;
      window = window - (y[start] as number) + (y[start + period] as number);
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
  const { level, alpha } = sesFit(y, -1);
  return { level, alpha };
}

/**
 * `ses` and the index of its α in the grid: the grid's first α of least error. `guess` (a
 * grid index) is run first; its error bounds the others, each stopped once its error
 * exceeds the best so far (a sum of squares only grows, so a stopped run cannot be the
 * minimum; ties go on and are decided by grid order). The same result as the plain search.
 */
function sesFit(y: Float64Array, guess: number): { level: number; alpha: number; alphaIndex: number } {
  let best = { sse: Infinity, alpha: 0.5, level: y[y.length - 1] as number, alphaIndex: -1 };
  const run = (i: number): void => {
    const alpha = SES_ALPHAS[i] as number;
    let l = y[0] as number;
    let sse = 0;
    for (let t = 1; t < y.length && sse <= best.sse; t++) {
      const e = (y[t] as number) - l;
      sse += e * e;
      l += alpha * e;
    }
    if (sse < best.sse || (sse === best.sse && i < best.alphaIndex)) best = { sse, alpha, level: l, alphaIndex: i };
  };
  if (guess >= 0 && guess < SES_ALPHAS.length) run(guess);
  for (let i = 0; i < SES_ALPHAS.length; i++) if (i !== guess) run(i);
  return { level: best.level, alpha: best.alpha, alphaIndex: best.alphaIndex };
}
