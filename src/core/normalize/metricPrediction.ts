import { type MetricSeries } from '../base/forecastSchema';
import { type MetricPrediction, physicalRange, usablePeriods } from '../forecast/forecastMetricSet';
import { mase, seasonalNaiveScale } from '../forecast/accuracy';
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
  const bad = nonFinite(grid);
  if (bad.length) {
    problems.push(
      `"${name}": ${bad.length} value${bad.length > 1 ? 's are' : ' is'} not a finite number (point${bad.length > 1 ? 's' : ''} ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''})`,
    );
    return undefined;
  }
  const maxAbs = largestAbs(metric.values);
  const largest = largestAbs(grid);
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
  // the range's ends as plain numbers: read from its object in a loop, they cost a deoptimization per metric
  const range = physicalRange(metric);
  const floor = range.min ?? -Infinity;
  const ceiling = range.max ?? Infinity;
  const clipped = clipAll(point, floor, ceiling);
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
    const swapped = orderBounds(lower, upper);
    const fixed = widenToContain(point, lower, upper, floor, ceiling);
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
    lower = aroundPoint(point, reference.point, reference.lower, floor, ceiling);
    upper = aroundPoint(point, reference.point, reference.upper, floor, ceiling);
  }
  // agreement with the built-in forecast: 1 / (1 + d), d the mean distance in seasonal-naive
  // errors (MASE units): 1 when identical, ½ one error apart, ¼ three apart
  const scale = seasonalNaiveScale(metric.values, usablePeriods(metric, request.horizon)[0] ?? 1) || 1;
  const agreement = 1 / (1 + mase(point, reference.point, scale));
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

// The loops over a horizon's points, each a small function of numbers: V8 optimizes a small
// function within its first calls, where the same loops inside toPrediction ran unoptimized
// for the first several answers of a process, boxing every intermediate number (about 7 MB
// of garbage per 1 MB answer).

/** The positions of the values that are not finite numbers. */
function nonFinite(values: readonly number[]): number[] {
  const bad: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) bad.push(i);
  return bad;
}

/** The largest absolute value (0 for none). */
function largestAbs(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i] as number));
  return largest;
}

/** Clips each value into [floor, ceiling], in place; how many it changed. */
function clipAll(values: Float64Array, floor: number, ceiling: number): number {
  let clipped = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j] as number;
    const c = Math.min(ceiling, Math.max(floor, v));
    if (c !== v) clipped++;
    values[j] = c; // also when equal: -0 becomes 0 at a floor of 0
  }
  return clipped;
}

/** Swaps the bounds where the lower is above the upper, in place; how many steps it swapped. */
function orderBounds(lower: Float64Array, upper: Float64Array): number {
  let swapped = 0;
  // Stryker disable next-line EqualityOperator: a typed array reads undefined one past its end, and ignores the write
  for (let j = 0; j < lower.length; j++) {
    const lo = lower[j] as number;
    const hi = upper[j] as number;
    if (lo > hi) {
      lower[j] = hi;
      upper[j] = lo;
      swapped++;
    }
  }
  return swapped;
}

/**
 * Widens the interval to contain the point, then clips it into [floor, ceiling], in place;
 * at how many steps the point was outside it.
 */
function widenToContain(
  point: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  floor: number,
  ceiling: number,
): number {
  let fixed = 0;
  // Stryker disable next-line EqualityOperator: a typed array reads undefined one past its end, and ignores the write
  for (let j = 0; j < point.length; j++) {
    const p = point[j] as number;
    const lo = lower[j] as number;
    const hi = upper[j] as number;
    if (p < lo || p > hi) fixed++;
    lower[j] = Math.min(ceiling, Math.max(floor, Math.min(lo, p)));
    upper[j] = Math.min(ceiling, Math.max(floor, Math.max(hi, p)));
  }
  return fixed;
}

/** A bound at the reference bound's distance from the reference point, around `point`, clipped into [floor, ceiling]. */
function aroundPoint(
  point: Float64Array,
  referencePoint: Float64Array,
  referenceBound: Float64Array,
  floor: number,
  ceiling: number,
): Float64Array {
  const bound = new Float64Array(point.length);
  // Stryker disable next-line EqualityOperator: a typed array reads undefined one past its end, and ignores the write
  for (let j = 0; j < point.length; j++) {
    const v = (point[j] as number) + ((referenceBound[j] as number) - (referencePoint[j] as number));
    bound[j] = Math.min(ceiling, Math.max(floor, v));
  }
  return bound;
}
