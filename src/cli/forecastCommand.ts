import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCliMonitor } from './healthCommand';
import { warningsTo } from '../core/logging';
import { type ForecastSource, type PipelineDeps, runForecast } from '../core/pipeline/runForecast';
import { type PlanStatus, planStatus } from '../core/sources/planThresholds';
import { cliSourceAccess } from './planCredentials';
import { type KeyValueStore } from '../core/storage/keyValueStore';
import { ForecastLedger } from '../core/ledger/forecastLedger';
import { type ProviderLock } from '../core/lock/providerLock';
import { allowedOrigins, cliKeys, loadCliStack } from './cliProviders';
import { riskAtLeast } from '../core/forecast/risk';
import { type ForecastData, riskLevelSchema, type RiskLevel } from '../core/base/forecastSchema';
import { EXIT } from '../core/base/exitCodes';
import { UsageError } from './usageError';
import { parseHorizonFlag, parseLevelFlag } from './forecastFlags';
import { formatForecastCsv, formatForecastTable } from '../core/forecast/formatReport';
import { renderHtmlReport } from './htmlReport';
import { parseCapacityFlags } from './capacityFlags';
import { fleetCommand, parseTopFlag } from './fleetCommand';
import { providerLabel } from '../core/base/providerIds';
import { usageLine } from '../core/base/tokenUsage';

export interface ForecastFlags {
  readonly files: readonly string[];
  /** Capacity plans (--plan): their metrics are queried from the sources they name. */
  readonly plans: readonly string[];
  readonly capacity: readonly string[];
  readonly horizon?: string;
  readonly level?: string;
  readonly format: string;
  readonly html?: string;
  readonly output?: string;
  readonly failOn?: string;
  /** Rank every series as a fleet and print the first N (--top). */
  readonly top?: string;
  readonly config?: string;
  /** Origins the user lets keys go to besides each provider's default (--allow-origin, $BOTTLENECK_ALLOWED_ORIGINS). */
  readonly allowOrigin: readonly string[];
  /** The CLI's lock (file-backed); its holder forecasts. */
  readonly lock: ProviderLock;
  /** The state file's store, shared by the lock and the ledger (one writer per file). */
  readonly store: KeyValueStore;
  /** The state file's path: an output never overwrites it. */
  readonly stateFile?: string;
}

