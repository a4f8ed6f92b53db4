import * as fs from 'node:fs';
import { loadMetricFile } from '../core/data/loadMetrics';
import { forecastWithFailover } from '../core/health/forecastWithFailover';
import { createCliMonitor } from './healthCommand';
import { warningsTo } from '../core/logging';
import { ProviderError } from '../core/providers/providerError';
import { type KeyValueStore } from '../core/storage/keyValueStore';
import { ForecastLedger } from '../core/ledger/forecastLedger';
import { type ProviderLock } from '../core/lock/providerLock';
import { allowedOrigins, cliKeys, loadCliStack } from './cliProviders';
import { riskAtLeast } from '../core/forecast/risk';
import { type ForecastData, riskLevelSchema, type RiskLevel } from '../core/forecast/schema';
import { EXIT, UsageError } from './exitCodes';
import { parseHorizonFlag, parseLevelFlag } from './forecastFlags';
import { formatForecastCsv, formatForecastTable } from '../core/forecast/formatReport';
import { renderHtmlReport } from './htmlReport';
import { parseCapacities } from './parseCapacity';

export interface ForecastFlags {
  readonly files: readonly string[];
  readonly capacity: readonly string[];
  readonly horizon?: string;
  readonly level?: string;
  readonly format: string;
  readonly html?: string;
  readonly output?: string;
  readonly failOn?: string;
  readonly config?: string;
  /** Origins the user lets keys go to besides each provider's default (--allow-origin, $BOTTLENECK_ALLOWED_ORIGINS). */
  readonly allowOrigin: readonly string[];
  /** The CLI's lock (file-backed); its holder forecasts. */
  readonly lock: ProviderLock;
  /** The state file's store, shared by the lock and the ledger (one writer per file). */
  readonly store: KeyValueStore;
}

/** `bottleneck forecast <file…>`: forecast each file, print a table (or JSON, CSV), gate on risk. */
export async function forecastCommand(flags: ForecastFlags, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (flags.files.length === 0) throw new UsageError('forecast needs at least one CSV or JSON file');
  if (!['table', 'json', 'csv'].includes(flags.format)) throw new UsageError(`--format must be table, json or csv (got "${flags.format}")`);
  const horizon = parseHorizonFlag(flags.horizon);
  const level = parseLevelFlag(flags.level);
  let failOn: RiskLevel | undefined;
  if (flags.failOn !== undefined) {
    const parsed = riskLevelSchema.exclude(['none']).safeParse(flags.failOn.toLowerCase());
    if (!parsed.success) throw new UsageError(`--fail-on must be low, medium, high or critical (got "${flags.failOn}")`);
    failOn = parsed.data;
  }
  const capacities = parseCapacities(flags.capacity);
  const stack = loadCliStack(flags.config, err);
  const ledger = new ForecastLedger(flags.store);
  const logger = warningsTo(err);
  const keys = cliKeys(allowedOrigins(flags.allowOrigin));
  const monitor = createCliMonitor(flags.lock, stack, keys, logger);
  const results: ForecastData[] = [];
  for (const file of flags.files) {
    const set = await loadMetricFile(file, { capacities });
    let data: ForecastData;
    try {
      data = await forecastWithFailover(set, flags.lock, monitor, { stack, getKey: keys, level, ledger, logger, ...(horizon ? { horizon } : {}) });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      err(`bottleneck: ${error.message}`);
      for (const p of error.problems.slice(0, 10)) err(`  - ${p}`);
      if (error.failure === 'not-configured' && error.provider === 'builtin') err('  (choose one: bottleneck lock switch builtin)');
      return EXIT.providerError;
    } finally {
      monitor.dispose();
    }
    results.push(data);
    if (flags.html) {
      const target = flags.files.length > 1 ? flags.html.replace(/(\.html?)?$/, `-${results.length}$1`) : flags.html;
      writeOutput(target, renderHtmlReport(data, set), '--html');
      err(`wrote ${target}`);
    }
  }
  const text = flags.format === 'json'
    ? JSON.stringify(results.length === 1 ? results[0] : results, null, 2)
    : flags.format === 'csv'
      ? formatForecastCsv(results)
      : results.map(formatForecastTable).join('\n\n');
  if (flags.output) writeOutput(flags.output, text + '\n', '--output');
  else out(text);
  if (failOn && results.some((r) => riskAtLeast(r.risk.level, failOn))) {
    err(`risk reached ${failOn} or above (--fail-on ${failOn})`);
    return EXIT.riskReached;
  }
  return EXIT.ok;
}


/** Writes a file the user named; a missing folder, a directory or a full disk is one sentence naming the flag (exit 2). */
function writeOutput(file: string, text: string, flag: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a directory' : code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'it cannot be written here (permissions or a read-only disk)' : `it cannot be written (${code ?? 'error'})`;
    throw new UsageError(`${flag} ${file}: ${why}`);
  }
}
