import * as assert from 'node:assert/strict';
import { withProviderEntry } from '../../../../src/core/settings/addProvider';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';

describe('withProviderEntry (Add provider… writes the user settings)', () => {
  it('without a user value, the stack becomes the new provider above the built-in floor', () => {
    const next = withProviderEntry(undefined, { id: 'groq', model: 'llama-3.3-70b-versatile' });
    assert.deepEqual(next, [{ id: 'groq', model: 'llama-3.3-70b-versatile' }, { id: 'builtin' }]);
    assert.deepEqual(parseProviderStack(next).problems, []);
  });

  it('puts a new provider just above builtin, below the tiers the person put first', () => {
    const next = withProviderEntry([{ id: 'openai', model: 'gpt-4o' }, { id: 'builtin' }], {
      id: 'ollama',
      model: 'llama3.1',
    });
    assert.deepEqual(
      next.map((e) => (e as { id: string }).id),
      ['openai', 'ollama', 'builtin'],
    );
  });

  it('appends when the user stack has no builtin entry', () => {
    const next = withProviderEntry([{ id: 'openai' }], { id: 'groq', model: 'm' });
    assert.deepEqual(next, [{ id: 'openai' }, { id: 'groq', model: 'm' }]);
  });

  it('updates an entry of the same kind in place, keeping its other fields and enabling it', () => {
    const next = withProviderEntry(
      [{ id: 'custom', baseUrl: 'http://old/v1', model: 'a', timeoutMs: 5000, enabled: false }, { id: 'builtin' }],
      { id: 'custom', model: 'b', baseUrl: 'http://new/v1' },
    );
    assert.deepEqual(next, [
      { id: 'custom', baseUrl: 'http://new/v1', model: 'b', timeoutMs: 5000 },
      { id: 'builtin' },
    ]);
  });

  it('keeps entries it does not understand as they are, and never changes the value it was given', () => {
    const user = [{ id: 'future-kind', x: 1 }, 'junk', { id: 'builtin' }];
    const next = withProviderEntry(user, { id: 'cloudflare', model: 'm', accountId: 'abc' });
    assert.deepEqual(next, [
      { id: 'future-kind', x: 1 },
      'junk',
      { id: 'cloudflare', model: 'm', accountId: 'abc' },
      { id: 'builtin' },
    ]);
    assert.equal(user.length, 3);
  });

  it('treats a user value that is not an array as none', () => {
    assert.deepEqual(withProviderEntry({ id: 'groq' }, { id: 'groq', model: 'm' }), [
      { id: 'groq', model: 'm' },
      { id: 'builtin' },
    ]);
  });
});

describe('withProviderEntry: a user value with entries of every shape', () => {
  it('passes over entries that are no objects when it looks for the same kind or the floor', () => {
    const next = withProviderEntry([null, 'groq', 7, { id: 'builtin' }], { id: 'groq', model: 'm' });
    assert.deepEqual(next, [null, 'groq', 7, { id: 'groq', model: 'm' }, { id: 'builtin' }]);
  });

  it('puts a new provider first when builtin is the first tier', () => {
    assert.deepEqual(withProviderEntry([{ id: 'builtin' }, { id: 'ollama' }], { id: 'groq', model: 'm' }), [
      { id: 'groq', model: 'm' },
      { id: 'builtin' },
      { id: 'ollama' },
    ]);
  });
});
