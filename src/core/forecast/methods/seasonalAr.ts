import { type DeferredForecast, type ForecastMethod, type MethodContext } from './method';
import { solveRidge } from './linear';

/**
 * Seasonal autoregression: y_t = c + Σ_k w_k · y_{t − k·p} for k = 1…lags (p the shortest
 * period; with p = 24 on hourly data, lag 7 is the weekly lag), fitted by weighted least
 * squares (weights halve every `halfLife` steps back, so recent behaviour counts more,
 * with a small ridge), on log values when the series is positive. Forecasts are
 * recursive. The last one-step residuals carry on through an AR(1) on the residuals:
 * the forecast at step j is corrected by ρ^j · e, where e is the last residual and ρ the
 * lag-1 autocorrelation of the residuals over the last two periods.
 *
 * With exponential weights the normal equations of the history up to o + 1 are those up
 * to o times the decay plus the new row, so one pass over the data yields the fit at
 * every backtest origin (`forecastOrigins`). Each origin's normal equations are kept, and
 * solved and forecast from when asked (`deferOrigins`): the backtest needs the forecasts
 * beyond its windows only from the methods it combines.
 */
export function seasonalAr(lags: number, halfLife: number, useLog: boolean, minLength = 0): ForecastMethod {
  const defer = (y: Float64Array, origins: readonly number[], context: MethodContext): DeferredForecast[] =>
    fitOrigins(y, origins, context.horizon, context.periods[0] ?? 1, lags, halfLife, useLog);
  return {
    id: `sar-${lags}${useLog ? '-log' : ''}-hl${halfLife}`,
    // at least one lag of the period: from a shorter history the model has nothing to regress on
    minLength,
    originsInOnePass: true,
    forecast(y, context) {
      return (defer(y, [y.length], context)[0] as DeferredForecast)();
    },
    forecastOrigins(y, origins, context) {
      return defer(y, origins, context).map((f) => f());
    },
    deferOrigins: defer,
  };
}

/**
 * Each origin gets the lags its history allows, and logs when its own history is all positive
 * (a value after the origin does not decide it); origins alike in both share one pass.
 */
function fitOrigins(
  y: Float64Array,
  origins: readonly number[],
  horizon: number,
  p: number,
  lags: number,
  halfLife: number,
  useLog: boolean,
): DeferredForecast[] {
  const lagsAt = (o: number): number => Math.max(1, Math.min(lags, Math.floor((o - 2 * p) / p)));
  const results = new Array<DeferredForecast>(origins.length);
  // the log of the history, taken once for every pass, up to the first value that is not positive
  let positive = 0;
  const end = origins.reduce((m, o) => Math.max(m, o), 0);
  if (useLog) while (positive < end && (y[positive] as number) > 0) positive++;
  const logs = new Float64Array(positive);
  for (let t = 0; t < positive; t++) logs[t] = Math.log(y[t] as number);
  // a pass's key: its lag count, doubled, plus one when it is fitted on logs
  const passOf = (o: number): number => 2 * lagsAt(o) + (useLog && o <= positive ? 1 : 0);
  for (const pass of new Set(origins.map(passOf))) {
    const indices = origins.map((o, i) => (passOf(o) === pass ? i : -1)).filter((i) => i >= 0);
    const fits = fitPass(
      y,
      logs,
      indices.map((i) => origins[i] as number),
      horizon,
      p,
      pass >> 1,
      halfLife,
      (pass & 1) === 1,
    );
    indices.forEach((i, j) => (results[i] = fits[j] as DeferredForecast));
  }
  return results;
}

/**
 * One pass over the history, fitting a k-lag model at each origin (ascending), on logs when
 * `logged` (then `logs`, log y from the start up to the first value that is not positive,
 * covers every origin's history). Each origin's forecast is made when called, from a copy of
 * the normal equations there.
 */
function fitPass(
  y: Float64Array,
  logs: Float64Array,
  origins: readonly number[],
  horizon: number,
  p: number,
  k: number,
  halfLife: number,
  logged: boolean,
): DeferredForecast[] {
  const last = origins[origins.length - 1] ?? y.length;
  // read only: the logs, or the values themselves
  const z = logged ? logs.subarray(0, last) : y.subarray(0, last);
  const size = k + 1;
  const ata = new Float64Array(size * size);
  const atb = new Float64Array(size);
  const row = new Float64Array(size);
  const decay = Math.pow(0.5, 1 / halfLife);
  let wsum = 0;
  const results: DeferredForecast[] = [];
  let t = k * p;
  for (const origin of origins) {
    for (; t < origin; t++) {
      // decay what is there, add row t with weight 1 (lower triangle only)
      row[0] = 1;
      for (let i = 1; i <= k; i++) row[i] = z[t - i * p] as number;
      const target = z[t] as number;
      for (let i = 0; i < size; i++) {
        const ri = row[i] as number;
        atb[i] = (atb[i] as number) * decay + ri * target;
        const base = i * size;
        for (let j = 0; j <= i; j++) ata[base + j] = (ata[base + j] as number) * decay + ri * (row[j] as number);
      }
      wsum = wsum * decay + 1;
    }
    const lower = ata.slice();
    const rhs = atb.slice();
    const weight = wsum;
    results.push(() => forecastFrom(z, origin, lower, rhs, size, k, p, weight, horizon, logged));
  }
  return results;
}

function forecastFrom(
  z: Float64Array,
  n: number,
  lower: Float64Array,
  atb: Float64Array,
  size: number,
  k: number,
  p: number,
  wsum: number,
  horizon: number,
  logged: boolean,
): Float64Array {
  // ridge relative to the data's scale keeps the fit stable when lags are collinear; solveRidge reads the
  // lower triangle only, the one accumulated
  let trace = 0;
  for (let i = 1; i < size; i++) trace += lower[i * size + i] as number;
  const coef = solveRidge(lower, atb, size, (1e-4 * trace) / Math.max(1, k) + 1e-9 * wsum);
  const fitted = (t: number, series: Float64Array): number => {
    let v = coef[0] as number;
    for (let i = 1; i <= k; i++) v += (coef[i] as number) * (series[t - i * p] as number);
    return v;
  };
  // AR(1) on the in-sample residuals of the last two periods
  const tail = Math.min(2 * p, n - k * p);
  let num = 0;
  let den = 0;
  let previous = 0;
  let lastResidual = 0;
  for (let i = 0; i < tail; i++) {
    const t = n - tail + i;
    const r = (z[t] as number) - fitted(t, z);
    if (i > 0) {
      num += r * previous;
      den += previous * previous;
    }
    previous = r;
    lastResidual = r;
  }
  const rho = den > 0 ? Math.max(0, Math.min(0.98, num / den)) : 0;
  // the recursion reads k periods back at most: the last k·p values (all, in a history
  // shorter than that) and the forecast so far
  const back = Math.min(n, k * p);
  const ext = new Float64Array(back + horizon);
  ext.set(z.subarray(n - back, n));
  const out = new Float64Array(horizon);
  let correction = lastResidual;
  for (let j = 0; j < horizon; j++) {
    const t = back + j;
    correction *= rho;
    const v = fitted(t, ext);
    ext[t] = v; // recursion continues from the model, not the corrected value
    out[j] = logged ? Math.exp(v + correction) : v + correction;
  }
  return out;
}
