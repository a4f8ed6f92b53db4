import * as assert from 'node:assert/strict';
import {
  applyProbe,
  DEFAULT_POLICY,
  type HealthPolicy,
  initialHealth,
  type ProviderHealth,
} from '../../../../src/core/health/providerHealth';
import { ProviderError, type FailureClass } from '../../../../src/core/providers/providerError';

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
  it('an answer whose model list lacks the configured model is degraded, says so, and a later answer clears it', () => {
    const h = applyProbe(
      initialHealth('groq', true),
      { ok: true, latencyMs: 1, modelNotServed: { model: 'llama-3.3-70b', listed: 1 } },
      0,
      p,
    );
    assert.equal(h.state, 'degraded');
    assert.equal(h.modelNotServed, 'llama-3.3-70b');
    assert.equal(h.reason, 'model not served: "llama-3.3-70b" is not among the 1 model it lists');
    assert.equal(h.consecutiveFailures, 0, 'the endpoint answered: not a failure');
    const served = applyProbe(h, { ok: true, latencyMs: 1 }, MIN, p);
    assert.deepEqual([served.state, 'modelNotServed' in served], ['healthy', false]);
    const failed = applyProbe(h, { ok: false, error: fail('server') }, MIN, p);
    assert.deepEqual([failed.state, 'modelNotServed' in failed], ['degraded', false]);
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

  const ok = (latencyMs = 100, rateLimit?: { remaining: number; limit: number }) =>
    ({ ok: true, latencyMs, ...(rateLimit ? { rateLimit } : {}) }) as const;
  const failed = (error: ProviderError) => ({ ok: false, error }) as const;
  const unhealthy = (): ProviderHealth => step(undefined, 'auth');
  const recovering = (): ProviderHealth => step(unhealthy(), 'ok');

  it('a success says so: failures reset, successes counted, next probe one interval away', () => {
    const h = applyProbe(step(undefined, 'server', 'ok'), ok(), 5 * MIN, p);
    assert.deepEqual(
      {
        state: h.state,
        reason: h.reason,
        recovering: h.recovering,
        successes: h.consecutiveSuccesses,
        failures: h.consecutiveFailures,
        lastProbeAt: h.lastProbeAt,
        nextProbeAt: h.nextProbeAt,
      },
      {
        state: 'healthy',
        reason: 'answering',
        recovering: false,
        successes: 2,
        failures: 0,
        lastProbeAt: 5 * MIN,
        nextProbeAt: 6 * MIN,
      },
    );
  });

  it('the first latency is taken as it is, later ones smoothed with α = 0.3', () => {
    const first = applyProbe(initialHealth('groq', true), ok(200), 0, p);
    assert.equal(first.latencyMs, 200);
    assert.equal(applyProbe(first, ok(100), 0, p).latencyMs, 170);
  });

  it('rate-limit headers: under 10% left is degraded and says how many are left; 10% or an unknown limit is not', () => {
    const with_ = (remaining: number, limit: number) =>
      applyProbe(initialHealth('groq', true), ok(1, { remaining, limit }), 0, p);
    assert.deepEqual(
      [with_(9, 100).state, with_(9, 100).reason],
      ['degraded', 'rate limit nearly reached (9 of 100 requests left)'],
    );
    assert.equal(with_(10, 100).state, 'healthy');
    assert.equal(with_(0, 0).state, 'healthy', 'a limit of 0 says nothing');
    assert.equal(with_(5, -1).state, 'healthy', 'nor does a negative one');
  });

  it('recovering wins over a nearly exhausted rate limit, and says how far it got', () => {
    const h = applyProbe(unhealthy(), ok(1, { remaining: 1, limit: 100 }), 0, p);
    assert.deepEqual([h.state, h.reason, h.recovering], ['degraded', 'recovering: 1 of 2 probes succeeded', true]);
  });

  it('with healthyAfter 1, one success makes an unhealthy provider healthy', () => {
    const h = applyProbe(unhealthy(), ok(), 0, { ...p, healthyAfter: 1 });
    assert.deepEqual([h.state, h.recovering], ['healthy', false]);
  });

  it('a recovering provider stays recovering until healthyAfter successes in a row', () => {
    const policy: HealthPolicy = { ...p, healthyAfter: 3 };
    const second = applyProbe(applyProbe(unhealthy(), ok(), 0, policy), ok(), 0, policy);
    assert.deepEqual(
      [second.state, second.recovering, second.reason],
      ['degraded', true, 'recovering: 2 of 3 probes succeeded'],
    );
    assert.equal(applyProbe(second, ok(), 0, policy).state, 'healthy');
  });

  it('a failure records its class, message, status and time, and ends any recovery', () => {
    const h = applyProbe(recovering(), failed(fail('server', 503)), 7 * MIN, p);
    assert.deepEqual(h.lastError, {
      failure: 'server',
      message: fail('server', 503).message,
      status: 503,
      at: 7 * MIN,
    });
    assert.deepEqual(
      [h.recovering, h.consecutiveSuccesses, h.consecutiveFailures, h.lastProbeAt],
      [false, 0, 1, 7 * MIN],
    );
    const noStatus = applyProbe(initialHealth('groq', true), failed(fail('timeout')), 0, p).lastError;
    assert.equal(noStatus !== null && 'status' in noStatus, false, 'no status when the failure had none');
  });

  it('says why, per failure class', () => {
    const reason = (h: ProviderHealth | undefined, ...o: FailureClass[]) => {
      const r = step(h, ...o);
      return [r.state, r.reason];
    };
    assert.deepEqual(reason(undefined, 'auth'), ['unhealthy', 'the API key was rejected']);
    assert.deepEqual(reason(undefined, 'quota'), ['unhealthy', 'no quota left']);
    assert.deepEqual(reason(undefined, 'not-configured'), ['not-configured', 'not configured']);
    assert.deepEqual(reason(undefined, 'rate-limited'), ['degraded', 'rate limited']);
    assert.deepEqual(reason(undefined, 'timeout'), ['degraded', '1 failure in a row (timeout)']);
    assert.deepEqual(reason(undefined, 'network', 'bad-output'), ['degraded', '2 failures in a row (bad-output)']);
    assert.deepEqual(reason(undefined, 'server', 'server', 'server'), ['unhealthy', '3 failures in a row (server)']);
  });

  it('a rate-limited probe leaves an unhealthy or recovering provider unhealthy', () => {
    assert.equal(step(unhealthy(), 'rate-limited').state, 'unhealthy');
    assert.equal(step(recovering(), 'rate-limited').state, 'unhealthy');
  });

  it('any failure of an unhealthy or recovering provider keeps it unhealthy, whatever the count', () => {
    const down = { ...unhealthy(), consecutiveFailures: 0 };
    assert.deepEqual(
      [step(down, 'timeout').state, step(down, 'timeout').reason],
      ['unhealthy', '1 failure in a row (timeout)'],
    );
    assert.equal(step(recovering(), 'timeout').state, 'unhealthy');
  });

  it('unhealthyAfter is the count of failures in a row: one fewer is degraded', () => {
    const policy: HealthPolicy = { ...p, unhealthyAfter: 2 };
    const once = applyProbe(initialHealth('groq', true), failed(fail('server')), 0, policy);
    assert.equal(once.state, 'degraded');
    assert.equal(applyProbe(once, failed(fail('server')), 0, policy).state, 'unhealthy');
  });

  it('only a rate limit waits for its retry-after; a short one still waits an interval', () => {
    const at = (error: ProviderError, h = initialHealth('groq', true)) =>
      applyProbe(h, failed(error), 0, p).nextProbeAt;
    assert.equal(at(fail('server', 503, 5 * MIN)), MIN, 'a server error retries after one interval');
    assert.equal(at(fail('rate-limited', 429, 1000)), MIN);
    assert.equal(at(fail('rate-limited', 429)), MIN);
    assert.equal(at(fail('rate-limited', 429, 5 * MIN), unhealthy()), MIN, 'an unhealthy provider keeps its backoff');
  });

  it('a provider that became unhealthy at once backs off from the first interval', () => {
    const waits = [1, 2, 3, 4].map(
      (n) => (step(undefined, ...new Array<FailureClass>(n).fill('auth')).nextProbeAt ?? 0) - (n - 1) * MIN,
    );
    assert.deepEqual(waits, [MIN, MIN, MIN, 2 * MIN]);
  });

  it('starts unknown with a key, not configured without; builtin is always healthy', () => {
    const empty = {
      consecutiveFailures: 0,
      consecutiveSuccesses: 0,
      lastError: null,
      lastProbeAt: null,
      nextProbeAt: null,
    };
    assert.deepEqual(initialHealth('groq', true), {
      id: 'groq',
      state: 'unknown',
      latencyMs: null,
      reason: 'not checked yet',
      recovering: false,
      ...empty,
    });
    assert.deepEqual(initialHealth('groq', false), {
      id: 'groq',
      state: 'not-configured',
      latencyMs: null,
      reason: 'no API key',
      recovering: false,
      ...empty,
    });
    assert.deepEqual(initialHealth('builtin', false), {
      id: 'builtin',
      state: 'healthy',
      latencyMs: 0,
      reason: 'always available',
      recovering: false,
      ...empty,
    });
  });

  it('defaults: unhealthy after 3 failures, healthy after 2 successes, a minute apart, backoff up to 15 minutes', () => {
    assert.deepEqual(DEFAULT_POLICY, { unhealthyAfter: 3, healthyAfter: 2, intervalMs: MIN, backoffCapMs: 15 * MIN });
  });
});
