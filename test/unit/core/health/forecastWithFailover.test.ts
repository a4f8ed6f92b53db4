import * as assert from 'node:assert/strict';
import { FakeOpenAiServer } from '../../../support/openaiServer';
import { HealthMonitor, type MonitorPolicy } from '../../../../src/core/health/healthMonitor';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { MemoryStore } from '../../../support/memoryStore';
import { ProviderClient } from '../../../../src/core/providers/providerClient';
import { parseProviderStack, type ProviderEntry } from '../../../../src/core/settings/providerStack';
import {
  type FailoverNote,
  describeFailover,
  forecastWithFailover,
} from '../../../../src/core/health/forecastWithFailover';
import { ForecastScheduler } from '../../../../src/core/scheduler/forecastScheduler';
import { silentLogger } from '../../../../src/core/logging';
import { systemClock } from '../../../../src/core/time/clock';
import { systemTimers } from '../../../../src/core/time/timers';
import { FakeClock, FakeTimers, hourlySet } from '../../../support/helpers';

const KEY = 'sk-failover-test';

/** A monitor over a real client and a real server on loopback; rounds are driven by the test. */
async function setup(server: FakeOpenAiServer, policy: Partial<MonitorPolicy> = {}) {
  const stack = parseProviderStack([
    { id: 'custom', baseUrl: server.baseUrl, model: 'valid', timeoutMs: 1000 },
    { id: 'builtin' },
  ]).stack;
  const { lock } = await ProviderLock.open(new MemoryStore());
  await lock.acquire('custom', 'startup', 'test');
  const full: MonitorPolicy = {
    intervalMs: 60_000,
    unhealthyAfter: 3,
    healthyAfter: 2,
    backoffCapMs: 60_000,
    failbackAfter: 3,
    failback: true,
    jitter: 0,
    ...policy,
  };
  const monitor = new HealthMonitor({
    lock,
    stack: () => stack,
    isConfigured: async () => true,
    probe: (entry: ProviderEntry, signal) =>
      new ProviderClient({
        entry: { ...entry, id: 'custom' },
        grant: server.grant(KEY),
        sleep: async () => undefined,
      }).probe(signal),
    policy: () => full,
    clock: systemClock,
    timers: systemTimers,
    random: () => 0.5,
    logger: silentLogger,
  });
  return { lock, monitor, stack };
}