/** `bottleneck forecast <file…>`: forecast each file, print a table (or JSON, CSV), gate on risk. */
export async function forecastCommand(
  flags: ForecastFlags,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (flags.files.length === 0 && flags.plans.length === 0)
    throw new UsageError('forecast needs at least one CSV or JSON file, or a plan (--plan .bottleneck/plan.json)');
  if (!['table', 'json', 'csv'].includes(flags.format))
    throw new UsageError(`--format must be table, json or csv (got "${flags.format}")`);
  const horizon = parseHorizonFlag(flags.horizon);
  const level = parseLevelFlag(flags.level);
  let failOn: RiskLevel | undefined;
  const failOnPlan = flags.failOn?.toLowerCase() === 'plan';
  if (failOnPlan && flags.plans.length === 0) throw new UsageError('--fail-on plan needs a --plan');
  if (flags.failOn !== undefined && !failOnPlan) {
    const parsed = riskLevelSchema.exclude(['none']).safeParse(flags.failOn.toLowerCase());
    if (!parsed.success)
      throw new UsageError(`--fail-on must be low, medium, high, critical or plan (got "${flags.failOn}")`);
    failOn = parsed.data;
  }
  const capacities = parseCapacityFlags(flags.capacity);
  if (flags.top !== undefined) {
    if (flags.html !== undefined) throw new UsageError('--html reports one forecast; it cannot be used with --top');
    return fleetCommand(
      {
        top: parseTopFlag(flags.top),
        format: flags.format,
        sources: [
          ...flags.files.map((name) => ({ name })),
          ...flags.plans.map((name) => ({ name, format: 'plan' as const })),
        ],
        capacities,
        access: cliSourceAccess(allowedOrigins(flags.allowOrigin)),
        holder: flags.lock.snapshot.holder,
        ...(horizon ? { horizon } : {}),
        level,
        ...(failOnPlan ? { failOn: 'plan' as const } : failOn ? { failOn } : {}),
        write: (text) => (flags.output ? writeOutput(flags.output, text + '\n', '--output', keepOf(flags)) : out(text)),
      },
      err,
    );
  }
  const stack = loadCliStack(flags.config, err);
  const ledger = new ForecastLedger(flags.store);
  const logger = warningsTo(err);
  const origins = allowedOrigins(flags.allowOrigin);
  const keys = cliKeys(origins);
  const monitor = createCliMonitor(flags.lock, stack, keys, logger);
  const results: ForecastData[] = [];
  const keep = keepOf(flags);
  const deps: PipelineDeps = {
    lock: flags.lock,
    monitor,
    stack,
    getKey: keys,
    ledger,
    logger,
    capacities,
    sources: cliSourceAccess(origins),
  };
  const sources: ForecastSource[] = [
    ...flags.files.map((name) => ({ name })),
    ...flags.plans.map((name) => ({ name, format: 'plan' as const })),
  ];
  const planResults: { status: PlanStatus; reason: string }[] = [];
  try {
    for (const source of sources) {
      // a failure is said by main, through describeFailure, as in the editor
      const { data, set, plan } = await runForecast(source, deps, { level, ...(horizon ? { horizon } : {}) });
      results.push(data);
      // an LLM answered: what it cost in tokens (on stderr, beside warnings, so JSON and CSV stay clean)
      const { usage, provider, model } = data.producer;
      if (usage !== undefined)
        err(`tokens: ${providerLabel(provider)}${model ? ` (${model})` : ''}: ${usageLine(usage)}`);
      if (plan) {
        const verdict = planStatus(data, plan.thresholds);
        planResults.push(verdict);
        if (verdict.status !== 'ok') err(`${verdict.status}: ${verdict.reason}`);
      }
      if (flags.html) {
        const target = sources.length > 1 ? flags.html.replace(/(\.html?)?$/, `-${results.length}$1`) : flags.html;
        writeOutput(target, renderHtmlReport(data, set), '--html', keep);
        err(`wrote ${target}`);
      }
    }
  } finally {
    monitor.dispose();
  }
  const text =
    flags.format === 'json'
      ? JSON.stringify(results.length === 1 ? results[0] : results, null, 2)
      : flags.format === 'csv'
        ? formatForecastCsv(results)
        : results.map((r) => formatForecastTable(r)).join('\n\n');
  if (flags.output) writeOutput(flags.output, text + '\n', '--output', keep);
  else out(text);
  if (failOnPlan && planResults.some((r) => r.status === 'critical')) {
    err("a plan's critical threshold was reached (--fail-on plan)");
    return EXIT.riskReached;
  }
  if (failOn && results.some((r) => riskAtLeast(r.risk.level, failOn))) {
    err(`risk reached ${failOn} or above (--fail-on ${failOn})`);
    return EXIT.riskReached;
  }
  return EXIT.ok;
}

/** What an output must never overwrite: the inputs and the state file. */
function keepOf(flags: ForecastFlags): { file: string; what: string }[] {
  return [
    ...[...flags.files, ...flags.plans].map((f) => ({ file: f, what: 'an input of this forecast' })),
    ...(flags.stateFile ? [{ file: flags.stateFile, what: 'the state file' }] : []),
  ];
}

/** A path as the file system resolves it (links followed), or as given when it does not exist yet. */
function resolved(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Writes a file the user named. It never overwrites an input or the state file, never
 * opens a FIFO or socket (a pipe with no reader would wait forever) or a directory, and a
 * missing folder, a full disk or a read-only file is one sentence naming the flag (exit 2).
 */
export function writeOutput(
  file: string,
  text: string,
  flag: string,
  keep: readonly { file: string; what: string }[],
): void {
  const target = resolved(file);
  const clash = keep.find((k) => resolved(k.file) === target);
  if (clash) throw new UsageError(`${flag} ${file} is ${clash.what}; write the output to another file`);
  let kind: fs.Stats | undefined;
  try {
    kind = fs.statSync(file);
  } catch {
    kind = undefined; // a new file
  }
  if (kind && !kind.isFile() && !kind.isCharacterDevice())
    throw new UsageError(
      `${flag} ${file}: not a regular file (${kind.isDirectory() ? 'a directory' : kind.isFIFO() ? 'a named pipe' : 'a socket or device'})`,
    );
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
              ? 'it cannot be written here (permissions or a read-only disk)'
              : `it cannot be written (${code ?? 'error'})`;
    throw new UsageError(`${flag} ${file}: ${why}`);
  }
}
