import { type ForecastMethod } from './method';

const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1];
const BETAS = [0.01, 0.05, 0.15];
const PHIS = [0.8, 0.9, 0.98];
/** The fit reads at most this many recent points: enough for the parameters, bounded on long histories. */
const FIT_SPAN = 2016;

/**
 * Simple exponential smoothing, l_t = l_{t−1} + α(y_t − l_{t−1}), flat forecast l_n; α
 * minimises the one-step squared error over a fixed grid (α = 1 is the naive forecast).
 */
export function simpleExponentialSmoothing(): ForecastMethod {
  return {
    id: 'ses',
    minLength: 8,
    forecast(y, { horizon }) {
      const from = Math.max(0, y.length - FIT_SPAN);
      let best = { sse: Infinity, level: y[y.length - 1] as number };
      for (const alpha of ALPHAS) {
        let l = y[from] as number;
        let sse = 0;
        for (let t = from + 1; t < y.length && sse < best.sse; t++) {
          const e = (y[t] as number) - l;
          sse += e * e;
          l += alpha * e;
        }
        if (sse < best.sse) best = { sse, level: l };
      }
      return new Float64Array(horizon).fill(best.level);
    },
  };
}

/**
 * Damped-trend exponential smoothing (Gardner & McKenzie, ETS(A,Ad,N)):
 *   l_t = α y_t + (1−α)(l_{t−1} + φ b_{t−1}),  b_t = β(l_t − l_{t−1}) + (1−β) φ b_{t−1}
 *   ŷ_{n+h} = l_n + (φ + … + φ^h) b_n
 * (α, β, φ) minimise the one-step squared error over a fixed grid; deterministic. A trend
 * that levels off is the safe default for growth: it follows a ramp without promising
 * that it goes on for ever.
 */
export function dampedTrend(): ForecastMethod {
  return {
    id: 'ets-damped',
    minLength: 16,
    forecast(y, { horizon }) {
      const n = y.length;
      const from = Math.max(0, n - FIT_SPAN);
      const l0 = y[from] as number;
      const b0 = ((y[from + 3] as number) - l0) / 3;
      let best = { sse: Infinity, l: y[n - 1] as number, b: 0, phi: 0.9 };
      for (const a of ALPHAS)
        for (const beta of BETAS)
          for (const phi of PHIS) {
            let l = l0;
            let b = b0;
            let sse = 0;
            for (let t = from + 1; t < n && sse < best.sse; t++) {
              const yt = y[t] as number;
              const e = yt - (l + phi * b);
              sse += e * e;
              const lNew = l + phi * b + a * e;
              b = phi * b + beta * (lNew - l - phi * b);
              l = lNew;
            }
            if (sse < best.sse) best = { sse, l, b, phi };
          }
      const out = new Float64Array(horizon);
      let damp = 0;
      for (let j = 0; j < horizon; j++) {
        damp += best.phi ** (j + 1);
        out[j] = best.l + damp * best.b;
      }
      return out;
    },
  };
}
