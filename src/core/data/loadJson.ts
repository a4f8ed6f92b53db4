import { jsonSyntaxError } from '../jsonSyntax';
import * as z from '../base/zod';
import { breachSideSchema } from '../base/forecastSchema';
import { describeIssues } from '../base/describeIssues';
import { DataError, NotMetricsFileError } from '../base/dataError';
import { formatCount, MAX_JSON_BYTES, MAX_METRICS_PER_FILE, MAX_OBSERVATIONS_PER_FILE } from './limits';
import { nameProblem } from './names';
import { quoteText } from './quoteText';
import { checkTextSize, readBounded } from './readBounded';
import { type RawSeries } from './regularize';
import { readTimestamp } from './timestamps';
import { valueProblem } from './values';
import { isPromResponse, nameSeries, readPromAnswer, seriesNameProblem } from './promResponse';
import * as path from 'node:path';

const time = z.union([z.string(), z.number()]);
const point = z.union([z.tuple([time, z.number().nullable()]), z.strictObject({ t: time, v: z.number().nullable() })]);
/** Longest message built from zod's issues (an unknown key can be arbitrarily long). */
const MAX_ISSUES_TEXT = 500;

/**
 * The JSON shape (documented in the README):
 *   { "metrics": [ { "name": "cpu", "unit": "%", "capacity": 90, "breach": "above",
 *                    "points": [ ["2026-01-05T00:00:00Z", 41.5], { "t": 1767571500, "v": 42.1 } ] } ] }
 * Times as in CSV files; a null value is a missing observation.
 */
export const metricFileSchema = z.strictObject({
  metrics: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        unit: z.string().optional(),
        // zod's number refuses Infinity (JSON's 1e400) itself
        capacity: z.number().optional(),
        breach: breachSideSchema.optional(),
        points: z.array(point).min(1),
      }),
    )
    .min(1),
});

/**
 * Reads a metrics JSON file (at most MAX_JSON_BYTES, a regular file) or the text given.
 * The number of metrics and of points is checked before the shape, so a huge file is
 * refused before it is validated point by point; nothing here recurses on the input.
 */
export async function loadJson(file: string, text?: string): Promise<RawSeries[]> {
  if (text !== undefined) checkTextSize(file, text, MAX_JSON_BYTES, 'JSON');
  const raw = (text ?? (await readBounded(file, MAX_JSON_BYTES, 'JSON'))).replace(/^\uFEFF/, '');
  if (raw.trim() === '') throw new DataError(file, 'the file is empty');
  const json = parseJson(file, raw);
  if (isPromResponse(json)) return promSeries(file, json);
  checkCounts(file, json);
  const parsed = metricFileSchema.safeParse(json);
  // no "metrics" at all: some other JSON file (package.json, a config), not a broken metrics file
  if (!parsed.success && (typeof json !== 'object' || json === null || !('metrics' in json)))
    throw new NotMetricsFileError(file);
  if (!parsed.success)
    throw new DataError(file, `does not match the metrics JSON shape: ${cut(describeIssues(parsed.error))}`);
  const seen = new Map<string, number>();
  return parsed.data.metrics.map((m, mi) => {
    const where = `metrics.${mi}`;
    const problem = nameProblem(m.name, 'metric name') ?? (m.unit ? nameProblem(m.unit, 'unit') : undefined);
    if (problem) throw new DataError(file, `${where}: ${problem}`);
    const twin = seen.get(m.name);
    if (twin !== undefined)
      throw new DataError(
        file,
        `${where}.name: metric ${quoteText(m.name)} appears twice (also metrics.${twin}); give each metric one entry`,
      );
    seen.set(m.name, mi);
    if (m.capacity !== undefined) {
      const bad = valueProblem(m.capacity, String(m.capacity));
      if (bad) throw new DataError(file, `${where}.capacity: ${bad}`);
    }
    const times: number[] = [];
    const values: number[] = [];
    const pointIndex: number[] = [];
    m.points.forEach((p, pi) => {
      const [t, v] = Array.isArray(p) ? p : [p.t, p.v];
      const ms = readTimestamp(String(t));
      if ('problem' in ms) throw new DataError(file, `${where}.points.${pi}: ${ms.problem}`);
      if (v === null) return;
      const bad = valueProblem(v, String(v));
      if (bad) throw new DataError(file, `${where}.points.${pi}: ${bad}`);
      times.push(ms.ms);
      values.push(v);
      pointIndex.push(pi);
    });
    if (times.length === 0) throw new DataError(file, `metric ${quoteText(m.name)} has no values`);
    return {
      name: m.name,
      ...(m.unit !== undefined ? { unit: m.unit } : {}),
      ...(m.capacity !== undefined ? { capacity: m.capacity } : {}),
      ...(m.breach !== undefined ? { breach: m.breach } : {}),
      times,
      values,
      place: (i: number) => ({ path: `${where}.points.${pointIndex[i] ?? i}` }),
    };
  });
}

