import * as assert from 'node:assert/strict';
import { HealthMonitor, type LockMove, type MonitorPolicy } from '../../../../src/core/health/healthMonitor';
import { applyProbe, DEFAULT_POLICY, initialHealth } from '../../../../src/core/health/providerHealth';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { MemoryStore } from '../../../support/memoryStore';
import { ProviderError, type FailureClass } from '../../../../src/core/providers/providerError';
import { type ProbeResult } from '../../../../src/core/providers/providerClient';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';
import { type ProviderId } from '../../../../src/core/base/providerIds';
import { silentLogger } from '../../../../src/core/logging';
import { FakeClock, FakeTimers, settle } from '../../../support/helpers';

const MIN = 60_000;
const fail = (failure: FailureClass, status?: number, retryAfterMs?: number): ProviderError =>
  new ProviderError('groq', failure, 'x', { status, retryAfterMs });

describe('provider health state machine', () => {
  const p = DEFAULT_POLICY;
  const step = (h = initialHealth('groq', true), ...outcomes: ('ok' | FailureClass)[]) =>
    outcomes.reduce(
      (acc, o, i) =>
        applyProbe(acc, o === 'ok' ? { ok: true, latencyMs: 100 } : { ok: false, error: fail(o) }, i * MIN, p),
      h,
    );

  it('unknown → healthy on the first success', () => assert.equal(step(undefined, 'ok').state, 'healthy'));
  it('one or two failures make it degraded, the third unhealthy', () => {
    assert.deepEqual(
      [1, 2, 3].map((n) => step(undefined, ...new Array<FailureClass>(n).fill('server')).state),
      ['degraded', 'degraded', 'unhealthy'],
    );
  });
  it('a bad key is unhealthy at once', () => assert.equal(step(undefined, 'auth').state, 'unhealthy'));
  it('exhausted quota is unhealthy at once', () => assert.equal(step(undefined, 'quota').state, 'unhealthy'));
  it('rate limiting makes it degraded, never unhealthy by itself', () => {
    assert.equal(step(undefined, 'rate-limited', 'rate-limited', 'rate-limited', 'rate-limited').state, 'degraded');
  });
  it('rate-limit headers nearly exhausted make a success degraded', () => {
    assert.equal(
      applyProbe(initialHealth('groq', true), { ok: true, latencyMs: 1, rateLimit: { remaining: 3, limit: 100 } }, 0, p)
        .state,
      'degraded',
    );
  });
  it('an unhealthy provider needs two successes in a row to be healthy again', () => {
    const down = step(undefined, 'auth');
    const once = step(down, 'ok');
    assert.deepEqual([once.state, once.recovering], ['degraded', true]);
    assert.equal(step(once, 'ok').state, 'healthy');
    assert.equal(step(once, 'server').state, 'unhealthy', 'a failure while recovering is unhealthy again');
  });
  it('an unhealthy provider backs off exponentially up to the cap', () => {
    let h = initialHealth('groq', true);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      h = applyProbe(h, { ok: false, error: fail('network') }, 0, p);
      waits.push((h.nextProbeAt ?? 0) / MIN);
    }
    assert.deepEqual(waits, [1, 1, 1, 2, 4, 8, 15, 15]);
  });
  it('latency is smoothed', () => {
    const h = [100, 200].reduce(
      (acc, l) => applyProbe(acc, { ok: true, latencyMs: l }, 0, p),
      initialHealth('groq', true),
    );
    assert.equal(h.latencyMs, 130);
  });
  it('a rate limit waits at least its retry-after before the next probe', () => {
    assert.equal(
      applyProbe(initialHealth('groq', true), { ok: false, error: fail('rate-limited', 429, 5 * MIN) }, 0, p)
        .nextProbeAt,
      5 * MIN,
    );
  });
});

describe('health monitor with failover and failback (fake clock and timers)', () => {
  const policy: MonitorPolicy = { ...DEFAULT_POLICY, failbackAfter: 3, failback: true, jitter: 0 };
  let clock: FakeClock;
  let timers: FakeTimers;
  let outcomes: Map<ProviderId, 'ok' | FailureClass>;
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
