import * as assert from 'node:assert/strict';
import { connectProvider } from '../../../../src/core/providers/connectProvider';
import { ProviderError } from '../../../../src/core/providers/providerError';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';

describe('connectProvider', () => {
  it('makes no client for the built-in forecaster, and asks no key for it', async () => {
    let asked = 0;
    const err = await connectProvider({ id: 'builtin', timeoutMs: 1000, enabled: true }, () => {
      asked++;
      return Promise.resolve(undefined);
    }).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError, String(err));
    assert.deepEqual(
      [err.provider, err.failure, err.message],
      ['builtin', 'not-configured', 'Built-in is not configured: the built-in forecaster has no client.'],
    );
    assert.equal(asked, 0);
  });

  it("makes the entry's client with the key it is given and the transport's fetch", async () => {
    const [entry] = parseProviderStack([{ id: 'custom', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }]).stack;
    const fetched: string[] = [];
    const client = await connectProvider(
      entry ?? { id: 'builtin', timeoutMs: 1, enabled: true },
      (e) => Promise.resolve(e.id === 'custom' ? { key: 'k3y-abcd', origins: ['http://127.0.0.1:9'] } : undefined),
      {
        fetch: (input) => {
          fetched.push(String(input));
          return Promise.resolve(
            new Response('{"data":[{"id":"m"}]}', { headers: { 'content-type': 'application/json' } }),
          );
        },
      },
    );
    assert.deepEqual([client.provider, client.model, client.baseUrl], ['custom', 'm', 'http://127.0.0.1:9/v1']);
    assert.deepEqual(client.secrets, ['k3y-abcd']);
    assert.deepEqual((await client.listModels()).models, ['m']);
    assert.deepEqual(fetched, ['http://127.0.0.1:9/v1/models']);
  });

  it("retries with the transport's sleep", async () => {
    const [entry] = parseProviderStack([{ id: 'custom', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }]).stack;
    const waits: number[] = [];
    let calls = 0;
    const client = await connectProvider(
      entry ?? { id: 'builtin', timeoutMs: 1, enabled: true },
      () => Promise.resolve(undefined),
      {
        fetch: () => {
          calls++;
          return Promise.resolve(new Response('{"error":{"message":"busy"}}', { status: 503 }));
        },
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      },
    );
    await assert.rejects(client.complete({ system: 's', user: 'u', schema: {} }), /had a server error \(HTTP 503\)/);
    assert.equal(calls, 3);
    assert.deepEqual(waits, [500, 1000]);
  });
});
