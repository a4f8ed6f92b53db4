import * as assert from 'node:assert/strict';
import { BEHAVIOURS, FakeOpenAiServer, type Behaviour } from '../../../support/openaiServer';
import { MAX_MODELS } from '../../../../src/core/providers/modelList';
import { ProviderClient, resolveBaseUrl, retryAfterMs } from '../../../../src/core/providers/providerClient';
import { ProviderError, type FailureClass } from '../../../../src/core/providers/providerError';
import { parseProviderStack, type ProviderEntry } from '../../../../src/core/settings/providerStack';
import { forecastWithHolder } from '../../../../src/core/providers/forecastWithProvider';
import { forecastDataSchema } from '../../../../src/core/base/forecastSchema';
import { FakeClock, hourlySet } from '../../../support/helpers';
import { compiled } from '../../../support/paths';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const KEY = 'sk-test-0123456789abcdefTOPSECRET';
const entry = (server: FakeOpenAiServer, model: Behaviour, timeoutMs = 5000): ProviderEntry & { id: 'custom' } => ({
  ...(parseProviderStack([{ id: 'custom', baseUrl: server.baseUrl, model, timeoutMs }]).stack[0] as ProviderEntry),
  id: 'custom',
});
const request = {
  system: 's',
  user: JSON.stringify({ points: 4, metrics: [{ name: 'cpu', history: [1, 2, 3] }] }),
  schema: {},
};

