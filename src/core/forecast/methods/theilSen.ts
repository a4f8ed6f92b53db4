import { type ForecastMethod, median } from './method';

/**
 * Robust linear trend (Theil–Sen) for monotone resources such as disk usage: the slope is
 * the median of pairwise slopes between the means of `blocks` equal blocks of the recent
 * history (a block per season when the data is seasonal, which cancels the cycle), the
 * intercept the median of y − slope·t over the last block; the seasonal deviation of the
 * last period is added back when there is one.
 */
export function theilSenTrend(blocks = 8): ForecastMethod {
  return {
    id: 'theil-sen',
    minLength: 16,
    forecast(y, { horizon, periods }) {
      const n = y.length;
      const period = periods.find((p) => p * 3 <= n) ?? 1;
      const size = Math.max(period, Math.floor(n / (blocks * period)) * period || period);
      const count = Math.min(blocks, Math.floor(n / size));
      const centres: number[] = [];
      const means: number[] = [];
      for (let b = 0; b < count; b++) {
        const end = n - b * size;
        let sum = 0;
        for (let t = end - size; t < end; t++) sum += y[t] as number;
        // Stryker disable next-line ArithmeticOperator: only differences of centres are used, and the blocks are one size
        centres.push(end - size + (size - 1) / 2);
        means.push(sum / size);
      }
      const slopes: number[] = [];
      for (let a = 0; a < count; a++)
        for (let b = a + 1; b < count; b++)
          slopes.push(
            ((means[a] as number) - (means[b] as number)) / ((centres[a] as number) - (centres[b] as number)),
          );
      const slope = slopes.length ? median(slopes) : 0;
      const lastBlockStart = n - size;
      const residuals = new Float64Array(size);
      for (let t = lastBlockStart; t < n; t++) residuals[t - lastBlockStart] = (y[t] as number) - slope * t;
      const intercept = median(residuals);
      const out = new Float64Array(horizon);
      for (let j = 0; j < horizon; j++) {
        const t = n + j;
        const seasonal =
          period > 1 ? (y[n - period + (j % period)] as number) - (intercept + slope * (n - period + (j % period))) : 0;
        out[j] = intercept + slope * t + seasonal;
      }
      return out;
    },
  };
}
