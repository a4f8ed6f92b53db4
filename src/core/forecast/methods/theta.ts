import { type ForecastMethod, mean } from './method';

/**
 * Theta (Assimakopoulos & Nikolopoulos) on the seasonally adjusted series:
 * classical decomposition with period p (multiplicative when the series is positive,
 * additive otherwise), simple exponential smoothing (α by grid search) of the adjusted
 * series plus half the slope of its linear trend (the θ = 0 and θ = 2 lines combined),
 * then the seasonal indices are put back.
 */
export function thetaDeseasonalized(period: number): ForecastMethod {
  return {
    id: `theta-${period}`,
    minLength: 2 * period + 2,
    forecast(y, { horizon }) {
      const n = y.length;
      const multiplicative = y.every((v) => v > 0);
      const index = seasonalIndices(y, period, multiplicative);
      const adj = new Float64Array(n);
      for (let t = 0; t < n; t++)
        adj[t] = multiplicative
          ? (y[t] as number) / (index[t % period] as number)
          : (y[t] as number) - (index[t % period] as number);
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
      const { level, alpha } = ses(adj);
      const out = new Float64Array(horizon);
      for (let j = 0; j < horizon; j++) {
        // Hyndman & Billah: SES level plus b/2 · (h − 1 + 1/α − (1 − α)^n / α)
        const drift = (slope / 2) * (j + 1 / alpha - (1 - alpha) ** n / alpha);
        const base = level + drift;
        const s = index[(n + j) % period] as number;
        out[j] = multiplicative ? base * s : base + s;
      }
      return out;
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
  for (let t = half; t + period - half < n; t++) {
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
    sums[t % period] = (sums[t % period] as number) + ratio;
    counts[t % period] = (counts[t % period] as number) + 1;
  }
  const index = new Float64Array(period);
  for (let k = 0; k < period; k++)
    index[k] = (counts[k] as number) > 0 ? (sums[k] as number) / (counts[k] as number) : multiplicative ? 1 : 0;
  const avg = mean(index);
  for (let k = 0; k < period; k++) index[k] = multiplicative ? (index[k] as number) / avg : (index[k] as number) - avg;
  return index;
}

/** Simple exponential smoothing, α from a grid minimising one-step squared error. */
export function ses(y: Float64Array): { level: number; alpha: number } {
  let best = { sse: Infinity, alpha: 0.5, level: y[y.length - 1] as number };
  for (let alpha = 0.05; alpha <= 1.0001; alpha += 0.05) {
    let l = y[0] as number;
    let sse = 0;
    for (let t = 1; t < y.length; t++) {
      const e = (y[t] as number) - l;
      sse += e * e;
      l += alpha * e;
    }
    if (sse < best.sse) best = { sse, alpha, level: l };
  }
  return { level: best.level, alpha: best.alpha };
}
