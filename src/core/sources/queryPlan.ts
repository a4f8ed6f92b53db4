import * as path from 'node:path';
import { DataError } from '../base/dataError';
import { nameSeries, type PromSeries, seriesNameProblem } from '../data/promResponse';
import { type RawSeries } from '../data/regularize';
import { MAX_METRICS_PER_FILE, MAX_OBSERVATIONS_PER_FILE, formatCount } from '../data/limits';
import { readBoundedText } from '../boundedRead';
import { parseDuration } from './duration';
import { type HttpTransport } from './httpTransport';
import { type PlanSource } from './planSchema';
import { type ResolvedMetric, type ResolvedPlan } from './loadPlan';
import { type QueryContext, type SourceCredential, queryRange, sourceLabel } from './promClient';
import { SourceError } from './sourceError';

/** A CA bundle is a few KB; 1 MiB bounds what a plan can make the reader load. */
const MAX_CA_BYTES = 1024 * 1024;

/** How a host lets plans reach their sources. */
export interface SourceAccess {
  /**
   * The secret of a source (a basic-auth password or a bearer token) and the origins it may
   * go to: from the editor's secret storage, or from the environment in the CLI.
   */
  readonly credential: (source: PlanSource, plan: string) => Promise<SourceCredential | undefined>;
  /** Why no query may run (Restricted Mode), or undefined when they may. */
  readonly refused?: string | undefined;
  readonly transport?: HttpTransport;
  /** Where a source's secret is set, said when none is. */
  readonly credentialHint?: (source: PlanSource) => string;
  /** Now, in epoch ms (injected by tests). */
  readonly now?: () => number;
}

/** Where a plan's metrics came from, for the forecast and its warnings. */
export interface PlanHistory {
  readonly raw: RawSeries[];
  readonly warnings: string[];
}

/**
 * Asks each metric's source for its history (and its capacity, when that is a PromQL
 * expression) and names every series by the metric and its labels. Metrics are asked one
 * after another; a failure stops the forecast with a SourceError that names the source.
 */
export async function queryPlan(plan: ResolvedPlan, access: SourceAccess, signal?: AbortSignal): Promise<PlanHistory> {
  if (access.refused !== undefined)
    // Stryker disable next-line OptionalChaining: a plan has at least one source (its schema's min(1)); the fallback only satisfies the type
    throw new SourceError(plan.plan.sources[0]?.name ?? 'plan', 'restricted', access.refused);
  const now = (access.now ?? Date.now)();
  const warnings: string[] = [];
  const raw: RawSeries[] = [];
  const contexts = new Map<string, QueryContext>();
  let samples = 0;
  for (const metric of plan.metrics) {
    let ctx = contexts.get(metric.source.name);
    if (!ctx) {
      ctx = await contextFor(plan, metric.source, access, warnings, signal);
      contexts.set(metric.source.name, ctx);
    }
    const what = `the query of "${metric.name}"`;
    const end = Math.floor(now / metric.stepMs) * metric.stepMs;
    const range = { startMs: end - metric.lookbackMs, endMs: end, stepMs: metric.stepMs };
    const series = (await queryRange(ctx, what, metric.query, range)).filter((s) => s.times.length > 0);
    if (series.length === 0) {
      warnings.push(`${metric.name}: the query returned no series in the last ${formatSpan(metric.lookbackMs)}`);
      continue;
    }
    const capacities = await capacitiesOf(ctx, metric, series, end, warnings);
    const names = nameSeries(
      metric.name,
      series.map((s) => s.labels),
    );
    series.forEach((s, i) => {
      const name = names[i] ?? metric.name;
      const problem = seriesNameProblem(name);
      if (problem) throw new DataError(plan.file, `metric "${metric.name}": ${problem}`);
      if (s.dropped > 0) warnings.push(`${name}: ${s.dropped} NaN or infinite values were left out as gaps`);
      samples += s.times.length;
      const capacity = capacities[i];
      raw.push({
        name,
        times: s.times,
        values: s.values,
        ...(metric.unit !== undefined ? { unit: metric.unit } : {}),
        ...(metric.breach !== undefined ? { breach: metric.breach } : {}),
        ...(capacity !== undefined ? { capacity } : {}),
      });
    });
    if (raw.length > MAX_METRICS_PER_FILE)
      throw new DataError(
        plan.file,
        `the plan's queries returned more than ${formatCount(MAX_METRICS_PER_FILE)} series (at "${metric.name}"); aggregate with sum by (…) or topk`,
      );
    if (samples > MAX_OBSERVATIONS_PER_FILE)
      throw new DataError(
        plan.file,
        `the plan's queries returned more than ${formatCount(MAX_OBSERVATIONS_PER_FILE)} samples (at "${metric.name}"); use a longer step or a shorter lookback`,
      );
  }
  if (raw.length === 0)
    throw new DataError(plan.file, 'no query of the plan returned any series; check the queries and the lookback');
  return { raw, warnings };
}

