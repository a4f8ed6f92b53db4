import { maxOf, plainValues, selectKth } from '../orderStatistics';

/** What a forecasting method sees besides the history. */
export interface MethodContext {
  /** Steps to forecast. */
  readonly horizon: number;
  /** Seasonal periods in steps, shortest first (e.g. [24, 168] for hourly data); may be empty. */
  readonly periods: readonly number[];
}

/** A point forecaster: deterministic, pure, history in, `horizon` values out. */
export interface ForecastMethod {
  /** Stable id, e.g. `snaive-24`; shown in reports and scored in the benchmark. */
  readonly id: string;
  /** Shortest history (in steps) the method needs. */
  readonly minLength: number;
  forecast(history: Float64Array, context: MethodContext): Float64Array;
  /**
   * Optional: the forecasts from several origins at once, each as if the history ended
   * there (origins ascending, each ≤ history.length). Methods whose fit can be updated
   * as the history grows implement it to make the backtest one pass instead of many.
   */
  forecastOrigins?(history: Float64Array, origins: readonly number[], context: MethodContext): Float64Array[];
  /**
   * True when `forecastOrigins` makes one pass over the history whatever the origins, so an
   * extra origin costs only its own small forecast: the backtest then asks for the
   * calibration origins in the same pass instead of a second pass for the chosen methods.
   */
  readonly originsInOnePass?: boolean;
  /**
   * Optional, for a one-pass method: the fits of `forecastOrigins`, each kept and turned into
   * its forecast only when called (the same values). The backtest asks for every origin in
   * one pass, but only the methods it combines need their forecasts beyond its windows.
   */
  deferOrigins?(history: Float64Array, origins: readonly number[], context: MethodContext): DeferredForecast[];
}

/** A forecast made when called, from a fit kept until then. */
export type DeferredForecast = () => Float64Array;

/** Forecasts from each origin (ascending), through `forecastOrigins` when the method has it. */
export function forecastAtOrigins(
  method: ForecastMethod,
  history: Float64Array,
  origins: readonly number[],
  context: MethodContext,
): Float64Array[] {
  if (method.forecastOrigins) return method.forecastOrigins(history, origins, context);
  return origins.map((o) => method.forecast(history.subarray(0, o), context));
}

/**
 * The forecasts of `forecastAtOrigins`, each made when called: through `deferOrigins` when
 * the method has it, otherwise made now and handed out.
 */
export function deferAtOrigins(
  method: ForecastMethod,
  history: Float64Array,
  origins: readonly number[],
  context: MethodContext,
): DeferredForecast[] {
  if (method.deferOrigins) return method.deferOrigins(history, origins, context);
  return forecastAtOrigins(method, history, origins, context).map((f) => () => f);
}

export function mean(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  return sum / (to - from);
}

/** Median of a small array (sorts a copy). */
export function median(values: ArrayLike<number>): number {
  const copy = Float64Array.from(values);
  const n = copy.length;
  const mid = n >> 1;
  // a long array without NaN or −0 (where equal values have equal bits): the middle values by
  // selection instead of a whole sort; they are the values the sort puts there
  if (n >= 32 && plainValues(copy)) {
    selectKth(copy, mid);
    if (n % 2) return copy[mid] as number;
    // the largest of those below the middle is the sort's [mid − 1]
    return (maxOf(copy, 0, mid) + (copy[mid] as number)) / 2;
  }
  const sorted = copy.sort();
  return n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
