import {
  type DeferredForecast,
  type ForecastMethod,
  type MethodContext,
  deferAtOrigins,
  forecastAtOrigins,
} from './methods/method';
import { mase, seasonalNaiveScale, smape } from './accuracy';

export interface BacktestScore {
  readonly method: string;
  /** Mean absolute error over the backtest windows, scaled by the in-sample seasonal-naive error. */
  readonly mase: number;
  readonly smape: number;
  readonly windows: number;
}

export interface EnsembleOptions {
  /** Rolling-origin windows, each one horizon long, ending at the last observation. */
  readonly windows: number;
  /** How many of the best methods to combine. */
  readonly topK: number;
  readonly combine: 'mean' | 'median';
  /**
   * Windows whose residuals calibrate the intervals (at least `windows`). Windows beyond
   * the selection windows are ones the choice of methods never saw, so their errors are
   * not flattered by the selection.
   */
  readonly calibrationWindows: number;
}

export interface EnsembleResult {
  readonly forecast: Float64Array;
  /** The combined methods, best first. */
  readonly chosen: readonly string[];
  /** Every applicable method's backtest score, best first. */
  readonly scores: readonly BacktestScore[];
  /**
   * The combination's backtest residuals (actual − forecast), one array of `horizon` per
   * window, each divided by the level (mean |y| of the last period) before its origin and
   * multiplied by the level now, so that windows from a lower or higher level speak for
   * today's scale.
   */
  readonly residuals: readonly Float64Array[];
  /** The combination's own scaled error over the selection windows. */
  readonly combinedMase: number;
  /** The seasonal naive's scaled error over the same windows (the baseline of skill). */
  readonly baselineMase: number;
}

/**
 * Picks and combines forecasters per series, as M4 found best: every applicable method
 * forecasts each of `windows` rolling origins (the last `windows × horizon` points held
 * out in turn), methods are ranked by their scaled error averaged with weights w, w − 1,
 * …, 1 from the latest origin back (what happened last counts most; ties by id, so the
 * choice is deterministic), the best `topK` that score within 1.5 times the best are
 * combined (mean or median per step) and refitted on the whole history for the forecast.
 * A guard keeps out any method whose error at the latest origin is clearly worse than
 * naive's (over 1.5 times it plus 0.1): it has missed a change the last value shows.
 * The combination's residuals on the same windows calibrate the prediction intervals,
 * measured against `observed` (the raw values) when the methods were fitted on a cleaned
 * copy `y`, so the intervals cover what is really seen, spikes included.
 */
