import * as z from './zod';
import { providerIdSchema } from './providerIds';
import { tokenUsageSchema } from './tokenUsage';

/**
 * The one place where the shapes every part of the product exchanges are defined:
 * the metric set a forecast starts from, and `ForecastData`, the single output schema
 * (the built-in forecaster produces it; LLM output is normalized into it).
 */
export const FORECAST_SCHEMA_VERSION = 1;

/** Which side of the capacity is a breach: above for CPU, latency, queue depth; below for free disk or free memory. */
export const breachSideSchema = z.enum(['above', 'below']);
export type BreachSide = z.infer<typeof breachSideSchema>;

export const riskLevelSchema = z.enum(['none', 'low', 'medium', 'high', 'critical']);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

const isoTime = z.iso.datetime({ offset: true });
/** Zod 4's number already rejects NaN and ±Infinity (no refinement needed; it is the hot path of validation). */
const finite = z.number();

/** One metric's history, on a regular grid after loading (see data/regularize). */
export interface MetricSeries {
  readonly name: string;
  readonly unit?: string;
  readonly capacity?: number;
  readonly breach: BreachSide;
  /** Epoch milliseconds of the first value. */
  readonly start: number;
  readonly stepMs: number;
  /** Regular values; gaps already filled (see `filled`). */
  readonly values: Float64Array;
  /** How many values were filled in because the source had a gap there. */
  readonly filled: number;
}

export interface MetricSet {
  readonly source: string;
  readonly metrics: readonly MetricSeries[];
  /** What loading had to fix (sorting, duplicates, gaps), in words. */
  readonly warnings: readonly string[];
}

export const forecastPointSchema = z.object({
  t: isoTime,
  value: finite,
  lower: finite,
  upper: finite,
});
export type ForecastPoint = z.infer<typeof forecastPointSchema>;

export const backtestScoreSchema = z.object({
  method: z.string(),
  mase: z.number().nonnegative(),
  smape: z.number().nonnegative(),
  windows: z.number().int().positive(),
});

export const breachSchema = z.object({
  /** When the point forecast crosses the capacity (interpolated between steps); null when it does not within the horizon. */
  expected: isoTime.nullable(),
  /** When the pessimistic bound crosses. */
  earliest: isoTime.nullable(),
  /** When the optimistic bound crosses. */
  latest: isoTime.nullable(),
  /** Probability that the metric is beyond capacity at some step of the horizon. */
  probability: z.number().min(0).max(1),
  /** True when the last observation is already beyond capacity. */
  alreadyBreached: z.boolean(),
  risk: riskLevelSchema,
  /** 0–100, see risk.ts. */
  riskScore: z.number().min(0).max(100),
});
export type Breach = z.infer<typeof breachSchema>;

export const confidenceComponentsSchema = z.object({
  /** Backtest skill against seasonal naive. */
  skill: z.number().min(0).max(1),
  /** How close backtest interval coverage came to the requested level. */
  coverage: z.number().min(0).max(1),
  /** Gaps and history length against the season. */
  dataQuality: z.number().min(0).max(1),
  /** How far the horizon reaches beyond the history. */
  reach: z.number().min(0).max(1),
});
export type ConfidenceComponents = z.infer<typeof confidenceComponentsSchema>;

export const levelShiftSchema = z.object({
  /** The first observation of the new level. */
  t: isoTime,
  /** Typical value before the break and since. */
  before: finite,
  after: finite,
});
export type LevelShiftMark = z.infer<typeof levelShiftSchema>;

export const metricForecastSchema = z.object({
  name: z.string().min(1),
  unit: z.string().nullable(),
  capacity: finite.nullable(),
  breachSide: breachSideSchema,
  lastObserved: z.object({ t: isoTime, value: finite }),
  points: z.array(forecastPointSchema).min(1),
  method: z.object({
    /** The combined methods, best first (one for a single method; the provider's output for an LLM). */
    chosen: z.array(z.string()).min(1),
    combination: z.enum(['single', 'mean', 'median', 'provider']),
    scores: z.array(backtestScoreSchema),
    /** Share of backtest actuals inside their (left-out) intervals; null when not backtested. */
    backtestCoverage: z.number().min(0).max(1).nullable(),
    /** 1 − backtest MASE of the forecast / backtest MASE of seasonal naive; null when not backtested. */
    skill: z.number().nullable(),
    periods: z.array(z.number().int().positive()),
  }),
  breach: breachSchema.nullable(),
  confidence: z.object({ score: z.number().min(0).max(1), components: confidenceComponentsSchema }),
  /** The latest level shift in the history, when one was found: the forecast starts from the new level (the panel marks it). */
  levelShift: levelShiftSchema.optional(),
});
export type MetricForecast = z.infer<typeof metricForecastSchema>;

export const forecastDataSchema = z.object({
  schemaVersion: z.literal(FORECAST_SCHEMA_VERSION),
  producer: z.object({
    provider: providerIdSchema,
    model: z.string().nullable(),
    method: z.string(),
    /** Hash of the prompt, for LLM providers. */
    promptHash: z.string().nullable(),
    /**
     * The tokens the provider reported for this forecast's completion. Absent for the
     * built-in forecaster (and in forecasts saved before it was recorded); null when the
     * provider did not report usable counts: unknown, not zero.
     */
    usage: tokenUsageSchema.nullable().optional(),
  }),
  createdAt: isoTime,
  source: z.string(),
  horizon: z.object({ start: isoTime, stepSeconds: z.number().positive(), count: z.number().int().positive() }),
  /** Prediction interval level, e.g. 0.95. */
  level: z.number().gt(0).lt(1),
  metrics: z.array(metricForecastSchema).min(1),
  /** The metric that breaches first (ties broken by probability); null when none is expected to. */
  bottleneck: z
    .object({
      metric: z.string(),
      expected: isoTime.nullable(),
      earliest: isoTime.nullable(),
      probability: z.number().min(0).max(1),
      risk: riskLevelSchema,
    })
    .nullable(),
  risk: z.object({ level: riskLevelSchema, score: z.number().min(0).max(100), reasons: z.array(z.string()) }),
  confidence: z.object({ score: z.number().min(0).max(1), components: confidenceComponentsSchema }),
  warnings: z.array(z.string()),
  /** What a provider said in words: plain text, at most 1,000 characters, never HTML. Null for the built-in forecaster. */
  narrative: z.string().max(1000).nullable(),
});
export type ForecastData = z.infer<typeof forecastDataSchema>;

/** When the forecast starts from: the last observation, one step before the horizon (epoch ms). Relative times ("in 3 d 4 h") count from here. */
export function forecastOrigin(data: Pick<ForecastData, 'horizon'>): number {
  return Date.parse(data.horizon.start) - data.horizon.stepSeconds * 1000;
}
