import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DataError, NotMetricsFileError } from '../base/dataError';
import { type ForecastData, type MetricSet } from '../base/forecastSchema';
import { InputError } from '../base/inputError';
import { type CapacityTable } from '../data/capacityMatch';
import { type ForecastSource, isPlanSource } from '../pipeline/runForecast';
import { loadPlan } from '../sources/loadPlan';
import { type SourceCredential } from '../sources/promClient';
import { type SourceAccess } from '../sources/queryPlan';
import { SourceError, type SourceFailure } from '../sources/sourceError';
import { DEFAULT_THRESHOLDS, type FleetRow, type FleetThresholds, failedRow } from './fleetRow';
import {
  type FleetSeries,
  type FleetTask,
  type ForecastOptionsMessage,
  type LoadBatch,
  type LoadDone,
} from './fleetTasks';
import { FleetRanking, rowKey } from './ranking';
import { TaskError, WorkerPool, abortError } from './workerPool';

/** The worker script beside this module (the bundles put `fleetWorker.js` beside `extension.js` and `cli.js`). */
export function fleetWorkerScript(): string {
  return path.join(__dirname, 'fleetWorker.js');
}

/** Workers for a fleet: one per core the process may use (never fewer than one). */
export function defaultWorkers(): number {
  return os.availableParallelism();
}

export interface FleetOptions extends ForecastOptionsMessage {
  readonly signal?: AbortSignal;
  /** Thresholds for files (a plan's own win); default: warning within 7 days, critical within 24 hours. */
  readonly thresholds?: FleetThresholds;
  readonly workers?: number;
  /** The worker script (tests and benches built elsewhere pass theirs). */
  readonly script?: string;
  /** Called as each row is ranked (rank 0 is the first), so views can show the top early. */
  readonly onRow?: (row: FleetRow, rank: number, ranking: FleetRanking) => void;
  /** For tests of the pool: the fault to inject into the forecast of series whose name matches. */
  readonly fault?: { readonly series: RegExp; readonly kind: 'crash' | 'crash-once' };
}

/** Where a fleet comes from: a source loaded in a worker, or series already in memory (the bench's). */
export type FleetInput =
  | {
      readonly source: ForecastSource;
      readonly capacities?: CapacityTable;
      /** How plans reach their sources; without it a plan cannot be forecast. */
      readonly sources?: SourceAccess;
    }
  | { readonly series: AsyncIterable<FleetSeries> | Iterable<FleetSeries>; readonly name: string };

export interface FleetResult {
  readonly source: string;
  /** Every series, ranked (see compareRows). */
  readonly rows: readonly FleetRow[];
  readonly warnings: readonly string[];
  readonly thresholds: FleetThresholds;
  readonly queries: LoadDone['queries'];
  /** Milliseconds from the start to the first ranked row, and to the last. */
  readonly firstRowMs: number | null;
  readonly elapsedMs: number;
  readonly workers: number;
  /** Workers started, replacements of crashed ones included. */
  readonly workersStarted: number;
  /**
   * The longest this thread was kept from its event loop during the run, in milliseconds
   * (the event loop delay's maximum, sampled every 10 ms): an upper bound of its longest task.
   */
  readonly longestStallMs: number;
  /** The series kept for a closer look (their values, as typed arrays), by `rowKey`. */
  readonly series: ReadonlyMap<string, FleetSeries>;
}

/**
 * Forecasts every series of a source on a pool of worker threads and ranks them as they
 * finish: loading (in a worker), forecasting and ranking overlap, so the first rows are
 * known long before the last. The host's thread only moves messages and keeps the
 * ranking. A series that cannot be forecast gets a row that says why; a source that
 * cannot be loaded fails the whole run, with the loader's own error.
 */
