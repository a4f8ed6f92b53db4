import * as assert from 'node:assert/strict';
import {
  customName,
  isProviderId,
  kindOf,
  providerIdSchema,
  providerLabel,
  requiresKey,
  takesKey,
} from '../../../../src/core/base/providerIds';

describe('provider ids', () => {
  it("takes every kind's own id, and custom endpoints by name", () => {
    for (const id of ['builtin', 'openai', 'custom', 'custom:gateway-eu', 'custom:a', 'custom:eu.2_b-c'])
      assert.equal(isProviderId(id), true, id);
  });

  it('refuses other names: empty, upper case, spaces, slashes, too long, prototype keys, another kind with a name', () => {
    for (const id of [
      'custom:',
      'custom:Gateway',
      'custom:a b',
      'custom:a/b',
      'custom:-a',
      `custom:${'a'.repeat(41)}`,
      'openai:eu',
      'toString',
      '__proto__',
      'Custom',
      42,
      undefined,
    ])
      assert.equal(isProviderId(id), false, String(id));
    assert.equal(isProviderId(`custom:${'a'.repeat(40)}`), true);
  });

  it('the schema agrees with isProviderId and says what a named endpoint must be', () => {
    for (const id of ['groq', 'custom:gateway-eu', 'custom:Bad', 'skynet', 'custom:'])
      assert.equal(providerIdSchema.safeParse(id).success, isProviderId(id), id);
    const bad = providerIdSchema.safeParse('custom:Bad');
    assert.ok(!bad.success && bad.error.issues.some((i) => /custom:/.test(i.message)), JSON.stringify(bad));
  });

  it('a named endpoint is a custom one: its kind, its label with its name, a key it may go without', () => {
    assert.equal(kindOf('custom:gateway-eu'), 'custom');
    assert.equal(kindOf('groq'), 'groq');
    assert.equal(customName('custom:gateway-eu'), 'gateway-eu');
    assert.equal(customName('custom'), undefined);
    assert.equal(providerLabel('custom:gateway-eu'), 'Custom endpoint gateway-eu');
    assert.equal(providerLabel('custom'), 'Custom endpoint');
    assert.deepEqual(
      [requiresKey('custom:gateway-eu'), takesKey('custom:gateway-eu'), requiresKey('groq'), takesKey('ollama')],
      [false, true, true, false],
    );
  });
});
