import * as assert from 'node:assert/strict';
import { initialHealth, type ProviderHealth } from '../../../src/core/health/providerHealth';
import { parseProviderStack } from '../../../src/core/settings/providerStack';
import { PROVIDER_KIND_IDS, type ProviderId } from '../../../src/core/base/providerIds';
import { providerRows } from '../../../src/vscode/providerPickView';

describe('providerRows (Switch Provider lists every provider kind with its state)', () => {
  const stack = parseProviderStack([
    { id: 'groq', model: 'llama-3.3-70b-versatile' },
    { id: 'ollama', model: 'llama3.1' },
    { id: 'openai', enabled: false },
  ]).stack;
  const none = (): ProviderHealth | undefined => undefined;

  it('lists the stack in tier order, then every other kind, each once', () => {
    const rows = providerRows('builtin', stack, () => false, none);
    assert.deepEqual(
      rows.map((r) => r.id),
      ['groq', 'ollama', 'openai', 'builtin', 'cloudflare', 'huggingface', 'custom'],
    );
    assert.equal(new Set(rows.map((r) => r.id)).size, PROVIDER_KIND_IDS.length);
    assert.deepEqual(
      rows.map((r) => r.inStack),
      [true, true, true, true, false, false, false],
    );
  });

  it('lists each named custom endpoint as a tier of its own, and still offers to add the unnamed one', () => {
    const customs = parseProviderStack([
      { id: 'custom:gateway-eu', baseUrl: 'https://eu.example/v1', model: 'm' },
      { id: 'custom:gateway-us', baseUrl: 'https://us.example/v1' },
    ]).stack;
    const rows = providerRows('custom:gateway-us', customs, (id) => id === 'custom:gateway-eu', none);
    assert.deepEqual(
      rows.filter((r) => r.inStack).map((r) => [r.id, r.label, r.description, r.choice]),
      [
        ['custom:gateway-eu', '$(circle-large-outline) Custom endpoint gateway-eu', 'm · tier 1 · key set', 'claim'],
        ['custom:gateway-us', '$(lock) Custom endpoint gateway-us', 'tier 2 · holds the lock · no key', 'claim'],
        ['builtin', '$(circle-large-outline) Built-in', 'tier 3 · always available', 'claim'],
      ],
    );
    assert.ok(rows.some((r) => r.id === 'custom' && r.choice === 'add'));
  });

  it('says the tier, the key state and who holds the lock', () => {
    const rows = providerRows('builtin', stack, (id) => id === 'groq', none);
    const [groq, ollama, , builtin] = rows;
    assert.equal(groq?.description, 'llama-3.3-70b-versatile · tier 1 · key set');
    assert.equal(ollama?.description, 'llama3.1 · tier 2 · no key needed');
    assert.equal(builtin?.label, '$(lock) Built-in');
    assert.equal(builtin?.description, 'tier 4 · holds the lock · always available');
    assert.equal(groq?.label, '$(circle-large-outline) Groq');
  });

  it('a provider without a key asks for one when chosen; with a key it takes the lock', () => {
    const without = providerRows('builtin', stack, () => false, none)[0];
    assert.equal(without?.choice, 'askKey');
    assert.match(without?.description ?? '', /· no key$/);
    assert.match(without?.detail ?? '', /^Sent to api\.groq\.com · Choosing it asks for its API key$/);
    assert.equal(providerRows('builtin', stack, () => true, none)[0]?.choice, 'claim');
    assert.equal(providerRows('builtin', stack, () => false, none)[1]?.choice, 'claim', 'Ollama needs no key');
  });

  it('shows health that stops or slows a forecast: unhealthy with its last error, degraded, not configured', () => {
    const health = (id: ProviderId): ProviderHealth | undefined =>
      id === 'groq'
        ? {
            ...initialHealth('groq', true),
            state: 'unhealthy',
            lastError: { failure: 'auth', message: 'x', status: 401, at: 0 },
          }
        : id === 'ollama'
          ? { ...initialHealth('ollama', true), state: 'degraded', lastError: null }
          : undefined;
    const rows = providerRows('builtin', stack, () => true, health);
    assert.match(rows[0]?.description ?? '', /key set · unhealthy: auth 401$/);
    assert.match(rows[1]?.description ?? '', /no key needed · degraded$/);
  });

  it('a disabled tier says so and is not chosen; a kind not in the stack is added when chosen', () => {
    const rows = providerRows('builtin', stack, () => false, none);
    const openai = rows.find((r) => r.id === 'openai');
    assert.equal(openai?.choice, 'disabled');
    assert.match(openai?.description ?? '', /tier 3 · disabled in settings/);
    const hf = rows.find((r) => r.id === 'huggingface');
    assert.equal(hf?.choice, 'add');
    assert.equal(hf?.label, '$(add) Hugging Face');
    assert.equal(hf?.description, 'not in your stack · no key');
    assert.match(hf?.detail ?? '', /Choosing it adds it to your provider stack$/);
  });
  it('a provider whose monthly token budget is spent says so and is not chosen, key or none; disabled comes first', () => {
    const spent = (id: ProviderId): boolean => id === 'groq' || id === 'openai';
    for (const keySet of [true, false]) {
      const rows = providerRows('builtin', stack, () => keySet, none, undefined, spent);
      const groq = rows.find((r) => r.id === 'groq');
      assert.equal(groq?.choice, 'budgetSpent');
      assert.equal(
        groq?.description,
        `llama-3.3-70b-versatile · tier 1 · monthly token budget spent · ${keySet ? 'key set' : 'no key'}`,
      );
      assert.equal(
        groq?.detail,
        'Sent to api.groq.com · It can be chosen again next month (UTC) or with a larger bottleneck.budget.monthlyTokens',
      );
      assert.equal(rows.find((r) => r.id === 'openai')?.choice, 'disabled');
      assert.equal(rows.find((r) => r.id === 'ollama')?.choice, 'claim', 'the others as before');
    }
    // without a budget check nothing is spent
    assert.equal(providerRows('builtin', stack, () => true, none)[0]?.choice, 'claim');
  });
});