describe('failover and failback against a local server', function () {
  this.timeout(30_000);
  const server = new FakeOpenAiServer();
  beforeEach(async () => {
    server.probe = 'ok';
    await server.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('a stopped server fails over to builtin within N rounds, and failback needs K healthy rounds', async () => {
    const { lock, monitor } = await setup(server);
    await monitor.runRound({ force: true });
    await server.stop();
    let rounds = 0;
    while (lock.snapshot.holder === 'custom' && rounds < 10) {
      await monitor.runRound({ force: true });
      rounds++;
    }
    assert.equal(lock.snapshot.holder, 'builtin');
    assert.equal(rounds, 3, 'N = 3 failed probes');
    assert.match(lock.audit.at(-1)?.reason ?? '', /Custom endpoint is unhealthy: network/);
    await server.restart();
    rounds = 0;
    while (lock.snapshot.holder === 'builtin' && rounds < 10) {
      await monitor.runRound({ force: true });
      rounds++;
    }
    assert.equal(lock.snapshot.holder, 'custom');
    assert.equal(rounds, 3, 'K = 3 healthy probes (the first two also end the recovery)');
    assert.equal(lock.audit.at(-1)?.action, 'failback');
    monitor.dispose();
  });

  it('429 with retry-after makes the provider degraded and moves nothing (no failover storm)', async () => {
    const { lock, monitor } = await setup(server);
    server.probe = '429';
    for (let i = 0; i < 6; i++) await monitor.runRound({ force: true });
    assert.equal(monitor.get('custom')?.state, 'degraded');
    assert.equal(lock.snapshot.holder, 'custom');
    assert.equal(lock.audit.length, 1);
    monitor.dispose();
  });

  it('401 makes the provider unhealthy at once, with Set API Key as the action', async () => {
    const { lock, monitor } = await setup(server);
    server.probe = '401';
    await monitor.runRound({ force: true });
    assert.equal(monitor.get('custom')?.state, 'unhealthy');
    assert.equal(monitor.get('custom')?.lastError?.failure, 'auth');
    assert.equal(lock.snapshot.holder, 'builtin');
    monitor.dispose();
  });

  it('a forecast whose request fails with a server error is retried once on the new holder', async () => {
    const { lock, monitor, stack } = await setup(server);
    const broken = stack.map((e) => (e.id === 'custom' ? { ...e, model: '503' } : e));
    const notes: FailoverNote[] = [];
    const data = await forecastWithFailover(
      hourlySet(),
      lock,
      monitor,
      {
        stack: broken,
        getKey: async () => server.grant(KEY),
        horizon: { steps: 24 },
        sleep: async () => undefined,
      },
      (note) => notes.push(note),
    );
    assert.equal(data.producer.provider, 'builtin');
    // the caller learns who was asked, what failed and who made the forecast
    assert.deepEqual(
      notes.map((n) => [n.asked, n.madeBy]),
      [['custom', 'builtin']],
    );
    assert.match(notes[0]?.failure ?? '', /^Custom endpoint had a server error \(HTTP 503\)/);
    assert.match(
      describeFailover(notes[0] as FailoverNote),
      /^Custom endpoint was asked first and failed: Custom endpoint had a server error \(HTTP 503\).*\. The lock moved to Built-in, which made this forecast\.$/,
    );
    assert.equal(lock.audit.at(-1)?.action, 'failover');
    assert.equal(
      server.requests.filter((r) => r.path.endsWith('/chat/completions')).length,
      3,
      'one request and its two transient retries, all to the old holder',
    );
    monitor.dispose();
  });
});

describe('forecast scheduler', () => {
  it('records every run, a result or an error, and never stops: 60 runs with faults injected, none lost', async () => {
    const clock = new FakeClock();
    const timers = new FakeTimers(clock);
    let n = 0;
    const faults = [
      () => {
        throw new Error('network: ECONNRESET');
      },
      () => Promise.reject(new Error('the provider returned output that is not a usable forecast')),
      () => {
        throw 'a string, not an Error';
      },
      () => Promise.reject(undefined),
    ];
    const scheduler = new ForecastScheduler<number>({
      enabled: () => true,
      intervalMs: () => 60_000,
      run: async () => {
        n++;
        if (n % 3 === 0) return (faults[(n / 3) % faults.length] as () => never)();
        return n;
      },
      clock,
      timers,
      logger: silentLogger,
    });
    scheduler.reschedule();
    await timers.advance(60 * 60_000);
    assert.equal(scheduler.runs.length, 60);
    assert.equal(scheduler.runs.filter((r) => !r.ok).length, 20);
    assert.equal(
      scheduler.scheduled - 1,
      scheduler.runs.length,
      'every scheduled tick recorded a run (the next one is pending)',
    );
    assert.ok(scheduler.runs.every((r) => (r.ok ? typeof r.result === 'number' : typeof r.error === 'string')));
    assert.equal(scheduler.hasPendingTimer, true, 'still scheduled after all the faults');
    scheduler.dispose();
    assert.equal(timers.pending, 0);
  });

  it('does nothing while disabled', async () => {
    const clock = new FakeClock();
    const timers = new FakeTimers(clock);
    const scheduler = new ForecastScheduler({
      enabled: () => false,
      intervalMs: () => 1000,
      run: async () => 1,
      clock,
      timers,
      logger: silentLogger,
    });
    scheduler.reschedule();
    await timers.advance(10_000);
    assert.equal(scheduler.runs.length, 0);
    assert.equal(timers.pending, 0);
  });
});
