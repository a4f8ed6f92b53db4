import { type ForecastData, type MetricForecast, forecastDataSchema } from '../../src/core/base/forecastSchema';

/**
 * A small forecast written out by hand, for the tests of what a person reads (the report,
 * the headline): hourly steps, the last observation at 2026-11-02 00:00 UTC, a 7-day
 * horizon. Relative times in those tests count from that origin.
 */
export const ORIGIN = '2026-11-02T00:00:00.000Z';

const CONFIDENCE = { skill: 0.5, coverage: 0.9, dataQuality: 1, reach: 0.8 };

/** One metric's forecast: a capacity of 85 % breached above, no breach, one method; `over` changes any of it. */
export function metricForecast(over: Partial<MetricForecast> & Pick<MetricForecast, 'name'>): MetricForecast {
  return {
    unit: '%',
    capacity: 85,
    breachSide: 'above',
    lastObserved: { t: ORIGIN, value: 50 },
    points: [{ t: '2026-11-02T01:00:00.000Z', value: 51, lower: 49, upper: 53 }],
    method: {
      chosen: ['ets'],
      combination: 'single',
      scores: [],
      backtestCoverage: null,
      skill: null,
      periods: [24],
    },
    breach: null,
    confidence: { score: 0.5, components: CONFIDENCE },
    ...over,
  };
}

/** A breach of a metric at the given times (ISO), none of them "already". */
export function breachAt(
  expected: string | null,
  earliest: string | null,
  latest: string | null,
  more: Partial<NonNullable<MetricForecast['breach']>> = {},
): NonNullable<MetricForecast['breach']> {
  return {
    expected,
    earliest,
    latest,
    probability: 0.5,
    alreadyBreached: false,
    risk: 'medium',
    riskScore: 40,
    ...more,
  };
}

/** The built-in forecaster's output for `metrics`; `over` changes any of it. Checked against the schema, as a saved forecast would be. */
export function forecastData(metrics: readonly MetricForecast[], over: Partial<ForecastData> = {}): ForecastData {
  return forecastDataSchema.parse({
    schemaVersion: 1,
    producer: { provider: 'builtin', model: null, method: 'auto', promptHash: null },
    createdAt: '2026-11-02T00:30:00.000Z',
    source: 'metrics.csv',
    horizon: { start: '2026-11-02T01:00:00.000Z', stepSeconds: 3600, count: 168 },
    level: 0.95,
    metrics,
    bottleneck: null,
    risk: { level: 'none', score: 0, reasons: [] },
    confidence: { score: 0.5, components: CONFIDENCE },
    warnings: [],
    narrative: null,
    ...over,
  });
}
