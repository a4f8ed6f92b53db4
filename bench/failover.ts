import { performance } from 'node:perf_hooks';
import { FakeOpenAiServer, type Behaviour } from '../test/support/openaiServer';
import { HealthMonitor, type MonitorPolicy } from '../src/core/health/healthMonitor';
import { ProviderLock } from '../src/core/lock/providerLock';
import { MemoryStore } from '../test/support/memoryStore';
import { ProviderClient } from '../src/core/providers/providerClient';
import { parseProviderStack, type ProviderEntry } from '../src/core/settings/providerStack';
import { forecastWithFailover } from '../src/core/health/forecastWithFailover';
import { ForecastScheduler } from '../src/core/scheduler/forecastScheduler';
import { systemClock } from '../src/core/time/clock';
import { systemTimers } from '../src/core/time/timers';
import { silentLogger } from '../src/core/logging';
import { type MetricSet } from '../src/core/base/forecastSchema';

/**
 * `npm run bench:failover`: the health monitor on real timers against the local
 * OpenAI-compatible server (loopback), with a 250 ms probe interval, N = 3, M = 2, K = 3
 * and a 1 s probe timeout (the setting's minimum). Measures how long after the server stops the lock fails
 * over, how long after it returns the lock fails back, and runs 60 scheduled forecasts
 * (every 50 ms) while faults are injected, counting runs lost.
 */
const policy: MonitorPolicy = {
  intervalMs: 250,
  unhealthyAfter: 3,
  healthyAfter: 2,
  failbackAfter: 3,
  failback: true,
  backoffCapMs: 250,
  jitter: 0,
};

function hourly(): MetricSet {
  const values = Float64Array.from(
    { length: 24 * 14 },
    (_, t) => 50 + 10 * Math.sin(((t % 24) / 24) * 2 * Math.PI) + ((t * 7919) % 13) / 4,
  );
  return {
    source: 'bench.csv',
    warnings: [],
    metrics: [
      {
        name: 'cpu',
        unit: '%',
        capacity: 90,
        breach: 'above',
        start: Date.UTC(2026, 0, 1),
        stepMs: 3_600_000,
        values,
        filled: 0,
      },
    ],
  };
}

async function main(): Promise<void> {
  // the monitor's and scheduler's timers do not keep a process alive (unref): this run must
  const keepAlive = setInterval(() => undefined, 1000);
  const server = await new FakeOpenAiServer().start();
  let model: Behaviour = 'valid';
  const stack = (): readonly ProviderEntry[] =>
    parseProviderStack([{ id: 'custom', baseUrl: server.baseUrl, model, timeoutMs: 1000 }, { id: 'builtin' }]).stack;
  const { lock } = await ProviderLock.open(new MemoryStore());
  await lock.acquire('custom', 'startup', 'bench');
  const monitor = new HealthMonitor({
    lock,
    stack,
    isConfigured: async () => true,
    probe: (entry, signal) =>
      new ProviderClient({
        entry: { ...entry, id: 'custom' },
        grant: server.grant('k'),
        sleep: async () => undefined,
      }).probe(signal),
    policy: () => policy,
    clock: systemClock,
    timers: systemTimers,
    random: Math.random,
    logger: silentLogger,
  });
  const moved = (kind: 'failover' | 'failback'): Promise<number> =>
    new Promise((resolve) => {
      const sub = monitor.onDidMoveLock((m) => {
        if (m.kind === kind) {
          sub.dispose();
          resolve(performance.now());
        }
      });
    });
  monitor.start();
  await new Promise((r) => setTimeout(r, 600));
  const failover = moved('failover');
  const stopped = performance.now();
  await server.stop();
  const failoverMs = (await failover) - stopped;
  const failback = moved('failback');
  const restarted = performance.now();
  await server.restart();
  const failbackMs = (await failback) - restarted;

  // fault run: scheduled forecasts while the provider misbehaves in turn
  const faults: Behaviour[] = [
    'valid',
    '500',
    '401',
    'reset',
    'broken',
    'hang',
    'empty-choices',
    '429-quota',
    '503',
    'valid',
  ];
  let run = 0;
  const scheduler = new ForecastScheduler({
    enabled: () => true,
    intervalMs: () => 50,
    run: async () => {
      model = faults[run++ % faults.length] as Behaviour;
      if (run % 7 === 0) throw new Error('the metrics file could not be read');
      if (lock.snapshot.holder !== 'custom') await lock.claim('custom', 'user', 'bench: back to the faulty tier');
      return forecastWithFailover(hourly(), lock, monitor, {
        stack: stack(),
        getKey: async () => server.grant('k'),
        horizon: { steps: 24 },
        sleep: async () => undefined,
      });
    },
    clock: systemClock,
    timers: systemTimers,
    logger: silentLogger,
  });
  scheduler.reschedule();
  while (scheduler.runs.length < 60) await new Promise((r) => setTimeout(r, 50));
  scheduler.dispose();
  monitor.dispose();
  await server.stop();
  const runs = scheduler.runs.slice(0, 60);
  const lost = scheduler.scheduled - 1 - scheduler.runs.length;
  const byProvider = runs
    .filter((r) => r.ok)
    .reduce<Record<string, number>>((acc, r) => {
      const p = (r.result as { producer: { provider: string } }).producer.provider;
      acc[p] = (acc[p] ?? 0) + 1;
      return acc;
    }, {});
  console.log('| measure | value |');
  console.log('|---|---:|');
  console.log(
    `| failover after the server stopped (bound N·interval + timeout = ${3 * policy.intervalMs + 1000} ms) | ${failoverMs.toFixed(0)} ms |`,
  );
  console.log(
    `| failback after the server returned (K = 3 healthy probes, interval ${policy.intervalMs} ms) | ${failbackMs.toFixed(0)} ms |`,
  );
  console.log(`| scheduled forecasts run with faults injected | ${runs.length} |`);
  console.log(
    `| of which produced a forecast | ${runs.filter((r) => r.ok).length} (${Object.entries(byProvider)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}) |`,
  );
  console.log(`| of which recorded an error | ${runs.filter((r) => !r.ok).length} |`);
  console.log(`| scheduled runs lost | ${lost} |`);
  clearInterval(keepAlive);
}

void main();
