import { type ForecastMethod } from './method';
import { solveRidge } from './linear';

/**
 * Seasonal autoregression: y_t = c + Σ_k w_k · y_{t − k·p} for k = 1…lags (p the shortest
 * period; with p = 24 on hourly data, lag 7 is the weekly lag), fitted by weighted least
 * squares (weights halve every `halfLife` steps back, so recent behaviour counts more,
 * with a small ridge), on log values when the series is positive. Forecasts are
 * recursive. The last one-step residuals carry on through an AR(1) on the residuals:
 * the forecast at step j is corrected by ρ^j · ē, where ē is the mean residual of the
 * last few steps and ρ their lag-1 autocorrelation.
 */
export function seasonalAr(lags: number, halfLife: number, useLog: boolean): ForecastMethod {
  return {
    id: `sar-${lags}${useLog ? '-log' : ''}-hl${halfLife}`,
    minLength: 0,
    forecast(y, { horizon, periods }) {
      const p = periods[0] ?? 1;
      const n = y.length;
      const logged = useLog && y.every((v) => v > 0);
      const z = logged ? y.map(Math.log) : Float64Array.from(y);
      const k = Math.max(1, Math.min(lags, Math.floor((n - 2 * p) / p)));
      const size = k + 1;
      const ata = new Float64Array(size * size);
      const atb = new Float64Array(size);
      const row = new Float64Array(size);
      const decay = Math.pow(0.5, 1 / halfLife);
      let w = 1;
      let wsum = 0;
      for (let t = n - 1; t >= k * p; t--, w *= decay) {
        row[0] = 1;
        for (let i = 1; i <= k; i++) row[i] = z[t - i * p] as number;
        const target = z[t] as number;
        for (let i = 0; i < size; i++) {
          const ri = (row[i] as number) * w;
          atb[i] = (atb[i] as number) + ri * target;
          for (let j = 0; j <= i; j++) ata[i * size + j] = (ata[i * size + j] as number) + ri * (row[j] as number);
        }
        wsum += w;
      }
      for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) ata[i * size + j] = ata[j * size + i] as number;
      // ridge relative to the data's scale keeps the fit stable when lags are collinear
      let trace = 0;
      for (let i = 1; i < size; i++) trace += ata[i * size + i] as number;
      const coef = solveRidge(ata, atb, size, (1e-4 * trace) / Math.max(1, k) + 1e-9 * wsum);
      // in-sample residuals of the last 2p steps, for the AR(1) correction
      const fitted = (t: number, series: Float64Array): number => {
        let v = coef[0] as number;
        for (let i = 1; i <= k; i++) v += (coef[i] as number) * (series[t - i * p] as number);
        return v;
      };
      const tail = Math.min(2 * p, n - k * p);
      const resid = new Float64Array(tail);
      for (let i = 0; i < tail; i++) {
        const t = n - tail + i;
        resid[i] = (z[t] as number) - fitted(t, z);
      }
      let num = 0;
      let den = 0;
      for (let i = 1; i < tail; i++) {
        num += (resid[i] as number) * (resid[i - 1] as number);
        den += (resid[i - 1] as number) ** 2;
      }
      const rho = den > 0 ? Math.max(0, Math.min(0.98, num / den)) : 0;
      const last = resid[tail - 1] ?? 0;
      const ext = new Float64Array(n + horizon);
      ext.set(z);
      const out = new Float64Array(horizon);
      let correction = last;
      for (let j = 0; j < horizon; j++) {
        const t = n + j;
        correction *= rho;
        const v = fitted(t, ext);
        ext[t] = v; // recursion continues from the model, not the corrected value
        out[j] = logged ? Math.exp(v + correction) : v + correction;
      }
      return out;
    },
  };
}
