import * as assert from 'node:assert/strict';
import { keyedProbes } from '../../../../src/core/health/keyedProbes';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';
import { type ProviderEntry } from '../../../../src/core/settings/providerStack';
import { type KeyGrant } from '../../../../src/core/providers/keyGrant';

const entries = parseProviderStack([{ id: 'openai' }, { id: 'ollama' }, { id: 'builtin' }]).stack;
const entry = (id: string): ProviderEntry => {
  const e = entries.find((x) => x.id === id);
  assert.ok(e);
  return e;
};

describe('keyedProbes: which providers the monitor may probe', () => {
  it('builtin is always configured and answers without a key being looked up', async () => {
    const looked: string[] = [];
    const probes = keyedProbes(async (e) => {
      looked.push(e.id);
      return undefined;
    });
    assert.equal(await probes.isConfigured(entry('builtin')), true);
    assert.deepEqual(await probes.probe(entry('builtin'), new AbortController().signal), { ok: true, latencyMs: 0 });
    assert.deepEqual(looked, []);
    await assert.rejects(
      probes.probe(entry('openai'), new AbortController().signal),
      'any other provider is probed through its client, which needs its key',
    );
  });

  it('a provider that needs a key and has none is not configured, and says so', async () => {
    assert.equal(await keyedProbes(async () => undefined).isConfigured(entry('openai')), 'no API key is set');
  });

  it('a provider that needs no key is configured without one', async () => {
    assert.equal(await keyedProbes(async () => undefined).isConfigured(entry('ollama')), true);
  });

  it('a key is usable only for an endpoint it is bound to', async () => {
    const bound = (origins: string[]): KeyGrant => ({ key: 'sk-test', origins });
    assert.equal(await keyedProbes(async () => bound(['https://api.openai.com'])).isConfigured(entry('openai')), true);
    assert.match(
      String(await keyedProbes(async () => bound(['https://example.test'])).isConfigured(entry('openai'))),
      /is not approved for the OpenAI key/,
    );
  });
});
