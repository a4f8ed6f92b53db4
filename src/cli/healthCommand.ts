import { HealthMonitor } from '../core/health/healthMonitor';
import { DEFAULT_POLICY } from '../core/health/providerHealth';
import { type ProviderLock } from '../core/lock/providerLock';
import { type Logger } from '../core/logging';
import { providerLabel } from '../core/providers/providerIds';
import { keyedProbes } from '../core/health/keyedProbes';
import { type ProviderEntry } from '../core/settings/providerStack';
import { systemClock } from '../core/time/clock';
import { systemTimers } from '../core/time/timers';
import { EXIT } from './exitCodes';
import { cliKey } from './cliProviders';

/** The CLI's monitor: the same policy as the editor's defaults, probes through the same client, keys from the environment. */
export function createCliMonitor(lock: ProviderLock, stack: readonly ProviderEntry[], logger: Logger): HealthMonitor {
  return new HealthMonitor({
    lock,
    stack: () => stack,
    ...keyedProbes(cliKey),
    policy: () => ({ ...DEFAULT_POLICY, failbackAfter: 3, failback: false, jitter: 0 }),
    clock: systemClock,
    timers: systemTimers,
    random: Math.random,
    logger,
  });
}

/** `bottleneck health`: one round of probes of the stack, as a table. Exit 0 when the holder is healthy, 4 otherwise. */
export async function healthCommand(lock: ProviderLock, stack: readonly ProviderEntry[], out: (s: string) => void, logger: Logger): Promise<number> {
  const monitor = createCliMonitor(lock, stack, logger);
  const results = await monitor.runRound({ force: true });
  monitor.dispose();
  const rows = results.map((h, i) => [
    String(i + 1),
    `${providerLabel(h.id)}${h.id === lock.snapshot.holder ? ' (holder)' : ''}`,
    h.state,
    h.latencyMs === null || h.id === 'builtin' || h.state === 'not-configured' ? '—' : `${Math.round(h.latencyMs)} ms`,
    h.lastError ? `${h.lastError.failure}${h.lastError.status !== undefined ? ` ${h.lastError.status}` : ''}` : '—',
    h.reason,
  ]);
  const header = ['tier', 'provider', 'state', 'latency', 'last error', 'why'];
  const widths = header.map((t, i) => Math.max(t.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  out([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  const holder = lock.snapshot.holder;
  return holder !== null && results.find((h) => h.id === holder)?.state === 'unhealthy' ? EXIT.providerError : EXIT.ok;
}
