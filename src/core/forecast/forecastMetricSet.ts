import { type Clock, systemClock } from '../time/clock';
import { isoFormatter } from '../time/isoFormatter';
import { round } from '../numbers';

const round3 = (v: number): number => round(v, 3);
import { formatDuration, formatValue } from '../format';
import { breachSteps } from './breach';
import { forecastSeries } from './forecaster';
import { confidenceComponents, confidenceScore, riskLevel, riskScore } from './risk';
import { riskReasons } from './riskReasons';
import { holdBeyondCapacity, levelShiftSentence } from './saturation';
import { candidatePeriods, detectPeriods } from './seasonality';
import {
  type Breach,
  type ConfidenceComponents,
  FORECAST_SCHEMA_VERSION,
  type ForecastData,
  type MetricForecast,
  type MetricSeries,
  type MetricSet,
} from '../base/forecastSchema';
import { type ForecastColumns, parseForecastData } from '../base/parseForecastData';
import { DataError } from '../base/dataError';

export interface ForecastOptions {
  /** Horizon in steps, or as a duration in milliseconds (rounded up to whole steps). Default: min(7 days, history / 4). */
  readonly horizon?: { steps: number } | { ms: number };
  /** Prediction interval level; default 0.95. */
  readonly level?: number;
  readonly clock?: Clock;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The built-in forecast of a whole metric set: each metric forecast with intervals,
 * its breach and risk, its confidence; then the bottleneck (the first metric to breach),
 * the overall risk and confidence, as one schema-valid `ForecastData`.
 * Every metric of a set shares one sampling step (the loaders make sure).
 */
export function forecastMetricSet(set: MetricSet, options: ForecastOptions = {}): ForecastData {
  const level = options.level ?? 0.95;
  const horizon = planHorizon(set, options.horizon);
  const predictions = new Map(
    set.metrics.map((m) => {
      const p = builtinPrediction(m, horizon, level);
      // the last line of defence: an overflow is the data's range, said so, never an internal error
      if (![p.point, p.lower, p.upper].every((a) => a.every(Number.isFinite))) {
        throw new DataError(
          set.source,
          `"${m.name}": its values span too wide a range to forecast (the forecast overflowed); check the file for a stray huge value`,
        );
      }
      return [m.name, p];
    }),
  );
  return assembleForecast(set, {
    horizon,
    level,
    predictions,
    producer: BUILTIN_PRODUCER,
    clock: options.clock ?? systemClock,
  });
}

export const BUILTIN_PRODUCER: ForecastData['producer'] = {
  provider: 'builtin',
  model: null,
  method: 'backtest selection, mean of the best 3, conformal intervals',
  promptHash: null,
};

/** One metric's forecast before breach, risk and confidence are worked out. */
export interface MetricPrediction {
  readonly point: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly method: MetricForecast['method'];
  /** Inputs of the confidence score (see risk.ts); for a provider they come from agreement and its track record. */
  readonly confidence: { readonly skill: number | null; readonly coverage: number | null };
  /** The latest level shift the built-in forecaster found in the history (index of its first step). */
  readonly levelShift?: { readonly index: number; readonly before: number; readonly after: number };
}

export interface AssembleInput {
  readonly horizon: number;
  readonly level: number;
  readonly predictions: ReadonlyMap<string, MetricPrediction>;
  readonly producer: ForecastData['producer'];
  readonly clock: Clock;
  readonly warnings?: readonly string[];
  readonly narrative?: string | null;
}

/** The horizon in steps, checked against every metric's history (twice the horizon at least). */
export function planHorizon(set: MetricSet, requested: ForecastOptions['horizon']): number {
  const first = set.metrics[0];
  if (!first) throw new DataError(set.source, 'no metrics to forecast');
  const stepMs = first.stepMs;
  const shortest = set.metrics.reduce((n, m) => Math.min(n, m.values.length), Infinity);
  const horizon = resolveHorizon(requested, stepMs, shortest);
  for (const metric of set.metrics) {
    const need = Math.max(16, 2 * horizon + 2);
    if (metric.values.length < need) {
      throw new DataError(
        set.source,
        `metric "${metric.name}" has ${metric.values.length} points, too little history for a ${horizon}-step horizon (${formatDuration(horizon * stepMs)}); it needs at least ${need} (twice the horizon), or use a shorter horizon (--horizon, bottleneck.forecast.horizon)`,
      );
    }
  }
  return horizon;
}

/**
 * Turns per-metric predictions (from the built-in forecaster or a normalized provider
 * output) into `ForecastData`: breach, risk and confidence per metric, the bottleneck,
 * the overall risk and confidence. The same code for every producer.
 */
export function assembleForecast(set: MetricSet, input: AssembleInput): ForecastData {
  const { horizon, level, clock } = input;
  const first = set.metrics[0];
  if (!first) throw new DataError(set.source, 'no metrics to forecast');
  const stepMs = first.stepMs;
  const warnings = [...set.warnings, ...(input.warnings ?? [])];
  const metrics = set.metrics.map((metric) => {
    const prediction = input.predictions.get(metric.name);
    if (!prediction) throw new Error(`no prediction for metric "${metric.name}"`);
    return assembleMetric(metric, prediction, horizon, level, warnings);
  });
  const lastObserved = set.metrics.reduce((t, m) => Math.max(t, m.start + (m.values.length - 1) * m.stepMs), -Infinity);

  // Bottleneck: earliest expected crossing, then earliest pessimistic crossing, then probability.
  const candidates = metrics.filter(
    (m): m is (typeof metrics)[number] & { breach: Breach } =>
      m.breach !== null && (m.breach.expected !== null || m.breach.earliest !== null),
  );
  const time = (iso: string | null): number => (iso ? Date.parse(iso) : Infinity);
  candidates.sort(
    (a, b) =>
      time(a.breach.expected) - time(b.breach.expected) ||
      time(a.breach.earliest) - time(b.breach.earliest) ||
      b.breach.probability - a.breach.probability ||
      (a.name < b.name ? -1 : 1),
  );
  const top = candidates[0];
  const bottleneck = top
    ? {
        metric: top.name,
        expected: top.breach.expected,
        earliest: top.breach.earliest,
        probability: top.breach.probability,
        risk: top.breach.risk,
      }
    : null;

  const worst = metrics.reduce((w, m) => Math.max(w, m.breach?.riskScore ?? 0), 0);
  const reasons = riskReasons(metrics, lastObserved, horizon * stepMs);
  const confidence = top ? top.confidence : meanConfidence(metrics.map((m) => m.confidence.components));
  const data: ForecastColumns = {
    schemaVersion: FORECAST_SCHEMA_VERSION,
    producer: input.producer,
    createdAt: clock.now().toISOString(),
    source: set.source,
    horizon: { start: new Date(lastObserved + stepMs).toISOString(), stepSeconds: stepMs / 1000, count: horizon },
    level,
    metrics,
    bottleneck,
    risk: { level: riskLevel(worst), score: worst, reasons },
    confidence,
    warnings,
    narrative: input.narrative ?? null,
  };
  // the schema's check, with the points (most of a large forecast) built and checked by one loop
  return parseForecastData(data);
}

function resolveHorizon(horizon: ForecastOptions['horizon'], stepMs: number, shortest: number): number {
  if (horizon === undefined) return Math.max(1, Math.min(Math.round(WEEK_MS / stepMs), Math.floor(shortest / 4)));
  return 'steps' in horizon ? horizon.steps : Math.max(1, Math.ceil(horizon.ms / stepMs));
}

/** The physical range of a metric: not below 0 when its history never was; not above 100 for a percentage that never was. */
export function physicalRange(metric: MetricSeries): { min?: number; max?: number } {
  let min = Infinity;
  let max = -Infinity;
  const values = metric.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const percent = metric.unit === '%' || /percent|pct|utili[sz]ation/i.test(metric.name);
  return { ...(min >= 0 ? { min: 0 } : {}), ...(percent && max <= 100 ? { max: 100 } : {}) };
}

/** Candidate seasonal periods a metric's history can hold for this horizon. */
export function usablePeriods(metric: MetricSeries, horizon: number): number[] {
  return candidatePeriods(metric.stepMs).filter((p) => metric.values.length >= 2 * p + horizon);
}

/** The built-in forecaster's prediction for one metric. */
export function builtinPrediction(metric: MetricSeries, horizon: number, level: number): MetricPrediction {
  const f = forecastSeries(metric.values, {
    horizon,
    level,
    periods: usablePeriods(metric, horizon),
    ...physicalRange(metric),
  });
  if (metric.capacity !== undefined) holdBeyondCapacity(metric.values, f, metric.capacity, metric.breach);
  const shift = f.levelShift;
  return {
    ...(shift ? { levelShift: { index: shift.index, before: shift.before, after: shift.after } } : {}),
    point: f.point,
    lower: f.lower,
    upper: f.upper,
    method: {
      chosen: [...f.chosen],
      combination: f.chosen.length > 1 ? 'mean' : 'single',
      scores: f.scores.map((s) => ({
        method: s.method,
        mase: round3(s.mase),
        smape: round3(s.smape),
        windows: s.windows,
      })),
      backtestCoverage: f.backtestCoverage === null ? null : round3(f.backtestCoverage),
      skill: f.skill === null ? null : round3(f.skill),
      periods: detectPeriods(metric.values, metric.stepMs),
    },
    confidence: { skill: f.skill, coverage: f.backtestCoverage },
  };
}

function assembleMetric(
  metric: MetricSeries,
  f: MetricPrediction,
  horizon: number,
  level: number,
  warnings: string[],
): ForecastColumns['metrics'][number] {
  const y = metric.values;
  const n = y.length;
  const lastT = metric.start + (n - 1) * metric.stepMs;
  const iso = isoFormatter();
  const points = { after: lastT, stepMs: metric.stepMs, value: f.point, lower: f.lower, upper: f.upper };
  const components = confidenceComponents({
    skill: f.confidence.skill,
    coverage: f.confidence.coverage,
    level,
    filled: metric.filled,
    n,
    longestPeriod: usablePeriods(metric, horizon).at(-1) ?? 1,
    horizon,
    sinceBreak: f.levelShift ? n - f.levelShift.index : null,
  });
  const shift = f.levelShift && {
    t: iso(metric.start + f.levelShift.index * metric.stepMs),
    before: f.levelShift.before,
    after: f.levelShift.after,
  };
  if (shift) warnings.push(levelShiftSentence(metric.name, metric.unit, shift));
  let breach: MetricForecast['breach'] = null;
  if (metric.capacity === undefined) {
    warnings.push(`"${metric.name}" has no capacity: it is forecast but cannot be the bottleneck.`);
  } else {
    const steps = breachSteps(y[n - 1] as number, f.point, f.lower, f.upper, metric.capacity, metric.breach, level);
    const at = (s: number | null): string | null => (s === null ? null : iso(lastT + s * metric.stepMs));
    const msToBreach = steps.earliest ?? steps.expected;
    const score = riskScore(
      steps.probability,
      msToBreach === null ? null : msToBreach * metric.stepMs,
      steps.alreadyBreached,
    );
    breach = {
      expected: at(steps.expected),
      earliest: at(steps.earliest),
      latest: at(steps.latest),
      probability: round3(steps.probability),
      alreadyBreached: steps.alreadyBreached,
      risk: riskLevel(score),
      riskScore: score,
    };
    if (steps.alreadyBreached)
      warnings.push(
        `"${metric.name}" is already ${metric.breach === 'above' ? 'at or above' : 'at or below'} its capacity (${formatValue(metric.capacity, metric.unit)}).`,
      );
  }
  return {
    name: metric.name,
    unit: metric.unit ?? null,
    capacity: metric.capacity ?? null,
    breachSide: metric.breach,
    lastObserved: { t: iso(lastT), value: y[n - 1] as number },
    points,
    method: f.method,
    breach,
    confidence: { score: confidenceScore(components), components: roundComponents(components) },
    ...(shift ? { levelShift: shift } : {}),
  };
}

function meanConfidence(all: readonly ConfidenceComponents[]): ForecastData['confidence'] {
  const avg = (key: keyof ConfidenceComponents): number =>
    all.reduce((s, c) => s + c[key], 0) / Math.max(1, all.length);
  const components = roundComponents({
    skill: avg('skill'),
    coverage: avg('coverage'),
    dataQuality: avg('dataQuality'),
    reach: avg('reach'),
  });
  return { score: confidenceScore(components), components };
}

function roundComponents(c: ConfidenceComponents): ConfidenceComponents {
  return {
    skill: round3(c.skill),
    coverage: round3(c.coverage),
    dataQuality: round3(c.dataQuality),
    reach: round3(c.reach),
  };
}
