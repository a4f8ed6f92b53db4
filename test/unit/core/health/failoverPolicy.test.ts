import * as assert from 'node:assert/strict';
import {
  chooseFailback,
  chooseFailover,
  FAILOVER_CLASSES,
  lastPersonChoice,
} from '../../../../src/core/health/failoverPolicy';
import { type ProviderHealth, initialHealth } from '../../../../src/core/health/providerHealth';
import { type ProviderId } from '../../../../src/core/base/providerIds';
import { type AuditEntry } from '../../../../src/core/lock/lockState';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';

const healthy = (id: ProviderId, successes = 5): ProviderHealth => ({
  ...initialHealth(id, true),
  state: 'healthy',
  consecutiveSuccesses: successes,
});
const unhealthy = (id: ProviderId): ProviderHealth => ({ ...initialHealth(id, true), state: 'unhealthy' });
const degraded = (id: ProviderId, successes = 5): ProviderHealth => ({
  ...initialHealth(id, true),
  state: 'degraded',
  consecutiveSuccesses: successes,
});
const entry = (who: AuditEntry['who'], to: ProviderId | null, generation = 1): AuditEntry => ({
  time: '2026-01-05T00:00:00.000Z',
  action: 'switch',
  from: null,
  to,
  who,
  reason: '',
  generation,
});
const health = (...hs: ProviderHealth[]): Map<ProviderId, ProviderHealth> => new Map(hs.map((h) => [h.id, h]));