describe('provider client against a local OpenAI-compatible server (real openai package)', function () {
  this.timeout(30_000);
  const server = new FakeOpenAiServer();
  const waits: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    waits.push(ms);
  };
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(() => {
    waits.length = 0;
  });

  it('probes without loading the openai package; the first chat completion loads it', async () => {
    // in a process of its own: other tests in this one have loaded the package already
    const script = `
      const { ProviderClient } = require(${JSON.stringify(compiled('core', 'providers', 'providerClient.js'))});
      const loaded = () => Object.keys(require.cache).some((k) => /node_modules[\\/]openai[\\/]/.test(k));
      (async () => {
        const entry = { id: 'custom', baseUrl: process.argv[1], model: 'valid', timeoutMs: 5000, enabled: true };
        const client = new ProviderClient({ entry, grant: undefined });
        const probe = await client.probe();
        const afterProbe = loaded();
        const answer = await client.complete(${JSON.stringify(request)});
        console.log(JSON.stringify({ ok: probe.ok, afterProbe, answered: answer.text.length > 0, afterChat: loaded() }));
      })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, server.baseUrl], { timeout: 20_000 });
    assert.deepEqual(JSON.parse(stdout), { ok: true, afterProbe: false, answered: true, afterChat: true });
  });

  it('returns the tokens the completion reports, and null when it reports none or no counts', async () => {
    const client = new ProviderClient({ entry: entry(server, 'valid'), grant: server.grant(KEY) });
    try {
      server.usage = { value: { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 } };
      assert.deepEqual((await client.complete(request)).usage, { promptTokens: 321, completionTokens: 45 });
      server.usage = 'none';
      assert.equal((await client.complete(request)).usage, null);
      server.usage = { value: { prompt_tokens: 1e12, completion_tokens: 1 } };
      assert.equal((await client.complete(request)).usage, null, 'beyond any context window');
      server.usage = { value: 'lots' };
      assert.equal((await client.complete(request)).usage, null);
    } finally {
      server.usage = 'counted';
    }
  });

  const expectFailure = async (model: Behaviour, failure: FailureClass, status?: number): Promise<ProviderError> => {
    const client = new ProviderClient({ entry: entry(server, model, 1500), grant: server.grant(KEY), sleep });
    const err = await client.complete(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ProviderError, `a ProviderError for ${model}, got ${String(err)}`);
    assert.equal(err.failure, failure, `${model}: ${err.message}`);
    if (status !== undefined) assert.equal(err.status, status);
    assert.ok(!err.message.includes(KEY), 'the key never appears in the message');
    return err;
  };

  it('sends the key and the model to the configured base URL and returns the text', async () => {
    const client = new ProviderClient({ entry: entry(server, 'valid'), grant: server.grant(KEY) });
    const { text } = await client.complete(request);
    assert.match(text, /"metrics"/);
    const last = server.requests.at(-1);
    assert.equal(last?.path, '/v1/chat/completions');
    assert.equal(last?.authorization, `Bearer ${KEY}`);
    assert.equal((last?.body as { model: string }).model, 'valid');
  });

  it('ignores OPENAI_BASE_URL and OPENAI_API_KEY in the environment', async () => {
    const saved = { url: process.env['OPENAI_BASE_URL'], key: process.env['OPENAI_API_KEY'] };
    process.env['OPENAI_BASE_URL'] = 'http://127.0.0.1:1/v1';
    process.env['OPENAI_API_KEY'] = 'sk-from-the-environment';
    try {
      const client = new ProviderClient({ entry: entry(server, 'valid'), grant: server.grant(KEY) });
      await client.complete(request);
      assert.equal(server.requests.at(-1)?.authorization, `Bearer ${KEY}`);
    } finally {
      if (saved.url === undefined) delete process.env['OPENAI_BASE_URL'];
      else process.env['OPENAI_BASE_URL'] = saved.url;
      if (saved.key === undefined) delete process.env['OPENAI_API_KEY'];
      else process.env['OPENAI_API_KEY'] = saved.key;
    }
  });

  it('401 is an auth failure whose message never contains the key the server echoed', async () => {
    const err = await expectFailure('401', 'auth', 401);
    assert.deepEqual(err.actions, ['setKey', 'switchProvider']);
  });
  it('403 is an auth failure', async () => {
    await expectFailure('403', 'auth', 403);
  });
  it('a response body over the cap is bad output, not read into memory', async () => {
    assert.match((await expectFailure('huge', 'bad-output')).message, /larger than 8 MiB/);
  });
  it('404 is model not found, naming the model', async () => {
    assert.match((await expectFailure('404', 'model-not-found', 404)).message, /model "404"/);
  });
  it('429 quota is not retried', async () => {
    await expectFailure('429-quota', 'quota', 429);
    assert.deepEqual(waits, []);
  });
  it('500 is a server error, retried twice with backoff', async () => {
    await expectFailure('500', 'server', 500);
    assert.deepEqual(waits, [500, 1000]);
  });
  it('503 is a server error', async () => {
    await expectFailure('503', 'server', 503);
  });
  it('a reset connection is a network failure', async () => {
    await expectFailure('reset', 'network');
  });
  it('a hang past the timeout is a timeout, not retried', async () => {
    await expectFailure('hang', 'timeout');
    assert.deepEqual(waits, []);
  });
  it('empty choices are bad output', async () => {
    await expectFailure('empty-choices', 'bad-output');
  });

  it('429 with retry-after waits what the server asked, then succeeds', async () => {
    const client = new ProviderClient({ entry: entry(server, '429-retry'), grant: server.grant(KEY), sleep });
    await client.complete(request);
    assert.deepEqual(waits, [1000]);
  });

  it('does not wait for a retry-after beyond the cap', async () => {
    // a fresh server: its 429-retry answers 429 on the first call
    const fresh = new FakeOpenAiServer();
    await fresh.start();
    try {
      const c = new ProviderClient({
        entry: entry(fresh, '429-retry'),
        grant: fresh.grant(KEY),
        sleep,
        retryAfterCapMs: 500,
      });
      const err = await c.complete(request).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof ProviderError && err.failure === 'rate-limited' && err.retryAfterMs === 1000);
      assert.deepEqual(waits, []);
    } finally {
      await fresh.stop();
    }
  });

  it('a slow first byte within the timeout still succeeds', async () => {
    const { text } = await new ProviderClient({
      entry: entry(server, 'slow-first-byte'),
      grant: server.grant(KEY),
    }).complete(request);
    assert.match(text, /metrics/);
  });

  it('cancellation through an AbortSignal is classified as cancelled', async () => {
    const controller = new AbortController();
    const pending = new ProviderClient({ entry: entry(server, 'hang', 10_000), grant: server.grant(KEY) }).complete(
      request,
      controller.signal,
    );
    setTimeout(() => controller.abort(), 100);
    const err = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ProviderError);
    assert.equal(err.failure, 'cancelled');
  });

  it('a refused connection is a network failure', async () => {
    const dead = { ...entry(server, 'valid', 2000), baseUrl: 'http://127.0.0.1:9/v1' };
    const err = await new ProviderClient({
      entry: dead,
      grant: { key: KEY, origins: [new URL(dead.baseUrl ?? '').origin] },
      sleep,
    })
      .complete(request)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(err instanceof ProviderError && err.failure === 'network', String(err));
  });

  it('probes with GET /models and reads rate-limit headers', async () => {
    server.probe = 'rate-limited';
    const result = await new ProviderClient({ entry: entry(server, 'valid'), grant: server.grant(KEY) }).probe();
    server.probe = 'ok';
    assert.equal(result.ok, true);
    assert.deepEqual(result.rateLimit, { remaining: 1, limit: 100 });
    assert.equal(server.requests.at(-1)?.path, '/v1/models');
  });

  it('a probe that fails is classified', async () => {
    server.probe = '401';
    const result = await new ProviderClient({ entry: entry(server, 'valid'), grant: server.grant(KEY) }).probe();
    server.probe = 'ok';
    assert.equal(result.ok, false);
    assert.equal(result.failure?.failure, 'auth');
  });

  it("lists the models of GET /models with the key, and only at the key's origin", async () => {
    const client = new ProviderClient({ entry: entry(server, 'valid'), grant: server.grant(KEY) });
    server.models = ['valid', 'another'];
    const list = await client.listModels().finally(() => (server.models = BEHAVIOURS));
    assert.deepEqual(list, { models: ['another', 'valid'], omitted: 0 });
    assert.equal(server.requests.at(-1)?.path, '/v1/models');
    assert.equal(server.requests.at(-1)?.authorization, `Bearer ${KEY}`);
    const before = server.requests.length;
    // a client for an endpoint the key is not bound to is refused before any request
    await assert.rejects(
      async () =>
        new ProviderClient({
          entry: entry(server, 'valid'),
          grant: { key: KEY, origins: ['https://api.openai.com'] },
        }).listModels(),
      (e: unknown) => e instanceof ProviderError && e.failure === 'not-configured',
    );
    assert.equal(server.requests.length, before, 'nothing was sent to an origin the key is not bound to');
  });

  it(`a list longer than ${MAX_MODELS} models is cut there, and says how many were left out`, async () => {
    server.extraModels = 20_000;
    const list = await new ProviderClient({ entry: entry(server, 'valid'), grant: server.grant(KEY) })
      .listModels()
      .finally(() => (server.extraModels = 0));
    assert.equal(list.models.length, MAX_MODELS);
    assert.equal(list.omitted, BEHAVIOURS.length + 20_000 - MAX_MODELS);
  });

  it("the probe flags a configured model that the endpoint's /models does not list", async () => {
    server.models = ['valid', 'other'];
    const probe = (model: string | undefined) =>
      new ProviderClient({
        entry: { id: 'custom', baseUrl: server.baseUrl, timeoutMs: 5000, enabled: true, ...(model ? { model } : {}) },
        grant: server.grant(KEY),
      }).probe();
    try {
      const missing = await probe('gpt-typo');
      assert.equal(missing.ok, true, 'the endpoint answers: it is up');
      assert.deepEqual(missing.modelNotServed, { model: 'gpt-typo', listed: 2 });
      assert.equal((await probe('valid')).modelNotServed, undefined);
      // a custom endpoint without a model asks for a placeholder, which is not checked
      assert.equal((await probe(undefined)).modelNotServed, undefined);
      // a model among many is found even past the cap on what is shown
      server.extraModels = 2000;
      assert.equal((await probe('model-001999')).modelNotServed, undefined);
    } finally {
      server.models = BEHAVIOURS;
      server.extraModels = 0;
    }
  });

  it('a model list that fails is classified', async () => {
    server.probe = '401';
    const client = new ProviderClient({ entry: entry(server, 'valid'), grant: server.grant(KEY) });
    const err = await client.listModels().then(
      () => undefined,
      (e: unknown) => e,
    );
    server.probe = 'ok';
    assert.ok(err instanceof ProviderError && err.failure === 'auth', String(err));
  });

  it('forecasts a metric set with the lock holder into valid ForecastData', async () => {
    const stack = parseProviderStack([{ id: 'custom', baseUrl: server.baseUrl, model: 'fenced' }]).stack;
    const data = await forecastWithHolder(hourlySet(), {
      holder: 'custom',
      stack,
      getKey: async () => server.grant(KEY),
      horizon: { steps: 48 },
      clock: new FakeClock(),
    });
    assert.equal(forecastDataSchema.safeParse(data).success, true);
    assert.equal(data.producer.provider, 'custom');
    assert.equal(data.producer.model, 'fenced');
    assert.match(data.producer.promptHash ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(data.narrative, 'Load grows slowly; no sudden change expected.');
    assert.equal(data.metrics[0]?.points.length, 48);
  });

  it('a provider without a key is not configured (nothing is sent)', async () => {
    const before = server.requests.length;
    const stack = parseProviderStack([{ id: 'groq', baseUrl: server.baseUrl }]).stack;
    await assert.rejects(
      forecastWithHolder(hourlySet(), { holder: 'groq', stack, getKey: async () => undefined, horizon: { steps: 24 } }),
      (e: unknown) => e instanceof ProviderError && e.failure === 'not-configured',
    );
    assert.equal(server.requests.length, before);
  });
});

describe('provider settings', () => {
  it('fills the Cloudflare account id into its base URL and asks for one when missing', () => {
    assert.equal(
      resolveBaseUrl({ id: 'cloudflare', accountId: 'abc', timeoutMs: 1000, enabled: true }),
      'https://api.cloudflare.com/client/v4/accounts/abc/ai/v1',
    );
    assert.throws(() => resolveBaseUrl({ id: 'cloudflare', timeoutMs: 1000, enabled: true }), /accountId/);
  });

  it('reads retry-after as seconds, as a date, and retry-after-ms', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '3' })), 3000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250' })), 250);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4000), 6000);
    assert.equal(retryAfterMs(new Headers({})), undefined);
  });
});
