import { HealthMonitor } from '../core/health/healthMonitor';
import { DEFAULT_POLICY } from '../core/health/providerHealth';
import { type ProviderLock } from '../core/lock/providerLock';
import { type Logger } from '../core/logging';
import { type ProviderId, providerLabel } from '../core/base/providerIds';
import { type ProviderHealth } from '../core/health/providerHealth';
import { keyedProbes } from '../core/health/keyedProbes';
import { type ProviderEntry } from '../core/settings/providerStack';
import { systemClock } from '../core/time/clock';
import { systemTimers } from '../core/time/timers';
import { EXIT } from '../core/base/exitCodes';
import { type KeySource } from '../core/providers/keyGrant';

/** Whether failover may move the lock from a local provider to a cloud one: $BOTTLENECK_FAILOVER_TO_CLOUD=1 (never a config file). */
export function failoverToCloud(env: string | undefined = process.env['BOTTLENECK_FAILOVER_TO_CLOUD']): boolean {
  return env === '1' || env?.toLowerCase() === 'true';
}

/** The CLI's monitor: the same policy as the editor's defaults, probes through the same client, keys from the environment. */
export function createCliMonitor(
  lock: ProviderLock,
  stack: readonly ProviderEntry[],
  keys: KeySource,
  logger: Logger,
): HealthMonitor {
  return new HealthMonitor({
    lock,
    stack: () => stack,
    ...keyedProbes(keys),
    policy: () => ({
      ...DEFAULT_POLICY,
      failbackAfter: 3,
      failback: false,
      jitter: 0,
      failoverToCloud: failoverToCloud(),
    }),
    clock: systemClock,
    timers: systemTimers,
    random: Math.random,
    logger,
  });
}

/**
 * `bottleneck health`: one round of probes of the stack, printed as found (exit 4 when the
 * holder was unhealthy, 0 otherwise); then the failover the finding calls for, if any.
 */
export async function healthCommand(
  lock: ProviderLock,
  stack: readonly ProviderEntry[],
  keys: KeySource,
  out: (s: string) => void,
  logger: Logger,
): Promise<number> {
  const monitor = createCliMonitor(lock, stack, keys, logger);
  const holder = lock.snapshot.holder;
  let results;
  let move;
  try {
    results = await monitor.runRound({ force: true, move: false });
    printHealth(results, holder, out);
    move = await monitor.moveLockNow();
  } finally {
    monitor.dispose();
  }
  if (move)
    out(`\nThe lock failed over from ${providerLabel(move.from)} to ${providerLabel(move.to)}: ${move.reason}.`);
  return holder !== null && results.find((h) => h.id === holder)?.state === 'unhealthy' ? EXIT.providerError : EXIT.ok;
}

function printHealth(results: readonly ProviderHealth[], holder: ProviderId | null, out: (s: string) => void): void {
  const rows = results.map((h, i) => [
    String(i + 1),
    `${providerLabel(h.id)}${h.id === holder ? ' (holder)' : ''}`,
    h.state,
    h.latencyMs === null || h.id === 'builtin' || h.state === 'not-configured' ? '—' : `${Math.round(h.latencyMs)} ms`,
    h.lastError ? `${h.lastError.failure}${h.lastError.status !== undefined ? ` ${h.lastError.status}` : ''}` : '—',
    h.reason,
  ]);
  const header = ['tier', 'provider', 'state', 'latency', 'last error', 'why'];
  const widths = header.map((t, i) => Math.max(t.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  out([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}
