import * as z from 'zod';
import { type ForecastData, type ForecastPoint, forecastDataSchema, metricForecastSchema } from './forecastSchema';

/** The schema with each metric's points left unchecked: they are checked by `plainPoints`, a loop. */
const shellSchema = forecastDataSchema.extend({
  metrics: z.array(metricForecastSchema.extend({ points: z.array(z.unknown()).min(1) })).min(1),
});

/** The ISO pattern the schema checks a point's time with (offset required), taken from the schema itself. */
const ISO = (z.iso.datetime({ offset: true }) as unknown as { _zod: { pattern: RegExp } })._zod.pattern;

/**
 * The points, if each is an object with an ISO time and finite numbers; undefined
 * otherwise (the schema then says what is wrong). Other keys are dropped by the copy the
 * caller makes, as the schema drops them.
 */
function plainPoints(points: readonly unknown[]): ForecastPoint[] | undefined {
  for (const p of points) {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined;
    const { t, value, lower, upper } = p as Record<string, unknown>;
    if (
      typeof t !== 'string' ||
      typeof value !== 'number' ||
      typeof lower !== 'number' ||
      typeof upper !== 'number' ||
      !Number.isFinite(value) ||
      !Number.isFinite(lower) ||
      !Number.isFinite(upper) ||
      !ISO.test(t)
    )
      return undefined;
  }
  return points as ForecastPoint[];
}

/**
 * `forecastDataSchema.parse`, faster on large forecasts: the points (most of a forecast's
 * size) are checked by a loop, the rest by the schema. A forecast the loop does not pass
 * whole is parsed by the schema alone, so every error is the schema's own. The result is
 * the schema's (a property test holds the two equal).
 */
export function parseForecastData(data: unknown): ForecastData {
  const metrics = (data as { metrics?: unknown } | null)?.metrics;
  if (!Array.isArray(metrics)) return forecastDataSchema.parse(data);
  const points: ForecastPoint[][] = [];
  for (const m of metrics) {
    const ps = (m as { points?: unknown } | null)?.points;
    const plain = Array.isArray(ps) ? plainPoints(ps) : undefined;
    if (!plain) return forecastDataSchema.parse(data);
    points.push(plain.map((p) => ({ t: p.t, value: p.value, lower: p.lower, upper: p.upper })));
  }
  const shell = shellSchema.safeParse(data);
  if (!shell.success) return forecastDataSchema.parse(data);
  return { ...shell.data, metrics: shell.data.metrics.map((m, i) => ({ ...m, points: points[i] as ForecastPoint[] })) };
}
