import * as z from '../base/zod';
import { describeIssues } from '../base/describeIssues';
import { MAX_METRICS_PER_FILE, MAX_NAME_LENGTH, MAX_OBSERVATIONS_PER_FILE, formatCount } from './limits';
import { hasControlCharacter } from './quoteText';

/**
 * A Prometheus `query_range` answer (`/api/v1/query_range`), as the HTTP API documents it
 * and as Thanos, Cortex, Mimir and VictoriaMetrics return it:
 *   { "status": "success", "data": { "resultType": "matrix",
 *     "result": [ { "metric": { "instance": "db-3" }, "values": [ [1767571200, "41.5"], … ] } ] },
 *     "warnings": [ … ] }
 * or, on failure, { "status": "error", "errorType": "bad_data", "error": "…" }.
 */
const sample = z.tuple([z.number(), z.string()]);
export const promResponseSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z
    .object({
      resultType: z.string(),
      result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sample).optional() })),
    })
    .optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

/** One series of an answer: its labels, and its samples with NaN and ±Inf left out (gaps). */
export interface PromSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly times: number[];
  readonly values: number[];
  /** Samples left out because they were NaN or infinite. */
  readonly dropped: number;
}

export type PromAnswer =
  | { readonly ok: true; readonly series: PromSeries[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errorType: string; readonly error: string };

/** True when a parsed JSON document looks like a Prometheus API answer (the keys a metrics file never has). */
export function isPromResponse(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'status' in json && ('data' in json || 'error' in json);
}

/**
 * Reads a parsed `query_range` answer. Shape problems are a sentence (thrown as `fail`);
 * a NaN or infinite sample is a gap, never a value; the counts are held to the metric
 * file's limits before any series is copied.
 */
export function readPromAnswer(json: unknown, fail: (detail: string) => Error): PromAnswer {
  const parsed = promResponseSchema.safeParse(json);
  if (!parsed.success)
    throw fail(`does not match the Prometheus query_range answer: ${describeIssues(parsed.error).slice(0, 500)}`);
  const answer = parsed.data;
  if (answer.status === 'error')
    return { ok: false, errorType: answer.errorType ?? 'error', error: answer.error ?? 'no message' };
  const data = answer.data;
  if (!data) throw fail('a successful answer without "data"');
  if (data.resultType !== 'matrix')
    throw fail(
      `the result is a ${data.resultType}, not a matrix: save the answer of /api/v1/query_range, not /api/v1/query`,
    );
  if (data.result.length > MAX_METRICS_PER_FILE)
    throw fail(
      `${formatCount(data.result.length)} series; at most ${formatCount(MAX_METRICS_PER_FILE)} (aggregate with sum by (…) or topk)`,
    );
  let total = 0;
  for (const r of data.result) total += r.values?.length ?? 0;
  if (total > MAX_OBSERVATIONS_PER_FILE)
    throw fail(
      `${formatCount(total)} samples; at most ${formatCount(MAX_OBSERVATIONS_PER_FILE)} (a longer step or a shorter lookback)`,
    );
  const series = data.result.map((r) => {
    const times: number[] = [];
    const values: number[] = [];
    let dropped = 0;
    for (const [t, v] of r.values ?? []) {
      const value = Number(v);
      if (!Number.isFinite(value)) {
        dropped++;
        continue;
      }
      times.push(Math.round(t * 1000));
      values.push(value);
    }
    return { labels: r.metric, times, values, dropped };
  });
  return { ok: true, series, warnings: [...(answer.warnings ?? []), ...(answer.infos ?? [])] };
}

/**
 * Names the series of one query: the metric's name plus the labels that tell its series
 * apart, e.g. `disk_free{instance="db-3", mountpoint="/var"}` (labels every series shares
 * are left out, `__name__` too unless it differs; a single series is named by the name alone).
 */
export function nameSeries(name: string, all: readonly Readonly<Record<string, string>>[]): string[] {
  const keys = new Set<string>();
  for (const labels of all) for (const k of Object.keys(labels)) keys.add(k);
  const varying = [...keys]
    .filter((k) =>
      // Stryker disable next-line OptionalChaining: the keys come from the series, so there is a first one
      all.some((l) => l[k] !== all[0]?.[k]),
    )
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return all.map((labels) => {
    const shown = varying.filter((k) => labels[k] !== undefined);
    if (shown.length === 0) return name;
    return `${name}{${shown.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
  });
}

/** Why a series name cannot be used (too long, a control character in a label), or undefined. */
export function seriesNameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH)
    return `the series name ${JSON.stringify(name.slice(0, 60))}… is ${name.length} characters long; at most ${MAX_NAME_LENGTH} (aggregate with sum by (…) to keep fewer labels)`;
  if (hasControlCharacter(name))
    return `the series name ${JSON.stringify(name.slice(0, 60))} holds a control character`;
  return undefined;
}
