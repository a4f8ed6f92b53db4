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

describe('parseProviderStack: each field of an entry, on both sides of its rule', () => {
  const one = (entry: Record<string, unknown>) => parseProviderStack([entry]);

  it('trims a model and an account id, and refuses blank ones', () => {
    assert.deepEqual(one({ id: 'cloudflare', model: ' @cf/llama ', accountId: ' acc ' }).stack[0], {
      id: 'cloudflare',
      model: '@cf/llama',
      accountId: 'acc',
      timeoutMs: 60_000,
      enabled: true,
    });
    assert.match(
      one({ id: 'groq', model: '   ' }).problems[0] ?? '',
      /^bottleneck\.providers\[0\] \(groq\) was skipped: .*model/,
    );
    assert.match(one({ id: 'cloudflare', accountId: ' ' }).problems[0] ?? '', /was skipped: .*accountId/);
  });

  it('takes a timeout from 1 s to 10 min', () => {
    assert.equal(one({ id: 'groq', timeoutMs: 1000 }).stack[0]?.timeoutMs, 1000);
    assert.equal(one({ id: 'groq', timeoutMs: 600_000 }).stack[0]?.timeoutMs, 600_000);
    assert.match(one({ id: 'groq', timeoutMs: 999 }).problems[0] ?? '', /was skipped: .*timeoutMs/);
    assert.match(one({ id: 'groq', timeoutMs: 600_001 }).problems[0] ?? '', /was skipped: .*timeoutMs/);
  });

  it('takes each of the three response formats, and no other', () => {
    for (const responseFormat of ['json_schema', 'json_object', 'prompt'])
      assert.equal(one({ id: 'groq', responseFormat }).stack[0]?.responseFormat, responseFormat);
    assert.match(one({ id: 'groq', responseFormat: 'xml' }).problems[0] ?? '', /was skipped: .*responseFormat/);
  });

  it('takes an http or https base URL only when the scheme is exactly that', () => {
    assert.equal(
      one({ id: 'custom', baseUrl: 'http://127.0.0.1:8080/v1' }).stack[0]?.baseUrl,
      'http://127.0.0.1:8080/v1',
    );
    for (const baseUrl of ['git+https://gw.example/v1', 'https+x://gw.example/v1'])
      assert.match(one({ id: 'custom', baseUrl }).problems[0] ?? '', /was skipped: .*baseUrl/, baseUrl);
  });

  it('lets any tier but builtin be disabled, without a problem', () => {
    const { stack, problems } = parseProviderStack([{ id: 'groq', enabled: false }]);
    assert.deepEqual(
      stack.map((e) => [e.id, e.enabled]),
      [
        ['groq', false],
        ['builtin', true],
      ],
    );
    assert.deepEqual(problems, []);
    assert.equal(DEFAULT_PROVIDER_STACK[0]?.enabled, true);
  });

  it('names an entry without an id by its place alone', () => {
    assert.deepEqual(
      parseProviderStack([null, 'groq', { model: 'x' }]).problems.map((p) => p.split(' was skipped')[0]),
      ['bottleneck.providers[0]', 'bottleneck.providers[1]', 'bottleneck.providers[2]'],
    );
  });

  it('reads null as not set', () => {
    assert.deepEqual(parseProviderStack(null), { stack: DEFAULT_PROVIDER_STACK, problems: [] });
  });
});
