import * as fs from 'node:fs';
import * as z from 'zod';
import { breachSideSchema } from '../forecast/schema';
import { describeIssues } from '../lock/lockState';
import { DataError } from './dataError';
import { type RawSeries } from './regularize';
import { parseTimestamp } from './timestamps';

const time = z.union([z.string(), z.number()]);
const point = z.union([
  z.tuple([time, z.number().nullable()]),
  z.strictObject({ t: time, v: z.number().nullable() }),
]);

/**
 * The JSON shape (documented in the README):
 *   { "metrics": [ { "name": "cpu", "unit": "%", "capacity": 90, "breach": "above",
 *                    "points": [ ["2026-01-05T00:00:00Z", 41.5], { "t": 1767571500, "v": 42.1 } ] } ] }
 * Times as in CSV files; a null value is a missing observation.
 */
export const metricFileSchema = z.strictObject({
  metrics: z.array(z.strictObject({
    name: z.string().min(1),
    unit: z.string().optional(),
    capacity: z.number().refine(Number.isFinite, 'must be finite').optional(),
    breach: breachSideSchema.optional(),
    points: z.array(point).min(1),
  })).min(1),
});

export function loadJson(file: string, text?: string): RawSeries[] {
  let raw: string;
  try {
    raw = text ?? fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DataError(file, 'no such file');
    throw err;
  }
  if (raw.trim() === '') throw new DataError(file, 'the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const at = pos ? Number(pos[1]) : undefined;
    const line = at !== undefined ? raw.slice(0, at).split('\n').length : undefined;
    const column = at !== undefined ? at - raw.lastIndexOf('\n', at - 1) : undefined;
    throw new DataError(file, `not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`, line, column);
  }
  const parsed = metricFileSchema.safeParse(json);
  if (!parsed.success) throw new DataError(file, `does not match the metrics JSON shape: ${describeIssues(parsed.error)}`);
  return parsed.data.metrics.map((m, mi) => {
    const times: number[] = [];
    const values: number[] = [];
    m.points.forEach((p, pi) => {
      const [t, v] = Array.isArray(p) ? p : [p.t, p.v];
      const ms = parseTimestamp(String(t));
      if (ms === undefined) throw new DataError(file, `metrics.${mi}.points.${pi}: "${String(t)}" is not a timestamp`);
      if (v === null) return;
      times.push(ms);
      values.push(v);
    });
    if (times.length === 0) throw new DataError(file, `metric "${m.name}" has no values`);
    return {
      name: m.name,
      ...(m.unit !== undefined ? { unit: m.unit } : {}),
      ...(m.capacity !== undefined ? { capacity: m.capacity } : {}),
      ...(m.breach !== undefined ? { breach: m.breach } : {}),
      times,
      values,
    };
  });
}