/**
 * A saved Prometheus `query_range` answer: each series is a metric, named by its `__name__`
 * (or the file's name when a series has none) and the labels that tell the series apart.
 */
function promSeries(file: string, json: unknown): RawSeries[] {
  const answer = readPromAnswer(json, (detail) => new DataError(file, detail));
  if (!answer.ok)
    throw new DataError(file, `the saved answer is an error (${answer.errorType}): ${quoteText(answer.error)}`);
  if (answer.series.length === 0) throw new DataError(file, 'the saved answer has no series');
  const stem = path.basename(file).replace(/\.[^.]*$/, '') || 'series';
  const groups = new Map<string, number[]>();
  answer.series.forEach((s, i) => {
    const base = s.labels['__name__'] ?? stem;
    groups.set(base, [...(groups.get(base) ?? []), i]);
  });
  const names: string[] = [];
  for (const [base, members] of groups) {
    const named = nameSeries(
      base,
      members.map((i) => answer.series[i]?.labels ?? {}),
    );
    members.forEach((i, k) => (names[i] = named[k] ?? base));
  }
  return answer.series.map((s, i) => {
    const name = names[i] ?? stem;
    const problem = seriesNameProblem(name);
    if (problem) throw new DataError(file, `data.result.${i}: ${problem}`);
    if (s.times.length === 0) throw new DataError(file, `data.result.${i}: series ${quoteText(name)} has no values`);
    return { name, times: s.times, values: s.values, place: (k: number) => ({ path: `data.result.${i}.values.${k}` }) };
  });
}

function parseJson(file: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    // never quote the file: say where and why, as a person would fix it
    const found = jsonSyntaxError(raw);
    if (!found) throw new DataError(file, 'not valid JSON');
    const line = countLines(raw, found.offset);
    const column = found.offset - raw.lastIndexOf('\n', found.offset - 1);
    throw new DataError(file, `not valid JSON: ${found.problem}`, line, column);
  }
}

/** Refuses too many metrics or points before the shape is validated (one level of arrays, no recursion). */
function checkCounts(file: string, json: unknown): void {
  const metrics = (json as { metrics?: unknown } | null)?.metrics;
  if (!Array.isArray(metrics)) return;
  if (metrics.length > MAX_METRICS_PER_FILE) {
    throw new DataError(
      file,
      `metrics: ${formatCount(metrics.length)} metrics; a file may have at most ${formatCount(MAX_METRICS_PER_FILE)} (split it)`,
    );
  }
  let points = 0;
  for (const m of metrics) {
    const p = (m as { points?: unknown } | null)?.points;
    if (Array.isArray(p)) points += p.length;
  }
  if (points > MAX_OBSERVATIONS_PER_FILE) {
    throw new DataError(
      file,
      `${formatCount(points)} points; a file may have at most ${formatCount(MAX_OBSERVATIONS_PER_FILE)} (split it, or keep only the recent history)`,
    );
  }
}

function countLines(text: string, end: number): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function cut(text: string): string {
  return text.length > MAX_ISSUES_TEXT ? `${text.slice(0, MAX_ISSUES_TEXT)}…` : text;
}
