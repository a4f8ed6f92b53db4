import * as assert from 'node:assert/strict';
import { FakeOpenAiServer } from '../../../support/openaiServer';
import { HealthMonitor, type LockMove } from '../../../../src/core/health/healthMonitor';
import { budgetCheck } from '../../../../src/core/health/tokenBudget';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { UsageLedger } from '../../../../src/core/ledger/usageLedger';
import { MemoryStore } from '../../../support/memoryStore';
import { ProviderClient } from '../../../../src/core/providers/providerClient';
import { ProviderError } from '../../../../src/core/providers/providerError';
import { parseProviderStack, type ProviderEntry } from '../../../../src/core/settings/providerStack';
import { type PipelineDeps, forecastSet } from '../../../../src/core/pipeline/runForecast';
import { type ProviderId } from '../../../../src/core/base/providerIds';
import { silentLogger } from '../../../../src/core/logging';
import { systemTimers } from '../../../../src/core/time/timers';
import { FakeClock, hourlySet } from '../../../support/helpers';

const KEY = 'sk-budget-test';

/** The lock, the monitor (with budgets) and the usage ledger over a real client and a local server. */
async function setup(server: FakeOpenAiServer, budgets: Map<ProviderId, number>, tiers: ProviderEntry['id'][]) {
  const clock = new FakeClock(Date.parse('2026-11-30T12:00:00Z'));
  const stack = parseProviderStack(
    tiers.map((id) => (id === 'builtin' ? { id } : { id, baseUrl: server.baseUrl, model: 'valid', timeoutMs: 2000 })),
  ).stack;
  const { lock } = await ProviderLock.open(new MemoryStore(), { clock });
  const { ledger: usage } = await UsageLedger.open(new MemoryStore(), clock);
  const monitor = new HealthMonitor({
    lock,
    stack: () => stack,
    isConfigured: async () => true,
    probe: (entry, signal) =>
      new ProviderClient({
        entry: entry as ProviderEntry & { id: Exclude<ProviderId, 'builtin'> },
        grant: server.grant(KEY),
      }).probe(signal),
    policy: () => ({
      intervalMs: 60_000,
      unhealthyAfter: 3,
      healthyAfter: 1,
      backoffCapMs: 60_000,
      failbackAfter: 1,
      failback: true,
      jitter: 0,
    }),
    clock,
    timers: systemTimers,
    random: () => 0.5,
    logger: silentLogger,
    overBudget: budgetCheck(usage, () => budgets),
  });
  const moves: LockMove[] = [];
  monitor.onDidMoveLock((m) => moves.push(m));
  const deps: PipelineDeps = { lock, monitor, stack, getKey: async () => server.grant(KEY), usage, clock };
  const chats = (): number => server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
  return { clock, lock, monitor, usage, moves, deps, stack, chats };
}

