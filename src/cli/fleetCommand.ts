import { type RiskLevel } from '../core/base/forecastSchema';
import { EXIT } from '../core/base/exitCodes';
import { type ProviderId, providerLabel } from '../core/base/providerIds';
import { type CapacityTable } from '../core/data/capacityMatch';
import { riskAtLeast } from '../core/forecast/risk';
import { type FleetRow, type FleetThresholds } from '../core/fleet/fleetRow';
import { forecastFleet } from '../core/fleet/forecastFleet';
import { formatFleetCsv, formatFleetTable } from '../core/fleet/formatFleet';
import { FleetRanking, countStatuses, worstStatus } from '../core/fleet/ranking';
import { type ForecastSource } from '../core/pipeline/runForecast';
import { type SourceAccess } from '../core/sources/queryPlan';
import { UsageError } from './usageError';

/** At most this many rows are printed by --top (json and csv always give every row). */
const MAX_TOP = 100_000;

/** `--top N`: a positive whole number. */
export function parseTopFlag(text: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_TOP)
    throw new UsageError(`--top must be a whole number from 1 to ${MAX_TOP} (got "${text}")`);
  return n;
}

export interface FleetCommandOptions {
  readonly top: number;
  readonly format: string;
  readonly sources: readonly ForecastSource[];
  readonly capacities: CapacityTable | undefined;
  readonly access: SourceAccess;
  readonly holder: ProviderId | null;
  readonly horizon?: { readonly ms: number } | { readonly steps: number };
  readonly level: number;
  readonly failOn?: RiskLevel | 'plan';
  readonly write: (text: string) => void;
}

/**
 * `bottleneck forecast … --top N`: every series of every source ranked as one fleet, on
 * worker threads, with the built-in forecaster. The table shows the first N; json and csv
 * give the whole ranking; --fail-on is judged on the worst series.
 */
export async function fleetCommand(options: FleetCommandOptions, err: (s: string) => void): Promise<number> {
  if (options.holder !== null && options.holder !== 'builtin')
    err(
      `the fleet is ranked by the built-in forecaster (one request per series to ${providerLabel(options.holder)} would not scale); a single file is still forecast by the lock holder`,
    );
  const ranking = new FleetRanking();
  const warnings: string[] = [];
  const names: string[] = [];
  let thresholds: FleetThresholds | undefined;
  for (const source of options.sources) {
    const result = await forecastFleet(
      {
        source,
        ...(options.capacities ? { capacities: options.capacities } : {}),
        sources: options.access,
      },
      { ...(options.horizon ? { horizon: options.horizon } : {}), level: options.level },
    );
    for (const row of result.rows) ranking.add(row);
    for (const w of result.warnings) warnings.push(`${result.source}: ${w}`);
    names.push(result.source);
    thresholds ??= result.thresholds;
  }
  const rows = ranking.rows;
  const about = { sources: names, thresholds: thresholds ?? {} };
  for (const w of warnings.slice(0, 20)) err(w);
  if (warnings.length > 20) err(`… and ${warnings.length - 20} more warnings`);
  options.write(
    options.format === 'json'
      ? JSON.stringify({ sources: names, thresholds: about.thresholds, counts: countStatuses(rows), rows }, null, 2)
      : options.format === 'csv'
        ? formatFleetCsv(rows)
        : formatFleetTable(rows, options.top, about),
  );
  return verdict(rows, options.failOn, err);
}

function verdict(rows: readonly FleetRow[], failOn: FleetCommandOptions['failOn'], err: (s: string) => void): number {
  if (failOn === 'plan') {
    if (worstStatus(rows) !== 'critical') return EXIT.ok;
    const n = rows.filter((r) => r.status === 'critical').length;
    err(`${n} series reached the critical threshold (--fail-on plan)`);
    return EXIT.riskReached;
  }
  if (failOn === undefined) return EXIT.ok;
  const worst = rows.filter((r) => riskAtLeast(r.risk, failOn));
  if (worst.length === 0) return EXIT.ok;
  err(`${worst.length} series reached risk ${failOn} or above (--fail-on ${failOn}); the first: ${worst[0]?.series}`);
  return EXIT.riskReached;
}
