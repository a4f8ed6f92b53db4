import * as assert from 'node:assert/strict';
import { ProviderClient, resolveBaseUrl } from '../../../../src/core/providers/providerClient';
import { type KeyGrant } from '../../../../src/core/providers/keyGrant';
import { type FailureClass, ProviderError } from '../../../../src/core/providers/providerError';
import { HttpStatusError } from '../../../../src/core/providers/providerHttp';
import { type ProviderEntry, parseProviderStack } from '../../../../src/core/settings/providerStack';

type LlmEntry = ProviderEntry & { id: Exclude<ProviderEntry['id'], 'builtin'> };

/**
 * What the client sends and how it reads each answer, through a fetch that records the
 * request and answers as told (the local OpenAI-compatible server is in providerClient.test.ts).
 */
describe('ProviderClient, request by request', () => {
  const BASE = 'http://127.0.0.1:9/v1';
  const entryOf = (fields: Record<string, unknown>): LlmEntry =>
    parseProviderStack([{ ...fields }]).stack[0] as LlmEntry;
  const custom = (fields: Record<string, unknown> = {}) =>
    entryOf({ id: 'custom', baseUrl: BASE, model: 'm', ...fields });
  let sent: { url: string; init: RequestInit | undefined; body: Record<string, unknown> | undefined }[] = [];
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  const completion = (content: unknown, extra: Record<string, unknown> = {}) =>
    json({
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      ...extra,
    });
  /** A fetch that answers each request with the next response (the last one again when they run out). */
  const answering =
    (...responses: (Response | Error | (() => Response))[]): typeof fetch =>
    (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      sent.push({
        url,
        init,
        body: init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined,
      });
      const next = responses.length > 1 ? responses.shift() : responses[0];
      if (next instanceof Error) return Promise.reject(next);
      return Promise.resolve(typeof next === 'function' ? next() : (next as Response).clone());
    };
  const waits: number[] = [];
  const sleep = (ms: number) => {
    waits.push(ms);
    return Promise.resolve();
  };
  const client = (f: typeof globalThis.fetch, entry: LlmEntry = custom(), grant?: KeyGrant, extra = {}) =>
    new ProviderClient({ entry, grant, fetch: f, sleep, ...extra });
  const request = { system: 'sys', user: 'usr', schema: { type: 'object' } };
  const failure = async (p: Promise<unknown>): Promise<ProviderError> => {
    const err = await p.catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError, String(err));
    return err;
  };
  beforeEach(() => {
    sent = [];
    waits.length = 0;
  });

  describe('making a client', () => {
    it('says what an entry without an endpoint is missing', () => {
      assert.throws(
        () => resolveBaseUrl(entryOf({ id: 'cloudflare' })),
        (e: unknown) =>
          e instanceof ProviderError &&
          e.message === 'Cloudflare Workers AI is not configured: an accountId setting is needed.',
      );
      const noUrl = { id: 'custom', timeoutMs: 1000, enabled: true } as LlmEntry;
      assert.throws(
        () => resolveBaseUrl(noUrl),
        (e: unknown) =>
          e instanceof ProviderError && e.message === 'Custom endpoint is not configured: no baseUrl is set.',
      );
      assert.equal(resolveBaseUrl(entryOf({ id: 'openai' })), 'https://api.openai.com/v1');
    });

    it("needs a key for a kind that requires one, and a key bound to the endpoint's origin", () => {
      assert.throws(
        () => new ProviderClient({ entry: entryOf({ id: 'groq' }), grant: undefined }),
        (e: unknown) => e instanceof ProviderError && e.message === 'Groq is not configured: no API key is set.',
      );
      assert.throws(
        () =>
          new ProviderClient({ entry: entryOf({ id: 'groq' }), grant: { key: '', origins: ['https://api.groq.com'] } }),
        /no API key is set/,
      );
      assert.throws(
        () => new ProviderClient({ entry: custom(), grant: { key: 'k', origins: ['https://other.example'] } }),
        (e: unknown) =>
          e instanceof ProviderError &&
          e.failure === 'not-configured' &&
          /its key is bound to other\.example, and 127\.0\.0\.1:9 is not approved for the Custom endpoint key/.test(
            e.message,
          ),
      );
      const open = new ProviderClient({ entry: custom(), grant: undefined });
      assert.deepEqual(open.secrets, []);
      assert.deepEqual(
        new ProviderClient({ entry: custom(), grant: { key: 'k', origins: ['http://127.0.0.1:9'] } }).secrets,
        ['k'],
      );
    });

    it("asks for the entry's model, else the kind's default, in the entry's output mode, else the kind's", () => {
      const groq = { key: 'gsk', origins: ['https://api.groq.com'] };
      assert.equal(
        new ProviderClient({ entry: entryOf({ id: 'groq' }), grant: groq }).model,
        'llama-3.3-70b-versatile',
      );
      assert.equal(new ProviderClient({ entry: entryOf({ id: 'groq' }), grant: groq }).outputMode, 'json_object');
      assert.equal(
        new ProviderClient({ entry: entryOf({ id: 'groq', responseFormat: 'prompt' }), grant: groq }).outputMode,
        'prompt',
      );
      assert.equal(new ProviderClient({ entry: custom({ model: undefined }), grant: undefined }).model, 'default');
    });
  });

  describe('complete', () => {
    it('sends the model, temperature 0, the two messages and the output mode, and gives the text, mode and tokens', async () => {
      const c = client(answering(completion('{"ok":1}', { usage: { prompt_tokens: 3, completion_tokens: 4 } })));
      assert.deepEqual(await c.complete(request), {
        text: '{"ok":1}',
        mode: 'prompt',
        usage: { promptTokens: 3, completionTokens: 4 },
      });
      assert.equal(sent[0]?.url, `${BASE}/chat/completions`);
      assert.deepEqual(sent[0]?.body, {
        model: 'm',
        temperature: 0,
        messages: [
          { role: 'system', content: 'sys' },
          { role: 'user', content: 'usr' },
        ],
      });
    });

    it('asks for a JSON schema or a JSON object in those modes', async () => {
      await client(answering(completion('x')), custom({ responseFormat: 'json_schema' })).complete(request);
      await client(answering(completion('x')), custom({ responseFormat: 'json_object' })).complete(request);
      assert.deepEqual(sent[0]?.body?.['response_format'], {
        type: 'json_schema',
        json_schema: { name: 'forecast', strict: true, schema: { type: 'object' } },
      });
      assert.deepEqual(sent[1]?.body?.['response_format'], { type: 'json_object' });
    });

    it('steps down one mode at a time when a 400 rejects the response format, and not for another 400', async () => {
      const rejects = json(
        { error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported" } },
        400,
      );
      const c = client(answering(rejects, rejects, completion('x')), custom({ responseFormat: 'json_schema' }));
      assert.equal((await c.complete(request)).mode, 'prompt');
      assert.deepEqual(
        sent.map((s) => (s.body?.['response_format'] as { type?: string } | undefined)?.type),
        ['json_schema', 'json_object', undefined],
      );
      assert.deepEqual(waits, [], 'a step down is not a retry');
      sent = [];
      const other = await failure(
        client(
          answering(json({ error: { message: 'messages too long' } }, 400)),
          custom({ responseFormat: 'json_object' }),
        ).complete(request),
      );
      assert.deepEqual([other.failure, other.status, sent.length], ['server', 400, 1]);
      sent = [];
      const inPrompt = await failure(client(answering(rejects)).complete(request));
      assert.deepEqual([inPrompt.failure, sent.length], ['server', 1], 'the prompt mode has nowhere lower to go');
    });

    it('calls an empty answer, a blank one and one without choices bad output', async () => {
      for (const [answer, detail] of [
        [completion(''), 'the answer was empty'],
        [completion('  \n '), 'the answer was empty'],
        [completion(null), 'the answer was empty'],
        [
          json({ id: 'c', object: 'chat.completion', created: 0, model: 'm', choices: [] }),
          'the answer had no choices',
        ],
      ] as const) {
        const err = await failure(client(answering(answer)).complete(request));
        assert.deepEqual([err.failure, err.detail], ['bad-output', detail]);
      }
    });

    it('retries a server error twice, waiting 500 ms then 1 s, and then gives up', async () => {
      const err = await failure(client(answering(json({ error: { message: 'down' } }, 502))).complete(request));
      assert.deepEqual([err.failure, err.status, sent.length], ['server', 502, 3]);
      assert.deepEqual(waits, [500, 1000]);
    });

    it('retries as often as it is told', async () => {
      await failure(client(answering(json({}, 500)), custom(), undefined, { maxRetries: 0 }).complete(request));
      assert.equal(sent.length, 1);
      sent = [];
      await failure(client(answering(json({}, 500)), custom(), undefined, { maxRetries: 3 }).complete(request));
      assert.equal(sent.length, 4);
      assert.deepEqual(waits, [500, 1000, 2000]);
    });

    it('waits what a rate limit asks, up to 20 s, else 1 s then 2 s; a longer wait fails at once', async () => {
      const limited = (after?: string) =>
        json({ error: { message: 'slow down' } }, 429, after === undefined ? {} : { 'retry-after': after });
      assert.equal((await client(answering(limited('20'), completion('x'))).complete(request)).text, 'x');
      assert.deepEqual(waits, [20_000]);
      waits.length = 0;
      await failure(client(answering(limited())).complete(request));
      assert.deepEqual(waits, [1000, 2000]);
      waits.length = 0;
      sent = [];
      const long = await failure(client(answering(limited('21'))).complete(request));
      assert.deepEqual([long.failure, long.retryAfterMs, sent.length, waits.length], ['rate-limited', 21_000, 1, 0]);
      const capped = await failure(
        client(answering(limited('3')), custom(), undefined, { retryAfterCapMs: 2000 }).complete(request),
      );
      assert.equal(capped.failure, 'rate-limited');
    });

    it('does not retry a client error other than a rate limit', async () => {
      const err = await failure(
        client(answering(json({ error: { message: 'unprocessable' } }, 422))).complete(request),
      );
      assert.deepEqual([err.failure, err.status, sent.length], ['server', 422, 1]);
    });

    it('is cancelled when its wait between retries is', async () => {
      const err = await failure(
        new ProviderClient({
          entry: custom(),
          grant: undefined,
          fetch: answering(json({}, 503)),
          sleep: () => Promise.reject(new Error('aborted')),
        }).complete(request),
      );
      assert.deepEqual([err.failure, err.message], ['cancelled', 'Custom endpoint request was cancelled.']);
    });
  });

  describe('probe', () => {
    it('asks GET /models with the key, and reads the rate-limit headers when both are numbers', async () => {
      const grant = { key: 'k3y1', origins: ['http://127.0.0.1:9'] };
      const ok = json({ data: [{ id: 'm' }] }, 200, {
        'x-ratelimit-remaining-requests': '7',
        'x-ratelimit-limit-requests': '10',
      });
      const result = await client(answering(ok), custom(), grant).probe();
      assert.equal(result.ok, true);
      assert.deepEqual(result.rateLimit, { remaining: 7, limit: 10 });
      assert.equal(result.modelNotServed, undefined);
      assert.equal(sent[0]?.url, `${BASE}/models`);
      assert.equal(new Headers(sent[0]?.init?.headers).get('authorization'), 'Bearer k3y1');
      const bad = json({ data: [{ id: 'm' }] }, 200, {
        'x-ratelimit-remaining-requests': 'x',
        'x-ratelimit-limit-requests': '10',
      });
      assert.equal('rateLimit' in (await client(answering(bad)).probe()), false);
      assert.equal('rateLimit' in (await client(answering(json({ data: [] })), custom()).probe()), false);
      assert.equal(new Headers(sent.at(-1)?.init?.headers).get('authorization'), null, 'no key, no header');
    });

    it("says when /models does not list the entry's model, and checks none for a custom endpoint without one", async () => {
      const listing = json({ data: [{ id: 'a' }, { id: 'b' }] });
      assert.deepEqual((await client(answering(listing)).probe()).modelNotServed, { model: 'm', listed: 2 });
      assert.equal('modelNotServed' in (await client(answering(listing), custom({ model: undefined })).probe()), false);
    });

    it('calls a 2xx that is not JSON bad output, naming what it was', async () => {
      const html = new Response('<html/>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
      let result = await client(answering(html)).probe();
      assert.equal(result.ok, false);
      assert.equal(
        result.failure?.message,
        'Custom endpoint returned output that is not a usable forecast: the endpoint answered with text/html, not JSON: is the baseUrl an OpenAI-compatible API?.',
      );
      const bare = new Response(new Blob(['x']).stream(), { status: 200 });
      bare.headers.delete('content-type');
      result = await client(answering(bare)).probe();
      assert.match(result.failure?.message ?? '', /answered with no content type, not JSON/);
    });

    it("uses Cloudflare's token check and Hugging Face's whoami, with the key", async () => {
      const cf = entryOf({ id: 'cloudflare', accountId: 'acc' });
      await client(answering(json({ success: true })), cf, {
        key: 'cfk1',
        origins: ['https://api.cloudflare.com'],
      }).probe();
      assert.equal(sent[0]?.url, 'https://api.cloudflare.com/client/v4/user/tokens/verify');
      assert.equal(new Headers(sent[0]?.init?.headers).get('authorization'), 'Bearer cfk1');
      const hf = entryOf({ id: 'huggingface' });
      await client(answering(json({ name: 'me' })), hf, {
        key: 'hfk1',
        origins: ['https://router.huggingface.co', 'https://huggingface.co'],
      }).probe();
      assert.equal(sent[1]?.url, 'https://huggingface.co/api/whoami-v2');
      const hfOwn = entryOf({ id: 'huggingface', baseUrl: 'http://127.0.0.1:9/v1' });
      await client(answering(json({ data: [] })), hfOwn, { key: 'hfk1', origins: ['http://127.0.0.1:9'] }).probe();
      assert.equal(sent[2]?.url, `${BASE}/models`);
    });

    it('classifies a failed probe', async () => {
      const result = await client(answering(json({ error: { message: 'bad key' } }, 401))).probe();
      assert.equal(result.ok, false);
      assert.deepEqual([result.failure?.failure, result.failure?.status], ['auth', 401]);
    });
  });

  describe('listModels', () => {
    it('lists the ids, and calls an answer that is not JSON bad output', async () => {
      assert.deepEqual(await client(answering(json({ data: [{ id: 'b' }, { id: 'a' }] }))).listModels(), {
        models: ['a', 'b'],
        omitted: 0,
      });
      const err = await failure(client(answering(new Response('nope', { status: 200 }))).listModels());
      assert.deepEqual([err.failure, err.detail], ['bad-output', 'the model list is not JSON']);
      const denied = await failure(client(answering(json({ error: { message: 'no' } }, 403))).listModels());
      assert.equal(denied.failure, 'auth');
    });
  });

  describe('classify', () => {
    const c = () =>
      client(answering(json({})), custom({ timeoutMs: 2500 }), {
        key: 'sk-live-0123456789',
        origins: ['http://127.0.0.1:9'],
      });
    const status = (
      code: number,
      message: string,
      extra: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) => new HttpStatusError(code, new Headers(headers), { error: { message, ...extra } });
    const cases: [string, unknown, FailureClass, string][] = [
      ['a timeout', Object.assign(new Error('t'), { name: 'TimeoutError' }), 'timeout', 'no answer within 3 s'],
      [
        'a refused connection',
        new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
        'network',
        'ECONNREFUSED at 127.0.0.1:9',
      ],
      [
        'a wrapped system error',
        new TypeError('fetch failed', { cause: { cause: { code: 'ENOTFOUND' } } }),
        'network',
        'ENOTFOUND at 127.0.0.1:9',
      ],
      [
        'a failed connection',
        new TypeError('fetch failed', { cause: {} }),
        'network',
        'connection to 127.0.0.1:9 failed',
      ],
      ['401', status(401, 'bad key sk-live-0123456789'), 'auth', '401 bad key [redacted]'],
      ['403', status(403, 'forbidden'), 'auth', '403 forbidden'],
      ['404', status(404, 'no such model'), 'model-not-found', 'model "m"'],
      [
        '429 quota in the message',
        status(429, 'You exceeded your current quota'),
        'quota',
        '429 You exceeded your current quota',
      ],
      ['429 quota in the code', status(429, 'nope', { code: 'insufficient_quota' }), 'quota', '429 nope'],
      ['429 billing in the type', status(429, 'nope', { type: 'billing_error' }), 'quota', '429 nope'],
      ['429 credits', status(429, 'out of credits'), 'quota', '429 out of credits'],
      ['429', status(429, 'too many'), 'rate-limited', '429 too many'],
      ['500', status(500, 'oops'), 'server', '500 oops'],
      ['418', status(418, 'teapot'), 'server', '418 teapot'],
      ['anything else', new Error('odd sk-live-0123456789 thing'), 'network', 'odd [redacted] thing'],
    ];
    for (const [what, err, failureClass, detail] of cases)
      it(`${what} is ${failureClass}: ${detail}`, () => {
        const e = c().classify(err);
        assert.deepEqual([e.failure, e.detail], [failureClass, detail]);
      });

    it('keeps the status and a rate limit its retry-after', () => {
      const e = c().classify(status(429, 'too many', {}, { 'retry-after': '4' }));
      assert.deepEqual([e.status, e.retryAfterMs], [429, 4000]);
      assert.equal(c().classify(status(503, 'x')).status, 503);
    });

    it('passes a ProviderError on, also as the cause of another error, and calls anything under an aborted signal cancelled', () => {
      const own = new ProviderError('custom', 'not-configured', 'x');
      assert.equal(c().classify(own), own);
      assert.equal(c().classify(new Error('wrapped', { cause: own })), own);
      const aborted = new AbortController();
      aborted.abort();
      assert.equal(c().classify(status(500, 'x'), aborted.signal).failure, 'cancelled');
    });
  });
});
