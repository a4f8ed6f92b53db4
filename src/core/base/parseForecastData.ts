import * as z from 'zod';
import {
  type ForecastData,
  type ForecastPoint,
  type MetricForecast,
  forecastDataSchema,
  metricForecastSchema,
} from './forecastSchema';

/** One metric's points as a forecast computes them: a time each, and the values and bounds as columns. */
export interface PointColumns {
  readonly t: readonly string[];
  readonly value: ArrayLike<number>;
  readonly lower: ArrayLike<number>;
  readonly upper: ArrayLike<number>;
}

/** `ForecastData` with each metric's points still columns. */
export type ForecastColumns = Omit<ForecastData, 'metrics'> & {
  readonly metrics: readonly (Omit<MetricForecast, 'points'> & { readonly points: PointColumns })[];
};

/** The schema with each metric's points left unchecked (they are checked by `pointsOf`, a loop), in their place. */
const shellSchema = forecastDataSchema.extend({
  metrics: z.array(metricForecastSchema.extend({ points: z.unknown() })).min(1),
});

/** The ISO pattern the schema checks a point's time with (offset required), taken from the schema itself. */
const ISO = (z.iso.datetime({ offset: true }) as unknown as { _zod: { pattern: RegExp } })._zod.pattern;

/**
 * The points of one metric, built from its columns (point j: the j-th time, value and
 * bounds, as many as there are values), and whether the schema would take them: at least
 * one, each time ISO with an offset, each number finite. One pass.
 */
function pointsOf(c: PointColumns): { points: ForecastPoint[]; valid: boolean } {
  const { t, value, lower, upper } = c;
  const n = value.length;
  const points = new Array<ForecastPoint>(n);
  let valid = n > 0;
  for (let j = 0; j < n; j++) {
    const p = { t: t[j] as string, value: value[j] as number, lower: lower[j] as number, upper: upper[j] as number };
    points[j] = p;
    // Number.isFinite is false for anything but a finite number, as zod's z.number() is (undefined included)
    if (
      valid &&
      !(
        Number.isFinite(p.value) &&
        Number.isFinite(p.lower) &&
        Number.isFinite(p.upper) &&
        typeof p.t === 'string' &&
        ISO.test(p.t)
      )
    )
      valid = false;
  }
  return { points, valid };
}

/**
 * `forecastDataSchema.parse` of the forecast the columns make, faster on large forecasts:
 * the points (most of a forecast's size) are built once from their columns and checked in
 * the same loop, the rest by the schema. A forecast that fails either is parsed by the
 * schema whole, so every error is the schema's own. The result is the schema's (a property
 * test holds the two equal).
 */
export function parseForecastData(data: ForecastColumns): ForecastData {
  const built = data.metrics.map((m) => pointsOf(m.points));
  const shell = built.every((b) => b.valid) ? shellSchema.safeParse(data) : undefined;
  if (!shell?.success) {
    return forecastDataSchema.parse({
      ...data,
      metrics: data.metrics.map((m, i) => ({ ...m, points: (built[i] as { points: ForecastPoint[] }).points })),
    });
  }
  return {
    ...shell.data,
    metrics: shell.data.metrics.map((m, i) => ({ ...m, points: (built[i] as { points: ForecastPoint[] }).points })),
  };
}