async function contextFor(
  plan: ResolvedPlan,
  source: PlanSource,
  access: SourceAccess,
  warnings: string[],
  signal: AbortSignal | undefined,
): Promise<QueryContext> {
  const credential = (source.auth?.type ?? 'none') === 'none' ? undefined : await access.credential(source, plan.file);
  let ca: string | undefined;
  if (source.caFile !== undefined) {
    const file = path.resolve(path.dirname(plan.file), source.caFile);
    ca = readBoundedText(file, MAX_CA_BYTES, `the CA file of ${sourceLabel(source)}`, 'a CA file may be');
  }
  return {
    source,
    warn: (text) => warnings.push(text),
    ...(credential ? { credential } : {}),
    ...(access.credentialHint ? { credentialHint: access.credentialHint(source) } : {}),
    ...(access.transport ? { transport: access.transport } : {}),
    ...(signal ? { signal } : {}),
    ...(ca !== undefined ? { ca } : {}),
    ...(source.timeout !== undefined ? { timeoutMs: parseDuration(source.timeout) as number } : {}),
  };
}

/**
 * A capacity per series: the plan's number, or the newest value of the capacity
 * expression's series that agrees with the metric's series on every label both have
 * (the one sharing the most labels; a single capacity series applies to all).
 */
async function capacitiesOf(
  ctx: QueryContext,
  metric: ResolvedMetric,
  series: readonly PromSeries[],
  end: number,
  warnings: string[],
): Promise<(number | undefined)[]> {
  const capacity = metric.capacity;
  if (capacity === undefined) return series.map(() => undefined);
  if (typeof capacity === 'number') return series.map(() => capacity);
  const range = { startMs: end - 10 * metric.stepMs, endMs: end, stepMs: metric.stepMs };
  const found = (await queryRange(ctx, `the capacity of "${metric.name}"`, capacity, range)).filter(
    (s) => s.values.length > 0,
  );
  if (found.length === 0) {
    warnings.push(`${metric.name}: the capacity expression returned no series; forecast without a capacity`);
    return series.map(() => undefined);
  }
  let unmatched = 0;
  const result = series.map((s) => {
    const match = bestMatch(s.labels, found);
    if (!match) unmatched++;
    return match?.values.at(-1);
  });
  if (unmatched > 0)
    warnings.push(`${metric.name}: ${unmatched} series matched no series of the capacity expression on their labels`);
  return result;
}

function bestMatch(
  labels: Readonly<Record<string, string>>,
  candidates: readonly PromSeries[],
): PromSeries | undefined {
  if (candidates.length === 1) return candidates[0];
  let best: PromSeries | undefined;
  let bestShared = -1;
  for (const c of candidates) {
    let shared = 0;
    let agrees = true;
    for (const [k, v] of Object.entries(c.labels)) {
      if (k === '__name__' || labels[k] === undefined) continue;
      if (labels[k] !== v) {
        agrees = false;
        break;
      }
      shared++;
    }
    if (agrees && shared > bestShared) {
      best = c;
      bestShared = shared;
    }
  }
  return best;
}

function formatSpan(ms: number): string {
  const days = ms / 86_400_000;
  return days >= 1 && Number.isInteger(days) ? `${days} d` : `${Math.round(ms / 60_000)} min`;
}
