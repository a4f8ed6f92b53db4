import * as assert from 'node:assert/strict';
import { HealthMonitor, type LockMove, type MonitorPolicy } from '../../../../src/core/health/healthMonitor';
import { DEFAULT_POLICY } from '../../../../src/core/health/providerHealth';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { MemoryStore } from '../../../support/memoryStore';
import { ProviderError, type FailureClass } from '../../../../src/core/providers/providerError';
import { type ProbeResult } from '../../../../src/core/providers/providerClient';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';
import { type ProviderId } from '../../../../src/core/base/providerIds';
import { silentLogger } from '../../../../src/core/logging';
import { FakeClock, FakeTimers, settle } from '../../../support/helpers';

const MIN = 60_000;

describe('health monitor with failover and failback (fake clock and timers)', () => {
  const policy: MonitorPolicy = { ...DEFAULT_POLICY, failbackAfter: 3, failback: true, jitter: 0 };
  let clock: FakeClock;
  let timers: FakeTimers;
  let outcomes: Map<ProviderId, 'ok' | 'not-served' | FailureClass>;
  let lock: ProviderLock;
  let moves: LockMove[];
  let monitor: HealthMonitor;
  let probes: ProviderId[];
  /** A probe of a provider with a gate here waits until the gate is opened. */
  let gates: Map<ProviderId, Promise<void>>;
  const stack = parseProviderStack([{ id: 'openai' }, { id: 'groq' }, { id: 'builtin' }]).stack;

  beforeEach(async () => {
    clock = new FakeClock();
    timers = new FakeTimers(clock);
    outcomes = new Map([
      ['openai', 'ok'],
      ['groq', 'ok'],
    ]);
    probes = [];
    gates = new Map();
    lock = (await ProviderLock.open(new MemoryStore(), { clock })).lock;
    moves = [];
    monitor = new HealthMonitor({
      lock,
      stack: () => stack,
      isConfigured: async (e) => e.id !== 'groq' || outcomes.get('groq') !== 'not-configured',
      probe: async (entry): Promise<ProbeResult> => {
        probes.push(entry.id);
        await gates.get(entry.id);
        const o = outcomes.get(entry.id) ?? 'ok';
        if (o === 'not-served') return { ok: true, latencyMs: 50, modelNotServed: { model: 'gpt-typo', listed: 40 } };
        return o === 'ok'
          ? { ok: true, latencyMs: 50 }
          : {
              ok: false,
              latencyMs: 50,
              failure: new ProviderError(entry.id, o as FailureClass, 'down', {
                status: o === 'server' ? 503 : undefined,
              }),
            };
      },
      policy: () => policy,
      clock,
      timers,
      random: () => 0.5,
      logger: silentLogger,
    });
    monitor.onDidMoveLock((m) => moves.push(m));
  });
  afterEach(() => monitor.dispose());

  it('a forced round asked for since a change joins a round that started after it, and follows one that started before (one shared follow-up)', async () => {
    await lock.acquire('openai', 'startup', 'x');
    let open = (): void => undefined;
    gates.set('openai', new Promise<void>((resolve) => (open = resolve)));
    const first = monitor.runRound({ force: true }); // under way, started at t0
    const t0 = clock.now().getTime();
    await new Promise((r) => setImmediate(r)); // its openai probe has started (at t0) and waits
    assert.deepEqual(probes, ['openai']);
    clock.advance(1000);
    const changedAt = clock.now().getTime();
    const a = monitor.runRound({ force: true, since: changedAt }); // a key stored at t0 + 1 s
    const b = monitor.runRound({ force: true, since: changedAt }); // its check, asked right after
    assert.notEqual(a, first, 'the round under way started before the change: a fresh one follows');
    assert.equal(a, b, 'both share the one follow-up');
    assert.equal(
      monitor.runRound({ force: true, since: t0 }),
      first,
      'a round that started at or after `since` answers',
    );
    open();
    await Promise.all([first, a, b]);
    assert.deepEqual(
      probes,
      ['openai', 'groq', 'openai'],
      'the follow-up probes openai (probed before the change) again, not groq (probed after it, with the new key)',
    );
    await monitor.runRound({ force: true, since: changedAt });
    assert.equal(probes.length, 3, 'a finished round that started after `since` still answers: no third round');
  });

  it('a fresh round (Check Provider Health) never answers with a round that started before it was asked', async () => {
    await lock.acquire('openai', 'startup', 'x');
    let open = (): void => undefined;
    gates.set('openai', new Promise<void>((resolve) => (open = resolve)));
    const first = monitor.runRound({ force: true }); // its openai probe was sent before the server went away
    await new Promise((r) => setImmediate(r));
    clock.advance(1000);
    const check = monitor.runRound({ force: true, fresh: true });
    assert.notEqual(check, first, 'a round follows the one under way');
    assert.equal(monitor.runRound({ force: true }), first, 'without fresh, a forced round joins the one under way');
    open();
    await Promise.all([first, check]);
    assert.deepEqual(
      probes,
      ['openai', 'groq', 'openai'],
      'openai (probed before the ask) is probed again; groq, probed after it, is already fresh',
    );
  });

  it('a key change during a round whose probes all start after it costs no second probe', async () => {
    await lock.acquire('openai', 'startup', 'x');
    const first = monitor.runRound({ force: true });
    clock.advance(1000); // before the round reaches its first probe
    const changedAt = clock.now().getTime();
    const check = monitor.runRound({ force: true, since: changedAt });
    await Promise.all([first, check]);
    assert.deepEqual(probes, ['openai', 'groq'], 'each provider probed once, with the key as it is now');
    assert.notEqual(monitor.get('openai')?.lastProbeAt, null);
  });

  it('probes every configured tier each interval; builtin is never probed', async () => {
    await lock.acquire('openai', 'startup', 'x');
    monitor.start();
    await timers.advance(0);
    assert.deepEqual(probes, ['openai', 'groq']);
    await timers.advance(MIN);
    assert.deepEqual(probes, ['openai', 'groq', 'openai', 'groq']);
    assert.equal(monitor.get('builtin')?.state, 'healthy');
  });

  it('a provider without a key is not configured and not probed', async () => {
    outcomes.set('groq', 'not-configured');
    monitor.start();
    await timers.advance(0);
    assert.deepEqual(probes, ['openai']);
    assert.equal(monitor.get('groq')?.state, 'not-configured');
  });

  it('fails the holder over to the next healthy tier after three failed probes, once, with the cause', async () => {
    await lock.acquire('openai', 'startup', 'x');
    monitor.start();
    await timers.advance(0);
    outcomes.set('openai', 'server');
    await timers.advance(MIN);
    await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'openai', 'degraded after two failures: no move yet');
    await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'groq');
    assert.equal(moves.length, 1);
    const entry = lock.audit.at(-1);
    assert.deepEqual([entry?.action, entry?.from, entry?.to, entry?.who], ['failover', 'openai', 'groq', 'monitor']);
    assert.match(entry?.reason ?? '', /OpenAI is unhealthy: server \(HTTP 503\)/);
    await timers.advance(5 * MIN);
    assert.equal(moves.length, 1, 'one move, not one per probe');
  });

  it('a holder whose model is not served is flagged degraded with the reason, and keeps the lock (a setting to fix, not an outage)', async () => {
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'not-served');
    monitor.start();
    for (let i = 0; i < 5; i++) await timers.advance(MIN);
    const h = monitor.get('openai');
    assert.equal(h?.state, 'degraded');
    assert.equal(h?.modelNotServed, 'gpt-typo');
    assert.equal(h?.reason, 'model not served: "gpt-typo" is not among the 40 models it lists');
    assert.equal(lock.snapshot.holder, 'openai');
    assert.equal(moves.length, 0);
    // once the model is served (the setting fixed), the flag goes
    outcomes.set('openai', 'ok');
    await timers.advance(MIN);
    assert.equal(monitor.get('openai')?.state, 'healthy');
    assert.equal(monitor.get('openai')?.modelNotServed, undefined);
  });

  it('never fails back to a higher tier whose model is not served', async () => {
    await lock.acquire('groq', 'startup', 'x');
    outcomes.set('openai', 'not-served');
    monitor.start();
    for (let i = 0; i < 6; i++) await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'groq');
    assert.equal(moves.length, 0);
  });

  it('fails over past an unhealthy middle tier to builtin', async () => {
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    outcomes.set('groq', 'auth');
    monitor.start();
    await timers.advance(0);
    assert.equal(lock.snapshot.holder, 'builtin');
  });

  it('fails back after three healthy probes of the higher tier (hysteresis)', async () => {
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    monitor.start();
    await timers.advance(0);
    assert.equal(lock.snapshot.holder, 'groq');
    outcomes.set('openai', 'ok');
    // unhealthy → probed with backoff; count the successes it needs
    for (let i = 0; i < 10 && lock.snapshot.holder === 'groq'; i++) await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'openai');
    assert.equal(lock.audit.at(-1)?.action, 'failback');
    assert.ok((monitor.get('openai')?.consecutiveSuccesses ?? 0) >= 3);
  });

  it('does not fail back when failback is off', async () => {
    const off = { ...policy, failback: false };
    (monitor as unknown as { deps: { policy: () => MonitorPolicy } }).deps.policy = () => off;
    await lock.acquire('groq', 'startup', 'x');
    monitor.start();
    for (let i = 0; i < 6; i++) await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'groq');
  });

  it('a lock chosen by hand is failed over when it goes down, to a tier below it, never above that choice', async () => {
    await lock.claim('groq', 'user', 'I want groq');
    monitor.start();
    for (let i = 0; i < 5; i++) await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'groq', 'a healthy openai above does not take a hand-chosen lock');
    outcomes.set('groq', 'auth');
    await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'builtin', 'failed over below the pinned holder, not up to the healthy openai');
    assert.match(lock.audit.at(-1)?.reason ?? '', /chosen by hand/);
  });

  it('after failing over a hand-chosen holder, fails back to it and no higher', async () => {
    await lock.claim('groq', 'user', 'I want groq');
    outcomes.set('openai', 'auth');
    monitor.start();
    await timers.advance(0);
    outcomes.set('groq', 'auth');
    await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'builtin');
    outcomes.set('openai', 'ok');
    outcomes.set('groq', 'ok');
    for (let i = 0; i < 12; i++) await timers.advance(MIN);
    assert.equal(lock.snapshot.holder, 'groq', 'back to the person’s choice, not above it');
  });

  it('a person’s switch during a round wins over the monitor (generation check)', async () => {
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    let release: () => void = () => undefined;
    (monitor as unknown as { deps: { probe: (e: { id: ProviderId }) => Promise<ProbeResult> } }).deps.probe = async (
      e,
    ) => {
      if (e.id === 'groq') {
        await new Promise<void>((r) => {
          release = r;
        });
        await lock.claim('groq', 'user', 'person switched meanwhile');
        return { ok: true, latencyMs: 1 };
      }
      return { ok: false, latencyMs: 1, failure: new ProviderError(e.id, 'auth', 'bad key', { status: 401 }) };
    };
    const round = monitor.runRound();
    await settle();
    release();
    await round;
    assert.equal(lock.snapshot.holder, 'groq');
    assert.equal(moves.length, 0, 'no failover over the person’s change');
  });

  it('a failover-class request failure moves the lock at once and returns the new holder', async () => {
    await lock.acquire('openai', 'startup', 'x');
    const to = await monitor.reportFailure('openai', new ProviderError('openai', 'timeout', 'no answer'));
    assert.equal(to, 'groq');
    assert.equal(lock.audit.at(-1)?.action, 'failover');
  });

  it('a round under way that finds the holder answering does not outvote its request failure reported meanwhile: the lock still moves', async () => {
    await lock.acquire('openai', 'startup', 'x');
    let open = (): void => undefined;
    gates.set('openai', new Promise<void>((resolve) => (open = resolve)));
    // a round (e.g. after a switch) probes the holder; its answer comes back after the request failed
    const round = monitor.runRound({ force: true });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(probes, ['openai']);
    const report = monitor.reportFailure('openai', new ProviderError('openai', 'auth', 'x'));
    await new Promise((r) => setImmediate(r));
    open();
    await round;
    assert.equal(await report, 'groq', 'the request failure moved the lock');
    assert.equal(lock.snapshot.holder, 'groq');
    assert.equal(monitor.snapshot().find((h) => h.id === 'openai')?.state, 'unhealthy');
  });

  it('a request without a key makes nothing unhealthy and moves nothing', async () => {
    await lock.claim('groq', 'user', 'x');
    assert.equal(
      await monitor.reportFailure('groq', new ProviderError('groq', 'not-configured', 'no API key is set')),
      undefined,
    );
    await monitor.runRound({ force: true });
    assert.equal(lock.snapshot.holder, 'groq');
    assert.notEqual(monitor.get('groq')?.state, 'unhealthy');
  });

  it('bad output does not move the lock', async () => {
    await lock.acquire('openai', 'startup', 'x');
    assert.equal(await monitor.reportFailure('openai', new ProviderError('openai', 'bad-output', 'junk')), undefined);
    assert.equal(lock.snapshot.holder, 'openai');
  });

  it('a released lock stays released', async () => {
    outcomes.set('openai', 'auth');
    monitor.start();
    await timers.advance(3 * MIN);
    assert.equal(lock.snapshot.holder, null);
  });

  it('pause stops probing and resume starts again', async () => {
    monitor.start();
    await timers.advance(0);
    monitor.pause();
    const before = probes.length;
    await timers.advance(10 * MIN);
    assert.equal(probes.length, before);
    monitor.resume();
    await timers.advance(0);
    assert.ok(probes.length > before);
  });

  it('dispose leaves no timer behind', async () => {
    monitor.start();
    await timers.advance(2 * MIN);
    monitor.dispose();
    assert.equal(timers.pending, 0);
    assert.equal(monitor.hasPendingTimer, false);
  });
});

