import * as assert from 'node:assert/strict';
import { PROVIDER_KINDS, keyEnvOf, kindInfo, modelOf } from '../../../../src/core/providers/providerKinds';

describe('provider kinds', () => {
  it("asks for the entry's model, else the kind's default, and for none for builtin or a custom endpoint without one", () => {
    assert.equal(modelOf({ id: 'openai', model: 'gpt-4.1' }), 'gpt-4.1');
    assert.equal(modelOf({ id: 'openai' }), 'gpt-4o-mini');
    assert.equal(modelOf({ id: 'ollama' }), 'llama3.1');
    assert.equal(modelOf({ id: 'builtin', model: 'x' }), undefined);
    assert.equal(modelOf({ id: 'custom' }), undefined);
    assert.equal(modelOf({ id: 'custom:gw' }), undefined);
    assert.equal(modelOf({ id: 'custom:gw', model: 'qwen' }), 'qwen');
  });

  it('knows a named custom endpoint as a custom one', () => {
    assert.equal(kindInfo('custom:gateway-eu'), PROVIDER_KINDS.custom);
    assert.equal(kindInfo('groq'), PROVIDER_KINDS.groq);
    assert.equal(kindInfo('groq').baseUrl, 'https://api.groq.com/openai/v1');
  });

  it("reads each kind's key from its own variable, Ollama from none", () => {
    assert.deepEqual((['openai', 'groq', 'cloudflare', 'huggingface', 'ollama', 'custom'] as const).map(keyEnvOf), [
      'OPENAI_API_KEY',
      'GROQ_API_KEY',
      'CLOUDFLARE_API_TOKEN',
      'HF_TOKEN',
      null,
      'BOTTLENECK_CUSTOM_API_KEY',
    ]);
  });

  it('gives each named custom endpoint a variable of its own, its name upper-cased and every other character an underscore', () => {
    assert.equal(keyEnvOf('custom:gateway-eu'), 'BOTTLENECK_CUSTOM_GATEWAY_EU_API_KEY');
    assert.equal(keyEnvOf('custom:a.b_c9'), 'BOTTLENECK_CUSTOM_A_B_C9_API_KEY');
  });
});
