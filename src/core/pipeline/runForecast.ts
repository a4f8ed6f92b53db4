import { type ForecastData, type MetricSet } from '../base/forecastSchema';
import { type CapacityTable } from '../data/capacityMatch';
import { loadMetricFile, type MetricFileFormat } from '../data/loadMetrics';
import { forecastWithFailover } from '../health/forecastWithFailover';
import { type HealthMonitor } from '../health/healthMonitor';
import { type ForecastLedger } from '../ledger/forecastLedger';
import { type ProviderLock } from '../lock/providerLock';
import { type Logger } from '../logging';
import { type KeySource } from '../providers/keyGrant';
import { type ProviderEntry } from '../settings/providerStack';
import { type Clock } from '../time/clock';

/**
 * Where metrics come from: a name (a path in the CLI, a path or a URI in the editor), and
 * its text when the host has already read it (the editor reads through its file system, so
 * untitled documents and remote or virtual files work). Without text, the core reads the
 * named local file itself, bounded.
 */
export interface ForecastSource {
  readonly name: string;
  readonly text?: string;
  /** The format when the name has no telling extension (an untitled document). */
  readonly format?: MetricFileFormat;
}

/** What a forecast needs, whoever asks for it (the editor's command, the scheduler, the panel's Retry, the CLI). */
export interface PipelineDeps {
  readonly lock: ProviderLock;
  readonly monitor: HealthMonitor;
  readonly stack: readonly ProviderEntry[];
  readonly getKey: KeySource;
  readonly ledger?: ForecastLedger;
  readonly logger?: Logger;
  readonly capacities?: CapacityTable;
  readonly clock?: Clock;
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
): Promise<{ readonly data: ForecastData; readonly set: MetricSet }> {
  const set = await loadMetricFile(source.name, {
    ...(deps.capacities ? { capacities: deps.capacities } : {}),
    ...(source.text !== undefined ? { text: source.text } : {}),
    ...(source.format ? { format: source.format } : {}),
  });
  const data = await forecastWithFailover(set, deps.lock, deps.monitor, {
    stack: deps.stack,
    getKey: deps.getKey,
    ...(deps.ledger ? { ledger: deps.ledger } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.horizon ? { horizon: options.horizon } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
  });
  return { data, set };
}
