import { type ForecastMethod, mean } from './method';

const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];
const BETAS = [0.001, 0.01, 0.05, 0.15];
const GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.35];
const PHIS = [0.9, 0.95, 0.98];

/**
 * Damped additive Holt-Winters with seasonal period p:
 *   l_t = α(y_t − s_{t−p}) + (1−α)(l_{t−1} + φ b_{t−1})
 *   b_t = β(l_t − l_{t−1}) + (1−β) φ b_{t−1}
 *   s_t = γ(y_t − l_t) + (1−γ) s_{t−p}
 *   ŷ_{t+h} = l_t + (φ + … + φ^h) b_t + s_{t+h−p⌈h/p⌉}
 * Initial level and season from the first two periods; (α, β, γ, φ) minimise the in-sample
 * one-step squared error over a fixed grid (deterministic, no random restarts).
 */
export function holtWintersDamped(period: number): ForecastMethod {
  return {
    id: `hw-damped-${period}`,
    minLength: 2 * period + 2,
    forecast(y, { horizon }) {
      const n = y.length;
      const l0 = mean(y, 0, period);
      const b0 = (mean(y, period, 2 * period) - l0) / period;
      const s0 = new Float64Array(period);
      for (let i = 0; i < period; i++) s0[i] = (y[i] as number) - l0;
      const season = new Float64Array(period);
      let best = { sse: Infinity, a: 0.2, b: 0.01, g: 0.1, phi: 0.95 };
      for (const a of ALPHAS)
        for (const b of BETAS)
          for (const g of GAMMAS)
            for (const phi of PHIS) {
              season.set(s0);
              let l = l0;
              let tr = b0;
              let sse = 0;
              for (let t = period; t < n; t++) {
                const si = t % period;
                const s = season[si] as number;
                const yt = y[t] as number;
                const e = yt - (l + phi * tr + s);
                sse += e * e;
                if (sse >= best.sse) break;
                const lNew = a * (yt - s) + (1 - a) * (l + phi * tr);
                tr = b * (lNew - l) + (1 - b) * phi * tr;
                season[si] = g * (yt - lNew) + (1 - g) * s;
                l = lNew;
              }
              if (sse < best.sse) best = { sse, a, b, g, phi };
            }
      // final pass with the chosen parameters
      season.set(s0);
      let l = l0;
      let tr = b0;
      for (let t = period; t < n; t++) {
        const si = t % period;
        const s = season[si] as number;
        const yt = y[t] as number;
        const lNew = best.a * (yt - s) + (1 - best.a) * (l + best.phi * tr);
        tr = best.b * (lNew - l) + (1 - best.b) * best.phi * tr;
        season[si] = best.g * (yt - lNew) + (1 - best.g) * s;
        l = lNew;
      }
      const out = new Float64Array(horizon);
      let damp = 0;
      for (let j = 0; j < horizon; j++) {
        damp += best.phi ** (j + 1);
        out[j] = l + damp * tr + (season[(n + j) % period] as number);
      }
      return out;
    },
  };
}
