import { type MetricSeries } from '../base/forecastSchema';
import { type MetricPrediction, physicalRange, usablePeriods } from '../forecast/forecastMetricSet';
import { seasonalNaiveScale } from '../forecast/accuracy';
import { type ForecastRequest } from '../base/forecastRequest';
import { clamp01 } from '../numbers';
import { placeOnGrid, timesToIndices, upsample } from './gridPlacement';
import { type RawSeries } from './rawSeries';
import { type TrackRecord } from '../base/trackRecord';

/**
 * One metric's raw series to a prediction on every step of the horizon, or undefined
 * with its problems added. `builtin` is the built-in forecast of the same metric: the
 * answer is compared with it, and missing bounds are derived from it. `producer` names
 * the provider and model ("groq:llama-3.3-70b") in the prediction's method.
 */
export function toPrediction(
  metric: MetricSeries,
  raw: RawSeries,
  request: ForecastRequest,
  producer: string,
  builtin: () => MetricPrediction,
  trackRecord: TrackRecord | undefined,
  problems: string[],
  warnings: string[],
): MetricPrediction | undefined {
  const name = metric.name;
  const before = problems.length;
  for (const note of raw.notes ?? []) warnings.push(`"${name}": ${note}.`);
  const indices =
    raw.times && raw.times.length === raw.values.length && raw.times.some((t) => t !== undefined && t !== null)
      ? (timesToIndices(raw.times, request) ?? null)
      : undefined;
  const grid = placeOnGrid(raw.values, indices, request, `"${name}"`, problems, warnings);
  if (!grid) return undefined;
  // a bound's own problems and warnings are dropped: an unusable bound is replaced, with the one warning below
  const placeBound = (bound: readonly unknown[]): number[] | undefined =>
    // Stryker disable next-line StringLiteral,ArrayDeclaration: the messages of a bound are dropped unread
    placeOnGrid(bound, bound.length === raw.values.length ? indices : undefined, request, 'a bound', [], []);
  let lowerGrid = raw.lower && raw.upper ? placeBound(raw.lower) : undefined;
  let upperGrid = raw.lower && raw.upper ? placeBound(raw.upper) : undefined;
  if (
    raw.lower &&
    (!lowerGrid || !upperGrid || !lowerGrid.every(Number.isFinite) || !upperGrid.every(Number.isFinite))
  ) {
    warnings.push(
      `"${name}": the answer's bounds were unusable, so they were derived from the built-in forecaster's backtest errors.`,
    );
    lowerGrid = undefined;
    upperGrid = undefined;
  }
  const bad: number[] = [];
  for (let i = 0; i < grid.length; i++) if (!Number.isFinite(grid[i])) bad.push(i);
  if (bad.length) {
    problems.push(
      `"${name}": ${bad.length} value${bad.length > 1 ? 's are' : ' is'} not a finite number (point${bad.length > 1 ? 's' : ''} ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''})`,
    );
    return undefined;
  }
  let maxAbs = 0;
  const history = metric.values;
  for (let i = 0; i < history.length; i++) maxAbs = Math.max(maxAbs, Math.abs(history[i] as number));
  let largest = 0;
  for (let i = 0; i < grid.length; i++) largest = Math.max(largest, Math.abs(grid[i] as number));
  if (largest > 1000 * (maxAbs + 1)) {
    problems.push(
      `"${name}": values up to ${largest.toPrecision(3)} are far outside anything in the history (largest ${maxAbs.toPrecision(3)})`,
    );
    return undefined;
  }
  // Stryker disable next-line ConditionalExpression: each problem above has already returned
  if (problems.length > before) return undefined;
  // upsample the output grid onto every step of the horizon
  const last = metric.values[metric.values.length - 1] as number;
  const point = upsample(grid, request, last);
  // the range's ends as plain numbers: read from its object in the loop, they cost a deoptimization per metric
  const range = physicalRange(metric);
  const floor = range.min ?? -Infinity;
  const ceiling = range.max ?? Infinity;
  let clipped = 0;
  const clip = (v: number): number => {
    const c = Math.min(ceiling, Math.max(floor, v));
    if (c !== v) clipped++;
    return c;
  };
  for (let j = 0; j < point.length; j++) point[j] = clip(point[j] as number);
  if (clipped)
    warnings.push(
      `"${name}": ${clipped} forecast value${clipped > 1 ? 's were' : ' was'} outside the metric's physical range and clipped.`,
    );
  const reference = builtin();
  let lower: Float64Array;
  let upper: Float64Array;
  // Stryker disable next-line LogicalOperator: both grids are set, or neither (see the check of the bounds above)
  if (lowerGrid && upperGrid) {
    lower = upsample(lowerGrid, request, last);
    upper = upsample(upperGrid, request, last);
    let swapped = 0;
    let fixed = 0;
    // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
    for (let j = 0; j < point.length; j++) {
      let lo = lower[j] as number;
      let hi = upper[j] as number;
      if (lo > hi) {
        [lo, hi] = [hi, lo];
        swapped++;
      }
      const p = point[j] as number;
      if (p < lo || p > hi) fixed++;
      lower[j] = clip(Math.min(lo, p));
      upper[j] = clip(Math.max(hi, p));
    }
    if (swapped)
      warnings.push(
        `"${name}": the answer's lower bound was above its upper bound at ${swapped} step${swapped > 1 ? 's' : ''}; they were swapped.`,
      );
    if (fixed)
      warnings.push(
        `"${name}": the answer's interval did not contain its forecast at ${fixed} step${fixed > 1 ? 's' : ''}; it was widened to contain it.`,
      );
  } else {
    if (!raw.lower)
      warnings.push(
        `"${name}": the answer had no prediction interval; bounds were derived from the built-in forecaster's backtest errors.`,
      );
    lower = new Float64Array(point.length);
    upper = new Float64Array(point.length);
    // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
    for (let j = 0; j < point.length; j++) {
      lower[j] = clip((point[j] as number) - ((reference.point[j] as number) - (reference.lower[j] as number)));
      upper[j] = clip((point[j] as number) + ((reference.upper[j] as number) - (reference.point[j] as number)));
    }
  }
  // agreement with the built-in forecast: 1 / (1 + d), d the mean distance in seasonal-naive
  // errors (MASE units): 1 when identical, ½ one error apart, ¼ three apart
  const scale = seasonalNaiveScale(metric.values, usablePeriods(metric, request.horizon)[0] ?? 1) || 1;
  let distance = 0;
  for (let j = 0; j < point.length; j++) distance += Math.abs((point[j] as number) - (reference.point[j] as number));
  const agreement = 1 / (1 + distance / point.length / scale);
  const track = trackRecord && trackRecord.count > 0 ? clamp01(1.5 - trackRecord.mase) : undefined;
  const skillInput = (track === undefined ? agreement : 0.5 * agreement + 0.5 * track) - 0.5;
  return {
    point,
    lower,
    upper,
    method: {
      chosen: [producer],
      combination: 'provider',
      scores: [],
      backtestCoverage: null,
      skill: null,
      periods: reference.method.periods,
    },
    confidence: { skill: skillInput, coverage: trackRecord && trackRecord.count > 0 ? trackRecord.coverage : null },
  };
}
