import * as assert from 'node:assert/strict';
import { chooseFailback, chooseFailover, lastPersonChoice } from '../../../../src/core/health/failoverPolicy';
import { type ProviderHealth, initialHealth } from '../../../../src/core/health/providerHealth';
import { type ProviderId } from '../../../../src/core/base/providerIds';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';

const healthy = (id: ProviderId, successes = 5): ProviderHealth => ({
  ...initialHealth(id, true),
  state: 'healthy',
  consecutiveSuccesses: successes,
});
const unhealthy = (id: ProviderId): ProviderHealth => ({ ...initialHealth(id, true), state: 'unhealthy' });
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
});
