import * as assert from 'node:assert/strict';
import {
  boundOrigins,
  defaultOrigins,
  endpointOf,
  originGuardedFetch,
  refusal,
  whereDataGoes,
} from '../../../../src/core/providers/keyGrant';

describe('key origins: where a key may go', () => {
  it("sends each kind's key to its API's origin, and Hugging Face's to its probe host too", () => {
    assert.deepEqual(defaultOrigins('builtin'), []);
    assert.deepEqual(defaultOrigins('openai'), ['https://api.openai.com']);
    assert.deepEqual(defaultOrigins('cloudflare'), ['https://api.cloudflare.com']);
    assert.deepEqual(defaultOrigins('ollama'), ['http://localhost:11434']);
    assert.deepEqual(defaultOrigins('huggingface'), ['https://router.huggingface.co', 'https://huggingface.co']);
    assert.deepEqual(defaultOrigins('custom:gw'), []);
  });

  it('binds a key stored for the default endpoint to all its defaults, and adds the approved origins once', () => {
    assert.deepEqual(boundOrigins('huggingface', { key: 'k', origin: 'https://huggingface.co' }), [
      'https://router.huggingface.co',
      'https://huggingface.co',
    ]);
    assert.deepEqual(
      boundOrigins('openai', { key: 'k', origin: 'https://gw.example' }, ['https://gw.example', 'http://127.0.0.1:9']),
      ['https://gw.example', 'http://127.0.0.1:9'],
    );
    assert.deepEqual(boundOrigins('openai', { key: 'k', origin: undefined }, ['http://127.0.0.1:9']), [
      'https://api.openai.com',
      'http://127.0.0.1:9',
    ]);
  });

  it("gives an entry's endpoint without a trailing slash, with the account id filled in, or none", () => {
    assert.equal(endpointOf({ id: 'builtin' }), undefined);
    assert.equal(endpointOf({ id: 'custom' }), undefined);
    assert.equal(endpointOf({ id: 'custom', baseUrl: 'http://127.0.0.1:9/v1//' }), 'http://127.0.0.1:9/v1');
    assert.equal(endpointOf({ id: 'cloudflare' }), undefined);
    assert.equal(
      endpointOf({ id: 'cloudflare', accountId: 'a b/c' }),
      'https://api.cloudflare.com/client/v4/accounts/a%20b%2Fc/ai/v1',
    );
    assert.equal(endpointOf({ id: 'groq' }), 'https://api.groq.com/openai/v1');
  });

  it('says where data goes for an entry without an endpoint, and for Cloudflare before its account is set', () => {
    assert.equal(whereDataGoes({ id: 'custom' }), 'no endpoint set');
    assert.equal(whereDataGoes({ id: 'cloudflare' }), 'sent to api.cloudflare.com');
    assert.equal(whereDataGoes({ id: 'custom', baseUrl: 'http://127.0.0.1:8080/v1' }), 'this machine (127.0.0.1:8080)');
  });

  it('says a refusal for a key bound nowhere, or an endpoint with no origin', () => {
    assert.equal(
      refusal({ key: 'k', origins: [] }, 'https://gw.example', 'Groq'),
      'its key is bound to no endpoint, and gw.example is not approved for the Groq key',
    );
    assert.equal(
      refusal({ key: 'k', origins: ['https://api.groq.com'] }, undefined, 'Groq'),
      'its key is bound to api.groq.com, and this endpoint is not approved for the Groq key',
    );
  });
});

describe('originGuardedFetch: the last check before a key leaves', () => {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const inner: typeof fetch = (input, init) => {
    calls.push({ url: String(input instanceof Request ? input.url : input), init });
    return Promise.resolve(new Response('ok'));
  };
  const guarded = originGuardedFetch(['http://127.0.0.1:9'], inner, (origin) => new Error(`refused ${origin}`));
  beforeEach(() => (calls.length = 0));

  it('sends a string, URL or Request to an allowed origin, never following a redirect, with the rest of the init', async () => {
    await guarded('http://127.0.0.1:9/v1/models', { method: 'GET', headers: { a: '1' } });
    await guarded(new URL('http://127.0.0.1:9/v1/x'));
    await guarded(new Request('http://127.0.0.1:9/v1/y'));
    assert.deepEqual(
      calls.map((c) => c.url),
      ['http://127.0.0.1:9/v1/models', 'http://127.0.0.1:9/v1/x', 'http://127.0.0.1:9/v1/y'],
    );
    assert.deepEqual(calls[0]?.init, { method: 'GET', headers: { a: '1' }, redirect: 'error' });
    assert.equal(calls[1]?.init?.redirect, 'error');
  });

  it('refuses any other origin, naming it, or the URL when it has no origin', async () => {
    await assert.rejects(guarded('http://127.0.0.1:10/v1'), /^Error: refused http:\/\/127\.0\.0\.1:10$/);
    await assert.rejects(guarded(new Request('https://127.0.0.1:9/v1')), /refused https:\/\/127\.0\.0\.1:9/);
    await assert.rejects(guarded('file:///etc/passwd'), /refused file:\/\/\/etc\/passwd/);
    assert.equal(calls.length, 0);
  });
});