describe('health monitor: what it records, logs and reports', () => {
  const policy: MonitorPolicy = { ...DEFAULT_POLICY, failbackAfter: 3, failback: true, jitter: 0 };
  type Outcome = 'ok' | 'ok-limited' | FailureClass | 'throws' | 'throws-provider-error' | 'no-failure';

  async function setup(
    options: {
      stack?: Parameters<typeof parseProviderStack>[0];
      outcomes?: Partial<Record<ProviderId, Outcome>>;
      configured?: (id: ProviderId) => boolean | string;
      policy?: Partial<MonitorPolicy>;
      random?: () => number;
      store?: MemoryStore;
    } = {},
  ) {
    const clock = new FakeClock();
    const timers = new FakeTimers(clock);
    const store = options.store ?? new MemoryStore();
    const lock = (await ProviderLock.open(store, { clock })).lock;
    const stack = parseProviderStack(options.stack ?? [{ id: 'openai' }, { id: 'groq' }, { id: 'builtin' }]).stack;
    const outcomes = new Map(Object.entries(options.outcomes ?? {}) as [ProviderId, Outcome][]);
    const log: string[] = [];
    const record = (level: string) => (message: string) => log.push(`${level}: ${message}`);
    const probes: ProviderId[] = [];
    const monitor = new HealthMonitor({
      lock,
      stack: () => stack,
      isConfigured: async (e) => options.configured?.(e.id) ?? true,
      probe: async (entry): Promise<ProbeResult> => {
        probes.push(entry.id);
        const o = outcomes.get(entry.id) ?? 'ok';
        if (o === 'throws') throw new Error('socket hang up');
        if (o === 'throws-provider-error') throw new ProviderError(entry.id, 'timeout', 'slow', { status: 504 });
        if (o === 'no-failure') return { ok: false, latencyMs: 5 };
        if (o === 'ok') return { ok: true, latencyMs: 40 };
        if (o === 'ok-limited') return { ok: true, latencyMs: 40, rateLimit: { remaining: 1, limit: 100 } };
        return {
          ok: false,
          latencyMs: 5,
          failure: new ProviderError(entry.id, o, 'down', { status: o === 'server' ? 503 : undefined }),
        };
      },
      policy: () => ({ ...policy, ...options.policy }),
      clock,
      timers,
      random: options.random ?? (() => 0.5),
      logger: {
        trace: () => undefined,
        debug: () => undefined,
        info: record('info'),
        warn: record('warn'),
        error: record('error'),
      },
    });
    const moves: LockMove[] = [];
    monitor.onDidMoveLock((m) => moves.push(m));
    const changes: string[][] = [];
    monitor.onDidChange((hs) => changes.push(hs.map((h) => `${h.id}:${h.state}`)));
    return { clock, timers, lock, monitor, outcomes, log, probes, moves, changes, store };
  }

  it('a probe that throws counts as a network failure; a ProviderError thrown keeps its class; no failure given is a network failure', async () => {
    const { monitor } = await setup({
      stack: [{ id: 'openai' }, { id: 'groq' }, { id: 'ollama' }],
      outcomes: { openai: 'throws', groq: 'throws-provider-error', ollama: 'no-failure' },
    });
    await monitor.runRound();
    assert.deepEqual(
      [monitor.get('openai')?.lastError?.failure, monitor.get('openai')?.lastError?.message],
      ['network', new ProviderError('openai', 'network', 'Error: socket hang up').message],
    );
    assert.deepEqual(
      [monitor.get('groq')?.lastError?.failure, monitor.get('groq')?.lastError?.status],
      ['timeout', 504],
    );
    assert.deepEqual(
      [monitor.get('ollama')?.lastError?.failure, monitor.get('ollama')?.lastError?.message],
      ['network', new ProviderError('ollama', 'network', 'the probe failed').message],
    );
  });

  it('passes the rate-limit headers of a probe on: nearly exhausted is degraded', async () => {
    const { monitor } = await setup({ outcomes: { openai: 'ok-limited' } });
    await monitor.runRound();
    assert.equal(monitor.get('openai')?.state, 'degraded');
    assert.match(monitor.get('openai')?.reason ?? '', /1 of 100 requests left/);
    assert.equal(monitor.get('openai')?.latencyMs, 40);
  });

  it('a provider that cannot be probed says why, keeps when it was last probed, and is not probed', async () => {
    let configured: boolean | string = true;
    const { monitor, probes, clock, log } = await setup({ configured: (id) => (id === 'groq' ? configured : true) });
    await monitor.runRound();
    const probedAt = clock.now().getTime();
    clock.advance(MIN);
    configured = 'the endpoint is not approved for this key';
    await monitor.runRound();
    assert.deepEqual(
      [monitor.get('groq')?.state, monitor.get('groq')?.reason, monitor.get('groq')?.lastProbeAt],
      ['not-configured', 'the endpoint is not approved for this key', probedAt],
    );
    configured = false;
    await monitor.runRound();
    assert.equal(monitor.get('groq')?.reason, 'no API key');
    configured = '';
    await monitor.runRound();
    assert.equal(monitor.get('groq')?.reason, 'no API key', 'an empty reason is no reason');
    assert.deepEqual(
      probes.filter((id) => id === 'groq'),
      ['groq'],
    );
    configured = true;
    await monitor.runRound();
    assert.deepEqual(
      [monitor.get('groq')?.state, probes.filter((id) => id === 'groq').length],
      ['healthy', 2],
      'configured again: probed at once, from a fresh start',
    );
    assert.equal(log.at(-1), 'info: health: groq unknown → healthy (answering)');
  });

  it('never probes a disabled tier, and reports every tier in tier order, unprobed ones as unknown', async () => {
    const { monitor, probes } = await setup({ stack: [{ id: 'openai', enabled: false }, { id: 'groq' }] });
    assert.deepEqual(
      monitor.snapshot().map((h) => `${h.id}:${h.state}`),
      ['openai:unknown', 'groq:unknown', 'builtin:healthy'],
    );
    await monitor.runRound();
    assert.deepEqual(probes, ['groq']);
    assert.deepEqual(
      monitor.snapshot().map((h) => `${h.id}:${h.state}`),
      ['openai:unknown', 'groq:healthy', 'builtin:healthy'],
    );
    assert.equal(monitor.get('openai'), undefined);
  });

  it('logs each change of a provider’s state once, with its reason', async () => {
    const { monitor, outcomes, log } = await setup({ stack: [{ id: 'groq' }] });
    outcomes.set('groq', 'auth');
    await monitor.runRound({ force: true });
    await monitor.runRound({ force: true });
    assert.deepEqual(log, ['info: health: groq unknown → unhealthy (the API key was rejected)']);
  });

  it('a failover is logged and announced with the cause and its HTTP status', async () => {
    const { monitor, lock, outcomes, log, moves } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'server');
    for (let i = 0; i < 3; i++) await monitor.runRound({ force: true });
    assert.deepEqual(moves, [
      {
        kind: 'failover',
        from: 'openai',
        to: 'groq',
        reason: 'OpenAI is unhealthy: server (HTTP 503)',
        failure: 'server',
      },
    ]);
    assert.ok(
      log.includes('warn: lock failover: openai → groq (OpenAI is unhealthy: server (HTTP 503))'),
      log.join('\n'),
    );
    assert.equal(lock.audit.at(-1)?.reason, 'OpenAI is unhealthy: server (HTTP 503)');
  });

  it('a failback says how long the higher tier has been healthy', async () => {
    const { monitor, lock, outcomes, moves } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    await monitor.runRound({ force: true });
    assert.equal(lock.snapshot.holder, 'groq');
    outcomes.set('openai', 'ok-limited');
    for (let i = 0; i < 3; i++) await monitor.runRound({ force: true });
    assert.equal(lock.snapshot.holder, 'groq', 'rate-limited openai is degraded: no failback');
    assert.deepEqual(
      moves.map((m) => m.kind),
      ['failover'],
    );
    assert.equal(moves[0]?.failure, 'auth');
  });

  it('fails back to a tier once it is healthy for failbackAfter probes, and says so', async () => {
    const { monitor, lock, moves } = await setup({ stack: [{ id: 'ollama' }, { id: 'builtin' }] });
    (monitor as unknown as { deps: { probe: () => Promise<ProbeResult> } }).deps.probe = async () => ({
      ok: true,
      latencyMs: 1,
    });
    await lock.acquire('builtin', 'startup', 'x');
    for (let i = 0; i < 2; i++) await monitor.runRound({ force: true });
    assert.equal(lock.snapshot.holder, 'builtin');
    await monitor.runRound({ force: true });
    assert.deepEqual(moves, [
      { kind: 'failback', from: 'builtin', to: 'ollama', reason: 'Ollama has been healthy for 3 probes in a row' },
    ]);
  });

  it('a local holder is failed over to a cloud tier only when failoverToCloud allows it', async () => {
    for (const toCloud of [undefined, false, true]) {
      const { monitor, lock, outcomes } = await setup({
        stack: [{ id: 'groq' }, { id: 'ollama' }],
        policy: toCloud === undefined ? {} : { failoverToCloud: toCloud },
      });
      (monitor as unknown as { deps: { policy: () => MonitorPolicy } }).deps.policy = () => ({
        ...policy,
        failback: false,
        ...(toCloud === undefined ? {} : { failoverToCloud: toCloud }),
      });
      outcomes.set('groq', 'ok');
      outcomes.set('ollama', 'auth');
      await lock.acquire('ollama', 'startup', 'x');
      (monitor as unknown as { deps: { probe: (e: { id: ProviderId }) => Promise<ProbeResult> } }).deps.probe = async (
        e,
      ) =>
        e.id === 'ollama'
          ? { ok: false, latencyMs: 1, failure: new ProviderError('ollama', 'auth', 'x') }
          : { ok: true, latencyMs: 1 };
      await monitor.runRound({ force: true });
      assert.equal(lock.snapshot.holder, toCloud ? 'groq' : 'builtin', `failoverToCloud ${toCloud}`);
    }
  });

  it('a move the store cannot save is logged as an error and leaves the lock where it was', async () => {
    const store = new MemoryStore();
    const { monitor, lock, outcomes, log, moves } = await setup({ store });
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    store.failNextWrites(1);
    await monitor.runRound({ force: true });
    assert.equal(lock.snapshot.holder, 'openai');
    assert.deepEqual(moves, []);
    assert.ok(
      log.some((l) => l.startsWith('error: ') && l.includes('Could not save the provider lock')),
      log.join('\n'),
    );
  });

  it('a move that loses to a change made meanwhile is not made, and the log says that change stands', async () => {
    let gate: Promise<void> | undefined;
    class GatedStore extends MemoryStore {
      override async update(key: string, value: unknown): Promise<void> {
        await gate;
        return super.update(key, value);
      }
    }
    const { monitor, lock, outcomes, log, moves } = await setup({ store: new GatedStore() });
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    let open: () => void = () => undefined;
    (monitor as unknown as { deps: { probe: (e: { id: ProviderId }) => Promise<ProbeResult> } }).deps.probe = async (
      e,
    ) => {
      if (e.id === 'openai') return { ok: false, latencyMs: 1, failure: new ProviderError('openai', 'auth', 'x') };
      // a person's switch, still being saved when the monitor decides
      gate = new Promise((r) => (open = r));
      void lock.claim('ollama', 'user', 'person switched meanwhile');
      return { ok: true, latencyMs: 1 };
    };
    const round = monitor.runRound({ force: true });
    await settle();
    open();
    await round;
    assert.deepEqual([lock.snapshot.holder, moves], ['ollama', []]);
    assert.ok(
      log.includes(
        'info: lock failover openai → groq not made: the lock changed meanwhile (now ollama), and that change stands',
      ),
      log.join('\n'),
    );
  });

  it('with move: false a round only probes; moveLockNow then moves', async () => {
    const { monitor, lock, outcomes, moves } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    await monitor.runRound({ force: true, move: false });
    assert.equal(lock.snapshot.holder, 'openai');
    const move = await monitor.moveLockNow();
    assert.equal(move?.to, 'groq');
    assert.deepEqual(moves, [move]);
    assert.equal(await monitor.moveLockNow(), undefined, 'nothing more to move');
  });

  it('a reported failure of a provider that does not hold the lock counts against it and moves nothing', async () => {
    const { monitor, lock, changes, probes } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    assert.equal(
      await monitor.reportFailure('groq', new ProviderError('groq', 'server', 'x', { status: 500 })),
      undefined,
    );
    assert.deepEqual(
      [monitor.get('groq')?.state, monitor.get('groq')?.reason],
      ['unhealthy', 'a forecast request failed (server)'],
    );
    assert.equal(changes.length, 1, 'the change is announced');
    assert.deepEqual(probes, [], 'and nothing is probed');
    assert.equal(lock.snapshot.holder, 'openai');
  });

  it('a reported rate limit counts as a failed probe but moves nothing; a rejected key keeps its own reason', async () => {
    const { monitor, lock } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    assert.equal(
      await monitor.reportFailure('openai', new ProviderError('openai', 'rate-limited', 'slow down')),
      undefined,
    );
    assert.deepEqual([monitor.get('openai')?.state, lock.snapshot.holder], ['degraded', 'openai']);
    assert.equal(await monitor.reportFailure('openai', new ProviderError('openai', 'auth', 'bad key')), 'groq');
    assert.equal(monitor.get('openai')?.reason, 'the API key was rejected');
  });

  it('failures that say nothing about a provider change nothing: cancelled, model not found, bad output, no key', async () => {
    const { monitor, lock, changes } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    for (const failure of ['cancelled', 'model-not-found', 'bad-output', 'not-configured'] as const)
      assert.equal(await monitor.reportFailure('openai', new ProviderError('openai', failure, 'x')), undefined);
    assert.equal(monitor.get('openai'), undefined);
    assert.deepEqual(changes, []);
  });

  it('after a reported failure of the holder, probes the other tiers (not the one that failed) before moving', async () => {
    const { monitor, lock, probes } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    assert.equal(await monitor.reportFailure('openai', new ProviderError('openai', 'network', 'x')), 'groq');
    assert.deepEqual(probes, ['groq']);
  });

  it('when no tier can take the lock, a failed holder keeps it and the request failure returns no holder', async () => {
    const { monitor, lock } = await setup({ stack: [{ id: 'ollama' }, { id: 'groq' }], outcomes: { groq: 'auth' } });
    (monitor as unknown as { deps: { policy: () => MonitorPolicy } }).deps.policy = () => ({ ...policy });
    await lock.acquire('ollama', 'startup', 'x');
    await lock.compareAndSwitch(1, 'groq', 'monitor', 'switch', 'x');
    assert.equal(await monitor.reportFailure('groq', new ProviderError('groq', 'auth', 'x')), 'ollama');
  });

  it('the next round comes one interval later, give or take the jitter, never sooner than the floor', async () => {
    const rounds = async (random: number, jitter: number, intervalMs = MIN) => {
      const { monitor, timers, clock } = await setup({
        stack: [{ id: 'groq' }],
        policy: { jitter, intervalMs },
        random: () => random,
      });
      const start = clock.now().getTime();
      const at: number[] = [];
      monitor.onDidChange(() => at.push(clock.now().getTime() - start));
      monitor.start();
      await timers.advance(2 * intervalMs);
      monitor.dispose();
      return at.slice(0, 3);
    };
    assert.deepEqual(await rounds(0.5, 0.1), [0, MIN, 2 * MIN]);
    assert.deepEqual(await rounds(1, 0.1), [0, MIN + 6000], 'up to 10% later');
    assert.deepEqual(
      await rounds(0, 0.1),
      [0, MIN - 6000, MIN - 5000],
      'up to 10% sooner, then a second apart until due',
    );
    assert.deepEqual(await rounds(0, 1, 1000), [0, 500, 1000], 'never sooner than half an interval');
  });

  it('start after dispose, and resume without a pause, start nothing', async () => {
    const { monitor, timers, probes } = await setup();
    monitor.resume();
    assert.equal(monitor.hasPendingTimer, false);
    monitor.dispose();
    monitor.start();
    await timers.advance(MIN);
    assert.deepEqual(probes, []);
  });

  it('a round asked for while one is under way joins it, forced or not, unless it must start after a change', async () => {
    const { monitor, probes, clock, changes } = await setup({ stack: [{ id: 'groq' }] });
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    (monitor as unknown as { deps: { probe: (e: { id: ProviderId }) => Promise<ProbeResult> } }).deps.probe = async (
      e,
    ) => {
      probes.push(e.id);
      await gate;
      return { ok: true, latencyMs: 1 };
    };
    const first = monitor.runRound();
    await settle();
    const joined = [monitor.runRound(), monitor.runRound({ force: true })];
    open();
    await Promise.all([first, ...joined]);
    await settle();
    assert.deepEqual([probes, changes.length], [['groq'], 1], 'one round for the three callers');
    const second = monitor.runRound();
    await settle();
    clock.advance(1000);
    const follow = monitor.runRound({ force: true, since: clock.now().getTime() });
    await Promise.all([second, follow]);
    assert.deepEqual([probes.length, changes.length], [2, 3], 'the caller that needed a later round got one, forced');
  });

  it('a follow-up round moves the lock too', async () => {
    const { monitor, lock, clock } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    let openaiFails = false;
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    (monitor as unknown as { deps: { probe: (e: { id: ProviderId }) => Promise<ProbeResult> } }).deps.probe = async (
      e,
    ) => {
      if (e.id === 'groq') await gate;
      return e.id === 'openai' && openaiFails
        ? { ok: false, latencyMs: 1, failure: new ProviderError('openai', 'auth', 'x') }
        : { ok: true, latencyMs: 1 };
    };
    const first = monitor.runRound();
    await settle(); // openai answered; the round waits on groq
    openaiFails = true;
    clock.advance(1000);
    const follow = monitor.runRound({ force: true, since: clock.now().getTime() });
    open();
    await first;
    assert.equal(lock.snapshot.holder, 'openai', 'the first round saw openai answer');
    await follow;
    assert.equal(lock.snapshot.holder, 'groq');
  });

  it('a finished round is not reused by a caller that did not ask for one since a time', async () => {
    const { monitor, probes } = await setup({ stack: [{ id: 'groq' }] });
    await monitor.runRound({ force: true });
    await monitor.runRound({ force: true });
    assert.deepEqual(probes, ['groq', 'groq']);
  });

  it('keeps its timer chain going while a tier has no health yet, and starting twice makes one chain', async () => {
    const { monitor, timers, probes } = await setup({ stack: [{ id: 'openai', enabled: false }, { id: 'groq' }] });
    monitor.start();
    monitor.start();
    assert.equal(monitor.hasPendingTimer, true);
    assert.equal(timers.pending, 1, 'one timer');
    await timers.advance(3 * MIN);
    assert.deepEqual(probes, ['groq', 'groq', 'groq', 'groq']);
    assert.equal(timers.pending, 1, 'still one timer');
    monitor.dispose();
  });

  it('dispose or pause during a round leaves no timer behind when the round ends', async () => {
    for (const stop of ['dispose', 'pause'] as const) {
      const { monitor, timers, probes } = await setup({ stack: [{ id: 'groq' }] });
      let open: () => void = () => undefined;
      const gate = new Promise<void>((r) => (open = r));
      (monitor as unknown as { deps: { probe: () => Promise<ProbeResult> } }).deps.probe = async () => {
        probes.push('groq');
        await gate;
        return { ok: true, latencyMs: 1 };
      };
      monitor.start();
      await timers.advance(0);
      monitor[stop]();
      open();
      await settle();
      assert.equal(monitor.hasPendingTimer, false, stop);
      await timers.advance(5 * MIN);
      assert.deepEqual(probes, ['groq'], stop);
      if (stop === 'dispose')
        assert.equal(monitor.get('groq'), undefined, 'a probe that ends after dispose is dropped');
    }
  });

  it('a failover without an HTTP status names the failure alone', async () => {
    const { monitor, lock, outcomes, moves } = await setup();
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    await monitor.runRound({ force: true });
    assert.equal(moves[0]?.reason, 'OpenAI is unhealthy: auth');
  });

  it('a failover that loses to a release made meanwhile says the lock is now released', async () => {
    let gate: Promise<void> | undefined;
    class GatedStore extends MemoryStore {
      override async update(key: string, value: unknown): Promise<void> {
        await gate;
        return super.update(key, value);
      }
    }
    const { monitor, lock, outcomes, log } = await setup({ store: new GatedStore() });
    await lock.acquire('openai', 'startup', 'x');
    outcomes.set('openai', 'auth');
    let open: () => void = () => undefined;
    (monitor as unknown as { deps: { probe: (e: { id: ProviderId }) => Promise<ProbeResult> } }).deps.probe = async (
      e,
    ) => {
      if (e.id === 'openai') return { ok: false, latencyMs: 1, failure: new ProviderError('openai', 'auth', 'x') };
      gate = new Promise((r) => (open = r));
      void lock.release('user', 'a person released it meanwhile');
      return { ok: true, latencyMs: 1 };
    };
    const round = monitor.runRound({ force: true });
    await settle();
    open();
    await round;
    assert.ok(
      log.some((l) => l.includes('the lock changed meanwhile (now released)')),
      log.join('\n'),
    );
  });
});
