import { type ForecastMethod } from './method';

/** Seasonal naive: each step repeats the value one period earlier. ŷ[n+j] = y[n − p + (j mod p)]. */
export function seasonalNaive(period: number): ForecastMethod {
  return {
    id: period === 1 ? 'naive' : `snaive-${period}`,
    minLength: period,
    forecast(y, { horizon }) {
      const out = new Float64Array(horizon);
      const n = y.length;
      for (let j = 0; j < horizon; j++) out[j] = y[n - period + (j % period)] as number;
      return out;
    },
  };
}
