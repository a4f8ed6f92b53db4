import * as assert from 'node:assert/strict';
import { DEFAULT_PROVIDER_STACK, parseProviderStack } from '../../../../src/core/settings/providerStack';

describe('parseProviderStack (bottleneck.providers)', () => {
  it('uses the default stack, which contains builtin, when the setting is absent', () => {
    const { stack, problems } = parseProviderStack(undefined);
    assert.deepEqual(stack, DEFAULT_PROVIDER_STACK);
    assert.deepEqual(
      stack.map((e) => e.id),
      ['builtin'],
    );
    assert.deepEqual(problems, []);
  });

  it('keeps tier order and fills defaults', () => {
    const { stack, problems } = parseProviderStack([
      { id: 'groq', model: 'llama' },
      { id: 'ollama' },
      { id: 'builtin' },
    ]);
    assert.deepEqual(
      stack.map((e) => e.id),
      ['groq', 'ollama', 'builtin'],
    );
    assert.equal(stack[0]?.timeoutMs, 60_000);
    assert.equal(stack[0]?.enabled, true);
    assert.deepEqual(problems, []);
  });

  it('skips a bad entry with a problem that names it and the field, and keeps the rest', () => {
    const { stack, problems } = parseProviderStack([{ id: 'openai', timeoutMs: 5 }, { id: 'groq' }]);
    assert.deepEqual(
      stack.map((e) => e.id),
      ['groq', 'builtin'],
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /bottleneck\.providers\[0\] \(openai\) was skipped: timeoutMs/);
  });

  it('names an unknown provider id', () => {
    const { problems } = parseProviderStack([{ id: 'skynet' }]);
    assert.match(problems[0] ?? '', /\[0\] \(skynet\) was skipped: id/);
  });

  it('rejects unknown fields (typos) instead of ignoring them', () => {
    const { problems } = parseProviderStack([{ id: 'groq', modle: 'x' }]);
    assert.match(problems[0] ?? '', /modle/);
  });

  it('keeps the first tier of a duplicated id', () => {
    const { stack, problems } = parseProviderStack([
      { id: 'groq', model: 'a' },
      { id: 'groq', model: 'b' },
    ]);
    assert.equal(stack.filter((e) => e.id === 'groq').length, 1);
    assert.equal(stack[0]?.model, 'a');
    assert.match(problems[0] ?? '', /already tier 1/);
  });

  it('skips a custom provider without a base URL', () => {
    const { stack, problems } = parseProviderStack([{ id: 'custom' }]);
    assert.deepEqual(
      stack.map((e) => e.id),
      ['builtin'],
    );
    assert.match(problems[0] ?? '', /needs a baseUrl/);
  });

  it('takes several custom endpoints by name beside the unnamed one (an existing single custom entry stays as it is)', () => {
    const { stack, problems } = parseProviderStack([
      { id: 'custom', baseUrl: 'http://127.0.0.1:8080/v1', model: 'a' },
      { id: 'custom:gateway-eu', baseUrl: 'https://eu.example/v1', model: 'b' },
      { id: 'custom:gateway-us', baseUrl: 'https://us.example/v1' },
      { id: 'custom:gateway-eu', baseUrl: 'https://other.example/v1' },
      { id: 'custom:no-url' },
      { id: 'custom:Bad Name', baseUrl: 'https://x.example/v1' },
    ]);
    assert.deepEqual(
      stack.map((e) => e.id),
      ['custom', 'custom:gateway-eu', 'custom:gateway-us', 'builtin'],
    );
    assert.equal(problems.length, 3);
    assert.match(
      problems[0] ?? '',
      /\[3\] \(custom:gateway-eu\) was skipped: Custom endpoint gateway-eu is already tier 2/,
    );
    assert.match(problems[1] ?? '', /\[4\] \(custom:no-url\) was skipped: a custom provider needs a baseUrl/);
    assert.match(problems[2] ?? '', /\[5\] \(custom:Bad Name\) was skipped: id: .*custom:/);
  });

  it('rejects a base URL that is not http(s)', () => {
    const { problems } = parseProviderStack([{ id: 'custom', baseUrl: 'file:///etc/passwd' }]);
    assert.match(problems[0] ?? '', /baseUrl/);
  });

  it('appends builtin as the floor when it is missing', () => {
    assert.deepEqual(
      parseProviderStack([{ id: 'openai' }]).stack.map((e) => e.id),
      ['openai', 'builtin'],
    );
  });

  it('does not let builtin be disabled', () => {
    const { stack, problems } = parseProviderStack([{ id: 'builtin', enabled: false }]);
    assert.equal(stack[0]?.enabled, true);
    assert.match(problems[0] ?? '', /cannot be disabled/);
  });

  it('falls back to the default stack when the setting is not an array', () => {
    const { stack, problems } = parseProviderStack({ id: 'groq' });
    assert.deepEqual(stack, DEFAULT_PROVIDER_STACK);
    assert.match(problems[0] ?? '', /must be an array/);
  });
});
