import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HealthMonitor } from '../../../../src/core/health/healthMonitor';
import { ForecastLedger } from '../../../../src/core/ledger/forecastLedger';
import { type Logger, silentLogger } from '../../../../src/core/logging';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { type ProviderId } from '../../../../src/core/base/providerIds';
import { ProviderError } from '../../../../src/core/providers/providerError';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';
import { SourceError } from '../../../../src/core/sources/sourceError';
import {
  type ForecastSource,
  type PipelineDeps,
  isPlanSource,
  loadSource,
  runForecast,
} from '../../../../src/core/pipeline/runForecast';
import { MemoryStore } from '../../../support/memoryStore';
import { FakeOpenAiServer } from '../../../support/openaiServer';
import { FakeClock, FakeTimers } from '../../../support/helpers';

const KEY = 'sk-pipeline-test';
const START = Date.UTC(2026, 10, 1);

/** Two days of an hourly CPU metric (capacity 90, above) as the CSV a person would write. */
function cpuCsv(hours = 48): string {
  const rows = Array.from(
    { length: hours },
    (_, t) =>
      `${new Date(START + t * 3_600_000).toISOString()},cpu,${(40 + 10 * Math.sin(t / 4)).toFixed(2)},%,90,above`,
  );
  return ['timestamp,metric,value,unit,capacity,breach', ...rows].join('\n');
}

/** The same metric in the JSON form. */
function cpuJson(hours = 48): string {
  return JSON.stringify({
    metrics: [
      {
        name: 'cpu',
        unit: '%',
        capacity: 90,
        breach: 'above',
        points: Array.from({ length: hours }, (_, t) => ({
          t: new Date(START + t * 3_600_000).toISOString(),
          v: 40 + (t % 5),
        })),
      },
    ],
  });
}

const PLAN = JSON.stringify({
  sources: [{ name: 'prod', url: 'http://127.0.0.1:9' }],
  lookback: '2d',
  metrics: [{ name: 'disk_used', query: 'disk_used_bytes', unit: 'B', capacity: 100 }],
});

/** The lock held by `holder`, a monitor that never runs a round by itself, over a stack of custom (a local server) and builtin. */
async function pipeline(holder: ProviderId, server?: FakeOpenAiServer, extra: Partial<PipelineDeps> = {}) {
  const clock = new FakeClock(Date.UTC(2026, 10, 3, 6));
  const stack = parseProviderStack([
    { id: 'custom', baseUrl: server?.baseUrl ?? 'http://127.0.0.1:9/v1', model: 'valid', timeoutMs: 5000 },
    { id: 'builtin' },
  ]).stack;
  const { lock } = await ProviderLock.open(new MemoryStore(), { clock });
  await lock.acquire(holder, 'startup', 'test');
  const monitor = new HealthMonitor({
    lock,
    stack: () => stack,
    isConfigured: async () => true,
    probe: async () => {
      throw new Error('no probes in these tests');
    },
    policy: () => ({
      intervalMs: 60_000,
      unhealthyAfter: 3,
      healthyAfter: 1,
      backoffCapMs: 60_000,
      failbackAfter: 3,
      failback: true,
      jitter: 0,
    }),
    clock,
    timers: new FakeTimers(clock),
    random: () => 0.5,
    logger: silentLogger,
  });
  const deps: PipelineDeps = {
    lock,
    monitor,
    stack,
    getKey: async () => server?.grant(KEY),
    clock,
    ...extra,
  };
  return { deps, lock, clock };
}

