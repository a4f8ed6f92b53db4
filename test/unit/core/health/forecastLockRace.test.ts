import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HealthMonitor, type MonitorPolicy } from '../../../../src/core/health/healthMonitor';
import { forecastWithFailover } from '../../../../src/core/health/forecastWithFailover';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { FileStore } from '../../../../src/core/storage/fileStore';
import { MemoryStore } from '../../../support/memoryStore';
import { ProviderError } from '../../../../src/core/providers/providerError';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';
import { type Logger, silentLogger } from '../../../../src/core/logging';
import { systemClock } from '../../../../src/core/time/clock';
import { FakeClock, FakeTimers, hourlySet } from '../../../support/helpers';

const POLICY: MonitorPolicy = {
  intervalMs: 60_000,
  unhealthyAfter: 3,
  healthyAfter: 2,
  backoffCapMs: 60_000,
  failbackAfter: 3,
  failback: true,
  jitter: 0,
};

/**
 * Ollama (no key) as the holder, builtin below it; every request to Ollama gets a 503.
 * `onRequest` runs during each request; with `onRound`, a local custom endpoint sits
 * between them and `onRound` runs when the monitor checks it after the failure.
 */
function setup(lock: ProviderLock, hooks: { onRequest?: () => Promise<void>; onRound?: () => Promise<void> }) {
  const middle = hooks.onRound ? [{ id: 'custom', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }] : [];
  const stack = parseProviderStack([
    { id: 'ollama', model: 'llama3.1', timeoutMs: 1000 },
    ...middle,
    { id: 'builtin' },
  ]).stack;
  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
  const monitor = new HealthMonitor({
    lock,
    stack: () => stack,
    isConfigured: async () => {
      await hooks.onRound?.();
      return true;
    },
    probe: async () => ({ ok: true, latencyMs: 1 }),
    policy: () => POLICY,
    clock: systemClock,
    timers: new FakeTimers(new FakeClock()),
    random: () => 0.5,
    logger,
  });
  let requests = 0;
  const fetch503 = (async () => {
    requests++;
    await hooks.onRequest?.();
    return new Response(JSON.stringify({ error: { message: 'Service unavailable' } }), {
      status: 503,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const options = {
    stack,
    getKey: async () => undefined,
    horizon: { steps: 24 },
    sleep: async () => undefined,
    fetch: fetch503,
    logger,
  };
  return { monitor, options, warnings, requests: () => requests };
}

describe('a forecast in flight and a lock change from another process', function () {
  this.timeout(20_000);
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-race-'));
    file = path.join(dir, 'state.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const openOnFile = async () => (await ProviderLock.open(await FileStore.open(file))).lock;

  it('a switch made while the request was in flight is not undone: the failover loses, says so, and the forecast is not retried', async () => {
    const forecasting = await openOnFile();
    await forecasting.acquire('ollama', 'startup', 'test');
    const person = await openOnFile(); // the other process
    let switched = false;
    const { monitor, options, warnings } = setup(forecasting, {
      onRequest: async () => {
        if (switched) return;
        switched = true;
        await person.claim('groq', 'cli', 'a person chose Groq meanwhile');
      },
    });
    await assert.rejects(
      forecastWithFailover(hourlySet(), forecasting, monitor, options),
      (e: unknown) => e instanceof ProviderError && e.provider === 'ollama' && e.failure === 'server',
    );
    monitor.dispose();

    const onDisk = await openOnFile();
    assert.equal(onDisk.snapshot.holder, 'groq', "the person's switch stands");
    assert.deepEqual(
      onDisk.audit.map((e) => [e.generation, e.action, e.to]),
      [
        [1, 'acquire', 'ollama'],
        [2, 'switch', 'groq'],
      ],
      'no failover was recorded',
    );
    assert.equal(forecasting.snapshot.holder, 'groq', 'the forecasting process now knows the lock moved');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0] ?? '',
      /^the lock changed while the forecast was in flight \(Groq holds it, generation 2\), so Ollama's failure did not move it and the forecast was not retried$/,
    );
    assert.equal(monitor.get('ollama')?.state, 'unhealthy', "the failure still counts against Ollama's health");
  });

  it('with no change meanwhile, the failover is made against the generation seen and the forecast retried on the new holder', async () => {
    const forecasting = await openOnFile();
    await forecasting.acquire('ollama', 'startup', 'test');
    const { monitor, options, warnings, requests } = setup(forecasting, {});
    const data = await forecastWithFailover(hourlySet(), forecasting, monitor, options);
    monitor.dispose();
    assert.equal(data.producer.provider, 'builtin');
    assert.ok(requests() >= 1);
    const onDisk = await openOnFile();
    assert.deepEqual(
      onDisk.audit.map((e) => [e.generation, e.action, e.who, e.to]),
      [
        [1, 'acquire', 'startup', 'ollama'],
        [2, 'failover', 'monitor', 'builtin'],
      ],
    );
    assert.ok(
      warnings.some((w) => w.startsWith('retrying the forecast once with builtin')),
      warnings.join('\n'),
    );
    assert.ok(!warnings.some((w) => w.includes('in flight')));
  });

  it('a switch made while the monitor checks the other tiers wins over the failover too', async () => {
    const forecasting = await openOnFile();
    await forecasting.acquire('ollama', 'startup', 'test');
    const person = await openOnFile();
    let switched = false;
    const { monitor, options, warnings } = setup(forecasting, {
      onRound: async () => {
        if (switched) return;
        switched = true;
        await person.release('cli', 'a person released the lock meanwhile');
      },
    });
    await assert.rejects(
      forecastWithFailover(hourlySet(), forecasting, monitor, options),
      (e: unknown) => e instanceof ProviderError && e.provider === 'ollama',
    );
    monitor.dispose();
    assert.ok(switched, 'the monitor did check the other tiers');
    const onDisk = await openOnFile();
    assert.deepEqual(
      onDisk.audit.map((e) => [e.generation, e.action, e.to]),
      [
        [1, 'acquire', 'ollama'],
        [2, 'release', null],
      ],
    );
    assert.deepEqual(warnings, [
      "the lock changed while the forecast was in flight (no provider holds it, generation 2), so Ollama's failure did not move it and the forecast was not retried",
    ]);
  });

  it('a person giving the lock back to the same provider meanwhile also wins: the failure moves nothing', async () => {
    const forecasting = await openOnFile();
    await forecasting.acquire('ollama', 'startup', 'test');
    const person = await openOnFile();
    let rechosen = false;
    const { monitor, options, warnings } = setup(forecasting, {
      onRequest: async () => {
        if (rechosen) return;
        rechosen = true;
        await person.release('cli', 'x');
        await person.claim('ollama', 'cli', 'a person chose Ollama again');
      },
    });
    await assert.rejects(
      forecastWithFailover(hourlySet(), forecasting, monitor, options),
      (e: unknown) => e instanceof ProviderError && e.provider === 'ollama',
    );
    monitor.dispose();
    assert.deepEqual(
      (await openOnFile()).audit.map((e) => e.action),
      ['acquire', 'release', 'acquire'],
      'no failover of the provider the person just chose',
    );
    assert.match(warnings.join('\n'), /Ollama holds it, generation 3/);
  });

  it('without a logger, the provider error is still what the caller gets', async () => {
    const forecasting = await openOnFile();
    await forecasting.acquire('ollama', 'startup', 'test');
    const person = await openOnFile();
    const { monitor, options } = setup(forecasting, {
      onRequest: async () => {
        if (person.snapshot.holder !== 'groq') await person.claim('groq', 'cli', 'meanwhile');
      },
    });
    const { logger: _logger, ...quiet } = options;
    await assert.rejects(
      forecastWithFailover(hourlySet(), forecasting, monitor, quiet),
      (e: unknown) => e instanceof ProviderError && e.provider === 'ollama',
    );
    monitor.dispose();
  });
});

describe('a forecast whose failover cannot be saved', () => {
  it('fails with the provider error and says nothing about a lock change', async () => {
    const store = new MemoryStore();
    const { lock } = await ProviderLock.open(store);
    await lock.acquire('ollama', 'startup', 'test');
    const { monitor, options, warnings } = setup(lock, {
      onRequest: async () => store.failNextWrites(1),
    });
    await assert.rejects(
      forecastWithFailover(hourlySet(), lock, monitor, options),
      (e: unknown) => e instanceof ProviderError && e.provider === 'ollama',
    );
    monitor.dispose();
    assert.equal(lock.snapshot.holder, 'ollama');
    assert.deepEqual(warnings, []);
  });
});