export async function forecastFleet(input: FleetInput, options: FleetOptions = {}): Promise<FleetResult> {
  const started = performance.now();
  // Stryker disable next-line ObjectLiteral: 10 ms is also Node's default resolution
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const size = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
  const pool = new WorkerPool({ script: options.script ?? fleetWorkerScript(), size, maxHeapMb: 1024 });
  const signal = options.signal;
  const onAbort = (): void => pool.cancel(abortError());
  if (signal?.aborted) throw abortError();
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once, and the listener is removed in finally
  signal?.addEventListener('abort', onAbort, { once: true });
  const ranking = new FleetRanking();
  const kept = new Map<string, FleetSeries>();
  let firstRowMs: number | null = null;
  let thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const forecastOptions = forecastOptionsOf(options);
  // Stryker disable next-line ArrayDeclaration: a value that is not a promise is awaited as itself
  const pending: Promise<void>[] = [];
  const forecastOne = (s: FleetSeries): void => {
    kept.set(rowKey({ group: s.group, series: s.name }), s);
    const fault = options.fault?.series.test(s.name) ? { fault: options.fault.kind } : {};
    const task: FleetTask = { kind: 'series', series: s, options: forecastOptions, thresholds, ...fault };
    pending.push(
      pool.run<FleetRow>(task).then(
        (row) => add(row),
        (error: unknown) => {
          if (error instanceof Error && error.name === 'AbortError') throw error;
          add(failedRow({ series: s.name, group: s.group }, error instanceof Error ? error.message : String(error)));
        },
      ),
    );
  };
  const add = (row: FleetRow): void => {
    firstRowMs ??= performance.now() - started;
    const rank = ranking.add(row);
    options.onRow?.(row, rank, ranking);
  };
  try {
    let done: LoadDone;
    if ('source' in input) {
      const prepared = await preparePlan(input.source, input.sources);
      const access = prepared?.access;
      // a plan's own thresholds judge its series from the first row on; files, and plans
      // that set none, use the options' or the defaults
      if (prepared?.thresholds) thresholds = prepared.thresholds;
      const task: FleetTask = {
        kind: 'load',
        source: input.source,
        ...(input.capacities ? { capacities: input.capacities } : {}),
        ...(access ? { access } : {}),
      };
      // the loader takes one worker; the series it sends go to the others as they come
      done = await pool
        .run<LoadDone>(task, (batch) => {
          for (const s of (batch as LoadBatch).series) forecastOne(s);
        })
        .catch((error: unknown) => {
          throw reviveError(error);
        });
    } else {
      for await (const s of input.series) {
        if (signal?.aborted) throw abortError();
        forecastOne(s);
      }
      done = { source: input.name, warnings: [] };
    }
    await Promise.all(pending);
    if (signal?.aborted) throw abortError();
    return {
      source: done.source,
      rows: ranking.rows,
      warnings: done.warnings,
      thresholds,
      queries: done.queries,
      firstRowMs,
      elapsedMs: performance.now() - started,
      workers: size,
      workersStarted: pool.started,
      longestStallMs: stalls.max / 1e6,
      series: kept,
    };
  } catch (error) {
    // tasks still in flight fail with the cancellation (never seen: the run throws `error`);
    // their rejections are expected
    pool.cancel(abortError('the fleet forecast stopped'));
    await Promise.allSettled(pending);
    throw error;
  } finally {
    stalls.disable();
    signal?.removeEventListener('abort', onAbort);
    pool.close();
  }
}

/** Forecasts a small set (the top of a fleet) in a worker, off the host's thread. */
export async function forecastSetInWorker(
  set: MetricSet,
  options: ForecastOptionsMessage & { readonly script?: string; readonly signal?: AbortSignal } = {},
): Promise<ForecastData> {
  const pool = new WorkerPool({ script: options.script ?? fleetWorkerScript(), size: 1, maxHeapMb: 1024 });
  const onAbort = (): void => pool.cancel(abortError());
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once, and the listener is removed in finally
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const task: FleetTask = { kind: 'set', set, options: forecastOptionsOf(options) };
    return await pool.run<ForecastData>(task).catch((error: unknown) => {
      throw reviveError(error);
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    pool.close();
  }
}

/** The forecast options a worker is sent (the rest of the options stay here: callbacks do not cross threads). */
function forecastOptionsOf(options: ForecastOptionsMessage): ForecastOptionsMessage {
  return {
    ...(options.horizon ? { horizon: options.horizon } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
  };
}

type LoadAccess = NonNullable<Extract<FleetTask, { kind: 'load' }>['access']>;

/**
 * A plan read on this thread (it is small): its own thresholds (none when it sets none), and
 * its secrets looked up here, where the secret store is, for the loader. Undefined for a
 * metric file.
 */
export async function preparePlan(
  source: ForecastSource,
  access: SourceAccess | undefined,
): Promise<{ readonly access: LoadAccess; readonly thresholds?: FleetThresholds } | undefined> {
  if (!isPlanSource(source)) return undefined;
  const plan = await loadPlan(source.name, source.text);
  const own = plan.thresholds.warningMs !== undefined || plan.thresholds.criticalMs !== undefined;
  const thresholds = own ? { thresholds: plan.thresholds } : {};
  if (!access)
    return { access: { refused: 'this host cannot query metric sources', credentials: {}, hints: {} }, ...thresholds };
  if (access.refused !== undefined)
    return { access: { refused: access.refused, credentials: {}, hints: {} }, ...thresholds };
  const credentials: Record<string, SourceCredential> = {};
  const hints: Record<string, string> = {};
  for (const s of plan.plan.sources) {
    if (access.credentialHint) hints[s.name] = access.credentialHint(s);
    if ((s.auth?.type ?? 'none') === 'none') continue;
    const c = await access.credential(s, plan.file);
    if (c) credentials[s.name] = { secret: c.secret, origins: [...c.origins], howToAllow: c.howToAllow };
  }
  return { access: { credentials, hints, ...(access.now ? { now: access.now() } : {}) }, ...thresholds };
}

/** The loader's error as it was thrown in the worker, so that it is said (and exits) the same way. */
export function reviveError(error: unknown): unknown {
  if (!(error instanceof TaskError)) return error;
  const f = error.fields;
  const text = (k: string): string | undefined => (typeof f[k] === 'string' ? f[k] : undefined);
  const num = (k: string): number | undefined => (typeof f[k] === 'number' ? f[k] : undefined);
  switch (error.kind) {
    case 'NotMetricsFileError':
      return new NotMetricsFileError(text('file') ?? '');
    case 'DataError':
      return new DataError(text('file') ?? '', text('detail') ?? error.message, num('line'), num('column'));
    case 'SourceError':
      return new SourceError(text('source') ?? '', (text('failure') ?? 'server') as SourceFailure, error.message);
    case 'InputError':
    case 'FileReadError':
      return new InputError(error.message);
    default:
      return error;
  }
}