describe('failover policy', () => {
  const cloudStack = parseProviderStack([
    { id: 'openai' },
    { id: 'groq' },
    { id: 'huggingface' },
    { id: 'builtin' },
  ]).stack;

  it('an automatic holder fails over to the highest healthy tier', () => {
    const h = health(healthy('openai'), unhealthy('groq'), healthy('huggingface'), healthy('builtin'));
    assert.equal(chooseFailover('groq', cloudStack, h, { pinned: false, toCloud: true }), 'openai');
  });

  it('a holder chosen by hand falls only to tiers below it, never up past the choice', () => {
    const h = health(healthy('openai'), unhealthy('groq'), healthy('huggingface'), healthy('builtin'));
    assert.equal(chooseFailover('groq', cloudStack, h, { pinned: true, toCloud: true }), 'huggingface');
    assert.equal(
      chooseFailover(
        'groq',
        cloudStack,
        health(healthy('openai'), unhealthy('groq'), unhealthy('huggingface'), healthy('builtin')),
        { pinned: true, toCloud: true },
      ),
      'builtin',
    );
  });

  it('a local holder never fails over to a cloud provider unless allowed', () => {
    const stack = parseProviderStack([
      { id: 'openai' },
      { id: 'ollama' },
      { id: 'custom', baseUrl: 'http://127.0.0.1:8000/v1' },
      { id: 'groq' },
      { id: 'builtin' },
    ]).stack;
    const h = health(healthy('openai'), unhealthy('ollama'), unhealthy('custom'), healthy('groq'), healthy('builtin'));
    assert.equal(
      chooseFailover('ollama', stack, h, { pinned: false, toCloud: false }),
      'builtin',
      'the data stays on this machine',
    );
    assert.equal(chooseFailover('ollama', stack, h, { pinned: false, toCloud: true }), 'openai');
    const h2 = health(healthy('openai'), unhealthy('ollama'), healthy('custom'), healthy('groq'), healthy('builtin'));
    assert.equal(
      chooseFailover('ollama', stack, h2, { pinned: false, toCloud: false }),
      'custom',
      'a loopback endpoint is local too',
    );
    assert.equal(chooseFailover('ollama', stack, h2, { pinned: true, toCloud: false }), 'custom');
  });

  it('failback never goes above the last provider a person chose', () => {
    const h = health(healthy('openai'), healthy('groq'), healthy('huggingface'), healthy('builtin'));
    assert.equal(chooseFailback('builtin', cloudStack, h, 'groq', 3), 'groq');
    assert.equal(chooseFailback('builtin', cloudStack, h, null, 3), 'openai');
    assert.equal(
      chooseFailback(
        'builtin',
        cloudStack,
        health(healthy('openai', 2), healthy('groq', 2), healthy('builtin')),
        null,
        3,
      ),
      undefined,
      'not yet healthy long enough',
    );
    assert.equal(
      lastPersonChoice([
        { time: '', action: 'claim' as never, from: null, to: 'groq', who: 'user', reason: '', generation: 1 },
        { time: '', action: 'failover', from: 'groq', to: 'builtin', who: 'monitor', reason: '', generation: 2 },
      ]),
      'groq',
    );
  });

  it('fails over on server errors, timeouts, network errors, rejected keys and exhausted quota, and nothing else', () => {
    assert.deepEqual([...FAILOVER_CLASSES].sort(), ['auth', 'network', 'quota', 'server', 'timeout']);
  });

  it('takes a degraded tier only when no tier is healthy, and none that is unhealthy, unknown or not configured', () => {
    const notConfigured = { ...initialHealth('openai', false) };
    const h = health(notConfigured, unhealthy('groq'), degraded('huggingface'), healthy('builtin'));
    assert.equal(chooseFailover('groq', cloudStack, h), 'builtin', 'healthy builtin before degraded huggingface');
    // builtin is added at the end of any stack; here it has no health yet
    const noBuiltin = parseProviderStack([{ id: 'openai' }, { id: 'groq' }, { id: 'huggingface' }]).stack;
    assert.equal(
      chooseFailover('groq', noBuiltin, health(notConfigured, unhealthy('groq'), degraded('huggingface'))),
      'huggingface',
    );
    assert.equal(
      chooseFailover(
        'groq',
        noBuiltin,
        health(initialHealth('openai', true), unhealthy('groq'), unhealthy('huggingface')),
      ),
      undefined,
    );
  });

  it('never fails over to a disabled tier, nor to the holder itself', () => {
    const stack = parseProviderStack([{ id: 'openai', enabled: false }, { id: 'groq' }, { id: 'builtin' }]).stack;
    const h = health(healthy('openai'), healthy('groq'), healthy('builtin'));
    assert.equal(chooseFailover('groq', stack, h), 'builtin');
  });

  it('a holder that is not in the stack any more fails over to the highest healthy tier, pinned or not', () => {
    const h = health(healthy('openai'), healthy('groq'), healthy('builtin'));
    assert.equal(chooseFailover('ollama', cloudStack, h, { pinned: true, toCloud: false }), 'openai');
  });

  it('a cloud holder may fail over to a cloud tier even when a local one may not', () => {
    const h = health(unhealthy('openai'), healthy('groq'), healthy('builtin'));
    assert.equal(chooseFailover('openai', cloudStack, h, { pinned: false, toCloud: false }), 'groq');
  });

  it('builtin as holder is local: without toCloud it has nowhere to go in a cloud stack', () => {
    const h = health(healthy('openai'), healthy('groq'), healthy('huggingface'));
    assert.equal(chooseFailover('builtin', cloudStack, h, { pinned: false, toCloud: false }), undefined);
    assert.equal(chooseFailover('builtin', cloudStack, h, { pinned: false, toCloud: true }), 'openai');
  });

  it('fails back after exactly failbackAfter healthy probes in a row, not one fewer', () => {
    assert.equal(chooseFailback('builtin', cloudStack, health(healthy('openai', 3)), null, 3), 'openai');
    assert.equal(chooseFailback('builtin', cloudStack, health(healthy('openai', 2)), null, 3), undefined);
  });

  it('fails back only to a healthy tier: degraded with many successes is not enough', () => {
    assert.equal(chooseFailback('builtin', cloudStack, health(degraded('openai', 9)), null, 3), undefined);
  });

  it('never fails back to a disabled tier', () => {
    const stack = parseProviderStack([{ id: 'openai', enabled: false }, { id: 'groq' }, { id: 'builtin' }]).stack;
    assert.equal(chooseFailback('builtin', stack, health(healthy('openai'), healthy('groq')), null, 3), 'groq');
  });

  it('fails back only to tiers above the holder', () => {
    const h = health(unhealthy('openai'), healthy('groq'), healthy('huggingface'), healthy('builtin'));
    assert.equal(chooseFailback('groq', cloudStack, h, null, 3), undefined);
    assert.equal(chooseFailback('huggingface', cloudStack, h, null, 3), 'groq');
  });

  it('with a ceiling at or below the holder, does not fail back at all', () => {
    const h = health(healthy('openai'), healthy('groq'), healthy('huggingface'));
    assert.equal(chooseFailback('groq', cloudStack, h, 'huggingface', 3), undefined);
    assert.equal(chooseFailback('groq', cloudStack, h, 'groq', 3), undefined);
  });

  it('a ceiling or holder no longer in the stack limits nothing', () => {
    const h = health(healthy('openai'), healthy('groq'));
    assert.equal(chooseFailback('builtin', cloudStack, h, 'ollama', 3), 'openai', 'a ceiling not in the stack');
    assert.equal(chooseFailback('ollama', cloudStack, h, null, 3), 'openai', 'a holder not in the stack');
    assert.equal(
      chooseFailback('ollama', cloudStack, health(unhealthy('openai'), unhealthy('groq'), healthy('builtin')), null, 3),
      'builtin',
      'every tier is above a holder that is not in the stack',
    );
  });

  it('the last person choice is the newest entry by the editor or the CLI that gave the lock to a provider', () => {
    assert.equal(lastPersonChoice([]), null);
    assert.equal(lastPersonChoice([entry('user', 'groq'), entry('cli', 'openai')]), 'openai', 'a CLI choice counts');
    assert.equal(lastPersonChoice([entry('cli', 'openai'), entry('user', 'groq')]), 'groq');
    assert.equal(
      lastPersonChoice([
        entry('user', 'groq'),
        entry('user', null),
        entry('monitor', 'builtin'),
        entry('startup', 'openai'),
      ]),
      'groq',
      'releases, the monitor and startup are not choices',
    );
    assert.equal(lastPersonChoice([entry('monitor', 'builtin'), entry('startup', 'openai')]), null);
  });

  it('by default a holder may fail over to any tier, above it or in the cloud', () => {
    const stack = parseProviderStack([{ id: 'openai' }, { id: 'ollama' }, { id: 'builtin' }]).stack;
    assert.equal(
      chooseFailover('ollama', stack, health(healthy('openai'), unhealthy('ollama'), healthy('builtin'))),
      'openai',
    );
  });
});
