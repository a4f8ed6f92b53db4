import * as z from './zod';
import { FIRST_ISO_MS, isoFormatter, LAST_ISO_MS } from '../time/isoFormatter';
import {
  type ForecastData,
  type ForecastPoint,
  type MetricForecast,
  forecastDataSchema,
  metricForecastSchema,
} from './forecastSchema';

/**
 * One metric's points as a forecast computes them: point j is at `after + (j + 1) · stepMs`
 * (epoch ms), with the j-th value and bounds; as many points as values.
 */
export interface PointColumns {
  readonly after: number;
  readonly stepMs: number;
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

/**
 * The points of one metric, built from its columns, and whether the schema would take
 * them: at least one, each number finite, each time written with a four-digit year. The
 * times are written by isoFormatter, which gives the schema's ISO form for every instant of
 * those years (a property test holds it so), so they are checked as numbers. One pass.
 */
function pointsOf(c: PointColumns): { points: ForecastPoint[]; valid: boolean } {
  const { after, stepMs, value, lower, upper } = c;
  const iso = isoFormatter();
  const n = value.length;
  // Stryker disable next-line ArrayDeclaration: sized only to save growing it; every slot is written below
  const points = new Array<ForecastPoint>(n);
  let valid = n > 0;
  for (let j = 0; j < n; j++) {
    const ms = after + (j + 1) * stepMs;
    const p = { t: iso(ms), value: value[j] as number, lower: lower[j] as number, upper: upper[j] as number };
    points[j] = p;
    // Number.isFinite is false for anything but a finite number, as zod's z.number() is (undefined included)
    if (
      valid &&
      !(
        Number.isFinite(p.value) &&
        Number.isFinite(p.lower) &&
        Number.isFinite(p.upper) &&
        ms >= FIRST_ISO_MS &&
        ms <= LAST_ISO_MS
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