export function selectAndCombine(
  y: Float64Array,
  context: MethodContext,
  pool: readonly ForecastMethod[],
  baseline: ForecastMethod,
  options: EnsembleOptions,
  observed: Float64Array = y,
): EnsembleResult {
  const h = context.horizon;
  const n = y.length;
  const windows = Math.max(1, Math.min(options.windows, Math.floor((n - h) / h)));
  const period = context.periods[0] ?? 1;
  const scale = seasonalNaiveScale(y, period) || 1;
  const origins = Array.from({ length: windows }, (_, w) => n - (w + 1) * h).filter((o) => o > 0);
  const applicable = pool.filter((m) => m.minLength <= (origins.at(-1) ?? n));
  const methods = applicable.length ? applicable : [baseline];
  const backtests = new Map<string, Float64Array[]>();
  const finals = new Map<string, Float64Array>();
  // the forecasts from the whole history that one-pass methods fitted in the backtest's pass, made when read
  const deferredFinals = new Map<string, DeferredForecast>();
  const ascending = [...origins].reverse();
  // the most recent origin counts most: weights windows, windows − 1, …, 1 (origin 0 is the latest)
  const weights = origins.map((_, w) => (origins.length - w) / ((origins.length * (origins.length + 1)) / 2));
  const latest = new Map<string, number>();
  const calibrationCount = Math.max(origins.length, Math.min(options.calibrationWindows, Math.floor((n - h) / h)));
  // the calibration origins beyond the selection's, latest first
  const laterCalibration = Array.from(
    { length: calibrationCount - origins.length },
    (_, w) => n - (w + 1 + origins.length) * h,
  );
  // the fits at those origins of the methods that make them in the same pass as the backtest,
  // forecast from only for the methods combined
  const early = new Map<string, Map<number, DeferredForecast>>();
  const scores: BacktestScore[] = methods.map((method) => {
    let maseSum = 0;
    let smapeSum = 0;
    // one call for every origin and the final forecast (one pass for methods that can), and
    // the calibration origins too when they come at no extra pass
    const before = method.originsInOnePass ? laterCalibration.filter((o) => method.minLength <= o).reverse() : [];
    // a method that refits at each origin makes its forecast from the whole history only if
    // the selection reaches it (below); one that fits it in the same pass fits it now
    const all = deferAtOrigins(method, y, [...before, ...ascending, ...(method.originsInOnePass ? [n] : [])], context);
    if (before.length) early.set(method.id, new Map(before.map((o, i) => [o, all[i] as DeferredForecast])));
    // Stryker disable next-line CallExpression: left in, they trail the backtest's: the ones calibration appends, in order
    all.splice(0, before.length);
    if (method.originsInOnePass) deferredFinals.set(method.id, all.pop() as DeferredForecast);
    const forecasts = all.reverse().map((f) => f());
    origins.forEach((origin, w) => {
      const actual = y.subarray(origin, origin + h);
      const f = forecasts[w] as Float64Array;
      const error = mase(actual, f, scale);
      if (w === 0) latest.set(method.id, error);
      maseSum += (weights[w] as number) * error;
      smapeSum += (weights[w] as number) * smape(actual, f);
    });
    backtests.set(method.id, forecasts);
    return { method: method.id, mase: maseSum, smape: smapeSum, windows: origins.length };
  });
  // Stryker disable next-line EqualityOperator: the ids of a pool are unique, so no two compare equal
  scores.sort((a, b) => a.mase - b.mase || (a.method < b.method ? -1 : 1));
  // a method whose forecast from the whole history overflows (a huge last value extrapolated) is not combined
  // the guard: a method clearly worse than naive at the latest origin (half as bad again, and by
  // a tenth of the scale) has missed a change the last value already shows, and is not combined
  const naiveLatest = latest.get('naive');
  const guarded = (id: string): boolean =>
    naiveLatest === undefined || (latest.get(id) ?? Infinity) <= 1.5 * naiveLatest + 0.1;
  const byId = new Map(methods.map((m) => [m.id, m]));
  const finalOf = (id: string): Float64Array => {
    let f = finals.get(id);
    if (!f) finals.set(id, (f = deferredFinals.get(id)?.() ?? (byId.get(id) as ForecastMethod).forecast(y, context)));
    return f;
  };
  // the best topK usable methods, in score order: only those (and what comes before them)
  // need their forecast from the whole history to be checked, so only those make it
  const topK = Math.max(1, options.topK);
  const usable: BacktestScore[] = [];
  for (const s of scores) {
    if (usable.length === topK) break;
    if (Number.isFinite(s.mase) && guarded(s.method) && finalOf(s.method).every(Number.isFinite)) usable.push(s);
  }
  const ranked = usable.length ? usable : scores;
  const bestScore = (ranked[0] as BacktestScore).mase; // never empty: `methods` holds at least the baseline
  const chosen = ranked
    .slice(0, topK)
    .filter((s, i) => i === 0 || s.mase <= bestScore * 1.5)
    .map((s) => s.method);
  const combineAll = (arrays: Float64Array[]): Float64Array => combine(arrays, options.combine);
  const forecast = combineAll(chosen.map(finalOf));
  const calibrationOrigins = Array.from({ length: calibrationCount }, (_, w) => n - (w + 1) * h).filter((o) =>
    chosen.every((id) => (byId.get(id) as ForecastMethod).minLength <= o),
  );
  // the chosen methods' forecasts at the calibration origins the selection did not use
  const extraOrigins = calibrationOrigins.slice(origins.length).reverse();
  for (const id of chosen) {
    const made = early.get(id);
    const extra = made
      ? extraOrigins.map((o) => (made.get(o) as DeferredForecast)()).reverse()
      : forecastAtOrigins(byId.get(id) as ForecastMethod, y, extraOrigins, context).reverse();
    backtests.set(id, [...(backtests.get(id) as Float64Array[]), ...extra]);
  }
  let combinedMase = 0;
  const residuals = calibrationOrigins
    .map((origin, w) => {
      const f = combineAll(chosen.map((id) => (backtests.get(id) as Float64Array[])[w] as Float64Array));
      if (w < origins.length) combinedMase += mase(observed.subarray(origin, origin + h), f, scale) / origins.length;
      const r = new Float64Array(h);
      const rescale = levelBefore(y, n, period) / levelBefore(y, origin, period) || 1;
      // Stryker disable next-line EqualityOperator: a write one past the end of a typed array is a no-op
      for (let j = 0; j < h; j++)
        r[j] = ((observed[origin + j] as number) - (f[j] as number)) * (Number.isFinite(rescale) ? rescale : 1);
      return r;
    })
    .filter((r) => r.every(Number.isFinite)); // a window a method could not forecast (too little history before it) is no evidence
  let baselineMase = 0;
  for (const origin of origins)
    baselineMase += mase(
      observed.subarray(origin, origin + h),
      baseline.forecast(y.subarray(0, origin), context),
      scale,
    );
  return { forecast, chosen, scores, residuals, combinedMase, baselineMase: baselineMase / origins.length };
}

/** Mean absolute value of the `period` points before `end` (at least 24 points), the series' level there. */
function levelBefore(y: Float64Array, end: number, period: number): number {
  const span = Math.min(end, Math.max(period, 24));
  let sum = 0;
  // Stryker disable next-line AssignmentOperator: levels are only used as a ratio of two, where a negated sum cancels
  for (let t = end - span; t < end; t++) sum += Math.abs(y[t] as number);
  return sum / span;
}

export function combine(arrays: readonly Float64Array[], how: 'mean' | 'median'): Float64Array {
  const first = arrays[0];
  if (!first) throw new Error('nothing to combine');
  if (arrays.length === 1) return Float64Array.from(first);
  const out = new Float64Array(first.length);
  const column = new Float64Array(arrays.length);
  // Stryker disable next-line EqualityOperator: a write one past the end of a typed array is a no-op
  for (let j = 0; j < first.length; j++) {
    if (how === 'mean') {
      let s = 0;
      for (const a of arrays) s += a[j] as number;
      out[j] = s / arrays.length;
    } else {
      arrays.forEach((a, i) => (column[i] = a[j] as number));
      column.sort();
      const mid = arrays.length >> 1;
      out[j] =
        arrays.length % 2 ? (column[mid] as number) : ((column[mid - 1] as number) + (column[mid] as number)) / 2;
    }
  }
  return out;
}
