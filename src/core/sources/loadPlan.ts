import type * as z from 'zod';
import * as path from 'node:path';
import { DataError } from '../base/dataError';
import { describeIssues } from '../base/describeIssues';
import { lineColumn, offsetOfPath, parseJsonc } from '../jsonc';
import { checkTextSize, readBounded } from '../data/readBounded';
import { parseDuration } from './duration';
import { type Plan, type PlanMetric, type PlanSource, planSchema } from './planSchema';

/** A plan is a few KB; 1 MiB is far above any real one and bounds the work a hostile one causes. */
export const MAX_PLAN_BYTES = 1024 * 1024;
/** Points one series may have over its lookback (30 days at 10 s); more is a step too fine for a forecast. */
export const MAX_POINTS_PER_SERIES = 260_000;

export interface ResolvedMetric extends Omit<PlanMetric, 'source' | 'step' | 'lookback'> {
  readonly source: PlanSource;
  readonly stepMs: number;
  readonly lookbackMs: number;
}

export interface ResolvedPlan {
  readonly file: string;
  readonly plan: Plan;
  readonly metrics: readonly ResolvedMetric[];
  readonly thresholds: { readonly warningMs?: number; readonly criticalMs?: number };
}

/** An issue's own sentence; a bad record key (a header name) carries it inside, under zod's "Invalid key in record". */
function messageOf(issue: z.core.$ZodIssue): string {
  const inner =
    'issues' in issue && Array.isArray(issue.issues) ? (issue.issues[0] as z.core.$ZodIssue | undefined) : undefined;
  return issue.code === 'invalid_key' && inner ? inner.message : issue.message;
}

/** `plan.json`, `prod.plan.json` (or `.jsonc`): names the editor and the pipeline read as plans. */
export function isPlanName(name: string): boolean {
  // Stryker disable next-line Regex: the variants differ only when a line break follows ? or #, and then the name's end is the same
  return /(^|\.)plan\.jsonc?$/i.test(path.basename(name.replace(/[?#].*$/, '')));
}

/**
 * Reads a capacity plan (JSON with comments, at most 1 MiB). Every mistake is a DataError
 * at `file:line:column` (the place of the field that is wrong), so the editor and the CLI
 * point at it.
 */
export async function loadPlan(file: string, text?: string): Promise<ResolvedPlan> {
  if (text !== undefined) checkTextSize(file, text, MAX_PLAN_BYTES, 'plan');
  const raw = (text ?? (await readBounded(file, MAX_PLAN_BYTES, 'plan'))).replace(/^\uFEFF/, '');
  if (raw.trim() === '') throw new DataError(file, 'the plan is empty');
  const parsed = parseJsonc(raw);
  const at = (offset: number, detail: string): DataError => {
    const { line, column } = lineColumn(raw, offset);
    return new DataError(file, detail, line, column);
  };
  if (!('value' in parsed)) throw at(parsed.offset, `not valid JSON: ${parsed.problem}`);
  const atPath = (p: readonly PropertyKey[], detail: string): DataError =>
    at(offsetOfPath(parsed.blanked, p), `${p.length ? `${p.join('.')}: ` : ''}${detail}`);
  const checked = planSchema.safeParse(parsed.value);
  if (!checked.success) {
    const first = checked.error.issues[0];
    const more = checked.error.issues.length > 1 ? ` (and ${checked.error.issues.length - 1} more)` : '';
    // Stryker disable next-line ConditionalExpression: a failed parse has at least one issue
    if (first) throw atPath(first.path, `${messageOf(first)}${more}`.slice(0, 500));
    // Stryker disable next-line CallExpression: unreachable, a failed parse has at least one issue (kept for the type checker)
    throw new DataError(file, describeIssues(checked.error));
  }
  const plan = checked.data;
  const sources = new Map<string, PlanSource>();
  plan.sources.forEach((s, i) => {
    if (sources.has(s.name)) throw atPath(['sources', i, 'name'], `a second source named "${s.name}"`);
    sources.set(s.name, s);
  });
  const defaultStep = parseDuration(plan.step ?? '5m') as number;
  const defaultLookback = parseDuration(plan.lookback ?? '14d') as number;
  const names = new Set<string>();
  const metrics = plan.metrics.map((m, i): ResolvedMetric => {
    if (names.has(m.name)) throw atPath(['metrics', i, 'name'], `a second metric named "${m.name}"`);
    names.add(m.name);
    // Stryker disable next-line StringLiteral: no source can be named "" (nor "Stryker was here!"): either finds none
    const source = m.source === undefined && plan.sources.length === 1 ? plan.sources[0] : sources.get(m.source ?? '');
    if (!source)
      throw atPath(
        ['metrics', i, m.source === undefined ? 'name' : 'source'],
        m.source === undefined
          ? `the plan has ${plan.sources.length} sources: say which one with "source"`
          : `no source is named "${m.source}" (the plan has ${[...sources.keys()].join(', ')})`,
      );
    const stepMs = m.step !== undefined ? (parseDuration(m.step) as number) : defaultStep;
    const lookbackMs = m.lookback !== undefined ? (parseDuration(m.lookback) as number) : defaultLookback;
    if (stepMs < 1000) throw atPath(['metrics', i, 'step'], 'the step must be at least 1s');
    if (lookbackMs < stepMs * 10) throw atPath(['metrics', i, 'lookback'], 'the lookback must hold at least 10 steps');
    if (lookbackMs / stepMs > MAX_POINTS_PER_SERIES)
      throw atPath(
        ['metrics', i, m.lookback !== undefined ? 'lookback' : 'step'],
        `${Math.round(lookbackMs / stepMs).toLocaleString('en')} points per series; at most ${MAX_POINTS_PER_SERIES.toLocaleString('en')} (a longer step or a shorter lookback)`,
      );
    const { source: _source, step: _step, lookback: _lookback, ...rest } = m;
    return { ...rest, source, stepMs, lookbackMs };
  });
  // one forecast, one grid: the metrics of a plan share a step
  const first = metrics[0] as ResolvedMetric;
  const odd = metrics.findIndex((m) => m.stepMs !== first.stepMs);
  // Stryker disable next-line EqualityOperator: metric 0 is the one compared with, so odd is never 0
  if (odd >= 0)
    throw atPath(
      // Stryker disable next-line OptionalChaining: odd is the index of a metric of the plan
      ['metrics', odd, plan.metrics[odd]?.step !== undefined ? 'step' : 'name'],
      `every metric of a plan has the same step (this one differs from "${first.name}"); put metrics with other steps in another plan`,
    );
  const thresholds = {
    ...(plan.thresholds?.warning ? { warningMs: parseDuration(plan.thresholds.warning) as number } : {}),
    ...(plan.thresholds?.critical ? { criticalMs: parseDuration(plan.thresholds.critical) as number } : {}),
  };
  return { file, plan, metrics, thresholds };
}