describe('the forecast pipeline (runForecast)', function () {
  this.timeout(30_000);
  const server = new FakeOpenAiServer();
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.stop();
  });

  it('forecasts a file whose text the host already read, with the lock holder, dated by the clock', async () => {
    const { deps, clock } = await pipeline('builtin');
    const result = await runForecast({ name: 'untitled:metrics.csv', text: cpuCsv() }, deps);
    assert.deepEqual(
      Object.keys(result).sort(),
      ['data', 'set'],
      'no plan and no failover for a file the holder forecast',
    );
    assert.equal(result.set.source, 'untitled:metrics.csv');
    assert.equal(result.set.metrics[0]?.values.length, 48);
    assert.equal(result.data.source, 'untitled:metrics.csv');
    assert.equal(result.data.producer.provider, 'builtin');
    assert.equal(result.data.createdAt, clock.now().toISOString());
    assert.equal(result.data.level, 0.95, 'the default level');
  });

  it('reads a local file itself when no text is given', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-pipeline-'));
    const file = path.join(dir, 'cpu.csv');
    fs.writeFileSync(file, cpuCsv(30));
    const { deps } = await pipeline('builtin');
    const { set } = await runForecast({ name: file }, deps);
    assert.equal(set.source, file);
    assert.equal(set.metrics[0]?.values.length, 30);
  });

  it('takes the format from the source when the name has no telling extension', async () => {
    const { deps } = await pipeline('builtin');
    const asJson = await runForecast({ name: 'Untitled-1', text: cpuJson(), format: 'json' }, deps);
    assert.equal(asJson.set.metrics[0]?.values.length, 48);
    assert.equal(asJson.set.metrics[0]?.values[1], 41);
    // without the format, an untitled name is read as CSV, which this text is not
    await assert.rejects(runForecast({ name: 'Untitled-1', text: cpuJson() }, deps));
  });

  it('applies the capacities given outside the file', async () => {
    const { deps } = await pipeline('builtin', undefined, { capacities: { cpu: { capacity: 50, breach: 'above' } } });
    const { set, data } = await runForecast({ name: 'm.csv', text: cpuCsv() }, deps);
    assert.equal(set.metrics[0]?.capacity, 50);
    assert.equal(data.metrics[0]?.capacity, 50);
  });

  it('passes the horizon and the level to the forecaster', async () => {
    const { deps } = await pipeline('builtin');
    const steps = await runForecast({ name: 'm.csv', text: cpuCsv() }, deps, { horizon: { steps: 7 }, level: 0.8 });
    assert.equal(steps.data.horizon.count, 7);
    assert.equal(steps.data.level, 0.8);
    const ms = await runForecast({ name: 'm.csv', text: cpuCsv() }, deps, { horizon: { ms: 5 * 3_600_000 } });
    assert.equal(ms.data.horizon.count, 5);
  });

  it('forecasts with an LLM holder and keeps its forecast in the ledger when one is given', async () => {
    const ledger = new ForecastLedger(new MemoryStore());
    const { deps } = await pipeline('custom', server, { ledger });
    const { data } = await runForecast({ name: 'm.csv', text: cpuCsv() }, deps, { horizon: { steps: 6 } });
    assert.equal(data.producer.provider, 'custom');
    assert.equal(data.producer.model, 'valid');
    assert.equal(ledger.size, 1);
  });

  it('fails over when the holder fails, says so in the result, and logs the retry', async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    const { deps, lock } = await pipeline('custom', server, { logger });
    const rejected = { ...deps, stack: deps.stack.map((e) => (e.id === 'custom' ? { ...e, model: '401' } : e)) };
    const result = await runForecast({ name: 'm.csv', text: cpuCsv() }, rejected, { horizon: { steps: 6 } });
    assert.equal(result.data.producer.provider, 'builtin');
    assert.equal(result.failover?.asked, 'custom');
    assert.equal(result.failover?.madeBy, 'builtin');
    assert.match(result.failover?.failure ?? '', /HTTP 401/);
    assert.equal(lock.snapshot.holder, 'builtin');
    assert.deepEqual(warnings, ['retrying the forecast once with builtin after custom failed (auth)']);
  });

  it("stops a holder's request when the caller's signal is aborted", async () => {
    const { deps } = await pipeline('custom', server);
    const hanging = { ...deps, stack: deps.stack.map((e) => (e.id === 'custom' ? { ...e, model: 'hang' } : e)) };
    const stop = new AbortController();
    const pending = runForecast({ name: 'm.csv', text: cpuCsv() }, hanging, { signal: stop.signal });
    setTimeout(() => stop.abort(), 50);
    const err = await pending.catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError, String(err));
    assert.equal(err.failure, 'cancelled');
  });

  it('refuses a plan on a host that cannot query metric sources, naming its first source', async () => {
    const { deps } = await pipeline('builtin');
    const err = await runForecast({ name: 'prod.plan.json', text: PLAN }, deps).catch((e: unknown) => e);
    assert.ok(err instanceof SourceError, String(err));
    assert.equal(err.source, 'prod');
    assert.equal(err.failure, 'restricted');
    assert.equal(err.message, 'this host cannot query metric sources');
  });

  it('a plan is queried through the access it is given, whose refusal is said as it is', async () => {
    const source: ForecastSource = { name: 'Untitled-2', text: PLAN, format: 'plan' };
    const err = await loadSource(
      source,
      { sources: { credential: async () => undefined, refused: 'Restricted Mode' } },
      undefined,
    ).catch((e: unknown) => e);
    assert.ok(err instanceof SourceError, String(err));
    assert.equal(err.message, 'Restricted Mode');
  });
});

describe('what the pipeline reads as a plan (isPlanSource)', () => {
  const cases: [ForecastSource, boolean][] = [
    [{ name: 'plan.json' }, true],
    [{ name: '/work/prod.plan.jsonc' }, true],
    [{ name: 'metrics.json' }, false],
    [{ name: 'metrics.csv' }, false],
    [{ name: 'Untitled-1', format: 'plan' }, true],
    [{ name: 'metrics.csv', format: 'plan' }, true],
    [{ name: 'plan.json', format: 'json' }, false],
    [{ name: 'plan.json', format: 'csv' }, false],
  ];
  for (const [source, expected] of cases) {
    it(`${JSON.stringify(source)}: ${expected ? 'a plan' : 'metrics'}`, () => {
      assert.equal(isPlanSource(source), expected);
    });
  }
});