describe('monthly token budgets against a local server', function () {
  this.timeout(30_000);
  const server = new FakeOpenAiServer();
  beforeEach(async () => {
    server.usage = 'counted';
    server.requests.length = 0;
    await server.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('records the answer’s tokens in the forecast and in the month’s usage', async () => {
    const { lock, monitor, usage, deps } = await setup(server, new Map(), ['custom', 'builtin']);
    await lock.acquire('custom', 'user', 'test');
    const { data } = await forecastSet(hourlySet(), deps, { horizon: { steps: 24 } });
    const body = JSON.stringify(server.requests.at(-1)?.body);
    assert.equal(data.producer.provider, 'custom');
    // the fake server counts a token per four characters of the request and of the answer
    assert.equal(data.producer.usage?.promptTokens, Math.ceil(body.length / 4));
    assert.ok((data.producer.usage?.completionTokens ?? 0) > 0);
    const total = (data.producer.usage?.promptTokens ?? 0) + (data.producer.usage?.completionTokens ?? 0);
    assert.equal(usage.spent('custom'), total);
    assert.equal(usage.thisMonth().providers[0]?.answers, 1);
    assert.equal(lock.snapshot.holder, 'custom', 'no budget, no move');
    monitor.dispose();
  });

  it('an answer that spends the rest of the budget moves the lock to the built-in forecaster once, audited', async () => {
    const { lock, monitor, moves, deps, chats } = await setup(server, new Map([['custom', 500]]), [
      'custom',
      'builtin',
    ]);
    await lock.acquire('custom', 'user', 'chosen by hand');
    const before = lock.audit.length;
    const first = await forecastSet(hourlySet(), deps, { horizon: { steps: 24 } });
    assert.equal(first.data.producer.provider, 'custom', 'the answer that crossed the budget is kept');
    assert.equal(lock.snapshot.holder, 'builtin');
    const added = lock.audit.slice(before);
    assert.equal(added.length, 1, 'one audit entry');
    assert.equal(added[0]?.action, 'failover');
    assert.equal(added[0]?.who, 'monitor');
    assert.equal(added[0]?.from, 'custom');
    assert.equal(added[0]?.to, 'builtin');
    assert.match(
      added[0]?.reason ?? '',
      /^Custom endpoint's monthly token budget is spent: [\d,]+ of 500 tokens used in 2026-11 \(UTC\)$/,
    );
    assert.deepEqual(
      moves.map((m) => [m.kind, m.from, m.to]),
      [['budget', 'custom', 'builtin']],
      'one move, so one notification',
    );
    // later forecasts and health rounds change nothing more
    const second = await forecastSet(hourlySet(), deps, { horizon: { steps: 24 } });
    await monitor.runRound({ force: true });
    assert.equal(second.data.producer.provider, 'builtin');
    assert.equal(second.data.producer.usage, undefined, 'the built-in forecaster has no usage');
    assert.equal(chats(), 1, 'nothing more was sent to the provider');
    assert.equal(lock.audit.length, before + 1);
    assert.equal(moves.length, 1);
    monitor.dispose();
  });

  it('a spent provider chosen again by hand is moved away before any request is sent', async () => {
    const { lock, monitor, usage, moves, deps, chats } = await setup(server, new Map([['custom', 10]]), [
      'custom',
      'builtin',
    ]);
    await usage.record('custom', { promptTokens: 10, completionTokens: 0 });
    await lock.claim('custom', 'user', 'chosen by hand');
    const { data } = await forecastSet(hourlySet(), deps, { horizon: { steps: 24 } });
    assert.equal(data.producer.provider, 'builtin');
    assert.equal(chats(), 0);
    assert.equal(moves.length, 1);
    assert.equal(lock.audit.at(-1)?.to, 'builtin');
    monitor.dispose();
  });

  it('an answer that is no forecast spent its tokens too', async () => {
    const { lock, monitor, usage, moves, deps, stack } = await setup(server, new Map([['custom', 5]]), [
      'custom',
      'builtin',
    ]);
    await lock.acquire('custom', 'user', 'test');
    const broken = { ...deps, stack: stack.map((e) => (e.id === 'custom' ? { ...e, model: 'broken' } : e)) };
    const failure = await forecastSet(hourlySet(), broken, { horizon: { steps: 24 } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(failure instanceof ProviderError && failure.failure === 'bad-output');
    assert.ok(usage.spent('custom') > 5);
    assert.equal(lock.snapshot.holder, 'builtin');
    assert.equal(moves.length, 1);
    monitor.dispose();
  });

  it('usage a provider does not report is unknown: counted as an answer, not as tokens', async () => {
    const { lock, monitor, usage, deps } = await setup(server, new Map([['custom', 5]]), ['custom', 'builtin']);
    await lock.acquire('custom', 'user', 'test');
    for (const reply of ['none', { value: { prompt_tokens: -3, completion_tokens: 'many' } }] as const) {
      server.usage = reply;
      const { data } = await forecastSet(hourlySet(), deps, { horizon: { steps: 24 } });
      assert.equal(data.producer.usage, null, JSON.stringify(reply));
    }
    assert.deepEqual(usage.thisMonth().providers, [
      { provider: 'custom', promptTokens: 0, completionTokens: 0, answers: 2, unreported: 2 },
    ]);
    assert.equal(lock.snapshot.holder, 'custom', 'unknown usage does not spend the budget');
    monitor.dispose();
  });

  it('failback skips a spent provider, and a new UTC month brings the lock back to it', async () => {
    const { clock, lock, monitor, moves, deps } = await setup(server, new Map([['custom', 500]]), [
      'custom',
      'ollama',
      'builtin',
    ]);
    await lock.acquire('custom', 'startup', 'test');
    await forecastSet(hourlySet(), deps, { horizon: { steps: 24 } });
    assert.equal(lock.snapshot.holder, 'builtin', 'to the built-in forecaster, not the next tier');
    await monitor.runRound({ force: true });
    assert.equal(lock.snapshot.holder, 'ollama', 'failback to the highest tier within its budget');
    await monitor.runRound({ force: true });
    assert.equal(lock.snapshot.holder, 'ollama');
    clock.advance(12 * 3_600_000); // 2026-12-01 00:00 UTC
    await monitor.runRound({ force: true });
    assert.equal(lock.snapshot.holder, 'custom');
    assert.deepEqual(
      moves.map((m) => [m.kind, m.to]),
      [
        ['budget', 'builtin'],
        ['failback', 'ollama'],
        ['failback', 'custom'],
      ],
    );
    monitor.dispose();
  });
});
