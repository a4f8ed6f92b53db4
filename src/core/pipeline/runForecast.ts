import { type ForecastData, type MetricSet } from '../base/forecastSchema';
import { type CapacityTable } from '../data/capacityMatch';
import { loadMetricFile, type MetricFileFormat, toMetricSet } from '../data/loadMetrics';
import { type FailoverNote, forecastWithFailover } from '../health/forecastWithFailover';
import { type HealthMonitor } from '../health/healthMonitor';
import { type ForecastLedger } from '../ledger/forecastLedger';
import { type UsageLedger } from '../ledger/usageLedger';
import { type ProviderLock } from '../lock/providerLock';
import { type Logger } from '../logging';
import { type KeySource } from '../providers/keyGrant';
import { type ProviderEntry } from '../settings/providerStack';
import { type Clock } from '../time/clock';
import { isPlanName, loadPlan, type ResolvedPlan } from '../sources/loadPlan';
import { type SourceAccess, queryPlan } from '../sources/queryPlan';
import { SourceError } from '../sources/sourceError';

/**
 * Where metrics come from: a name (a path in the CLI, a path or a URI in the editor), and
 * its text when the host has already read it (the editor reads through its file system, so
 * untitled documents and remote or virtual files work). Without text, the core reads the
 * named local file itself, bounded.
 */
export interface ForecastSource {
  readonly name: string;
  readonly text?: string;
  /**
   * The format when the name has no telling extension (an untitled document). `plan` is a
   * capacity plan (also told by its name: `plan.json`, `*.plan.json`): its metrics are
   * queried from the sources it names.
   */
  readonly format?: MetricFileFormat | 'plan';
}

/** What a forecast needs, whoever asks for it (the editor's command, the scheduler, the panel's Retry, the CLI). */
export interface PipelineDeps {
  readonly lock: ProviderLock;
  readonly monitor: HealthMonitor;
  readonly stack: readonly ProviderEntry[];
  readonly getKey: KeySource;
  readonly ledger?: ForecastLedger;
  /**
   * Counts the tokens of each answer for the month. With it, a holder whose monthly
   * budget is spent (the monitor's `overBudget`) is moved to the built-in forecaster
   * before a request is sent, and as soon as an answer spends what was left.
   */
  readonly usage?: UsageLedger;
  readonly logger?: Logger;
  readonly capacities?: CapacityTable;
  readonly clock?: Clock;
  /** How plans reach their sources (credentials, Restricted Mode); without it a plan cannot be forecast. */
  readonly sources?: SourceAccess;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly horizon?: { readonly ms: number } | { readonly steps: number };
  readonly level?: number;
}

/**
 * The one forecast pipeline: load the source, forecast with the lock holder (failing over
 * as the monitor decides), and return the forecast with the metric set it came from.
 * Failures are thrown as they are; `describeFailure` says them.
 */
export async function runForecast(
  source: ForecastSource,
  deps: PipelineDeps,
  options: RunOptions = {},
): Promise<{
  readonly data: ForecastData;
  readonly set: MetricSet;
  readonly plan?: ResolvedPlan;
  /** Set when the holder failed and the forecast was made by the provider the lock moved to. */
  readonly failover?: FailoverNote;
}> {
  const { set, plan } = await loadSource(source, deps, options.signal);
  const { data, failover } = await forecastSet(set, deps, options);
  return { data, set, ...(plan ? { plan } : {}), ...(failover ? { failover } : {}) };
}

/**
 * The pipeline's second stage: a loaded metric set forecast with the lock holder, failing
 * over as the monitor decides (the fleet's top series come in here, already loaded). The
 * failover note is set when the holder failed and the provider the lock moved to made it.
 */
export async function forecastSet(
  set: MetricSet,
  deps: PipelineDeps,
  options: RunOptions = {},
): Promise<{ readonly data: ForecastData; readonly failover?: FailoverNote }> {
  let failover: FailoverNote | undefined;
  if (deps.usage) await deps.monitor.enforceBudget();
  const data = await forecastWithFailover(
    set,
    deps.lock,
    deps.monitor,
    {
      stack: deps.stack,
      getKey: deps.getKey,
      ...(deps.ledger ? { ledger: deps.ledger } : {}),
      ...(deps.usage ? { usage: deps.usage } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.horizon ? { horizon: options.horizon } : {}),
      ...(options.level !== undefined ? { level: options.level } : {}),
    },
    (note) => (failover = note),
  ).finally(async () => {
    // an answer, even one that was no forecast, may have spent what was left of the budget
    if (deps.usage) await deps.monitor.enforceBudget();
  });
  return { data, ...(failover ? { failover } : {}) };
}

/** True when a source is a capacity plan (by its format, or by its name when no format is given). */
export function isPlanSource(source: ForecastSource): boolean {
  return source.format === 'plan' || (source.format === undefined && isPlanName(source.name));
}

/** What loading a source needs of the pipeline's dependencies. */
export type LoadDeps = Pick<PipelineDeps, 'capacities' | 'sources'>;

/**
 * A metric file, or a plan's metrics as its sources give them now: the first stage of the
 * pipeline, shared with the fleet forecast (which runs it in a worker).
 */
export async function loadSource(
  source: ForecastSource,
  deps: LoadDeps,
  signal: AbortSignal | undefined,
): Promise<{ readonly set: MetricSet; readonly plan?: ResolvedPlan }> {
  const capacities = deps.capacities ? { capacities: deps.capacities } : {};
  if (!isPlanSource(source)) {
    const format = source.format === 'plan' ? undefined : source.format;
    return {
      set: await loadMetricFile(source.name, {
        ...capacities,
        ...(source.text !== undefined ? { text: source.text } : {}),
        ...(format ? { format } : {}),
      }),
    };
  }
  const plan = await loadPlan(source.name, source.text);
  if (!deps.sources) {
    // Stryker disable next-line OptionalChaining,StringLiteral: a plan has at least one source (planSchema); the fallback only satisfies the type
    const first = plan.plan.sources[0]?.name ?? 'plan';
    throw new SourceError(first, 'restricted', 'this host cannot query metric sources');
  }
  const history = await queryPlan(plan, deps.sources, signal);
  const set = toMetricSet(plan.file, history.raw, capacities);
  return { set: { ...set, warnings: [...history.warnings, ...set.warnings] }, plan };
}
