import * as assert from 'node:assert/strict';
import { FakeOpenAiServer } from '../../../support/openaiServer';
import { ProviderClient } from '../../../../src/core/providers/providerClient';
import { ProviderError } from '../../../../src/core/providers/providerError';
import {
  boundOrigins,
  defaultOrigins,
  isLocalProvider,
  originOf,
  refusal,
  whereDataGoes,
} from '../../../../src/core/providers/keyGrant';
import { keyedProbes } from '../../../../src/core/health/keyedProbes';
import { parseProviderStack, type ProviderEntry } from '../../../../src/core/settings/providerStack';
import { forecastWithHolder } from '../../../../src/core/providers/forecastWithProvider';
import { hourlySet } from '../../../support/helpers';

const KEY = 'sk-bound-0123456789abcdefSECRET';
const custom = (baseUrl: string, model = 'valid'): ProviderEntry & { id: 'custom' } => ({
  ...(parseProviderStack([{ id: 'custom', baseUrl, model, timeoutMs: 3000 }]).stack[0] as ProviderEntry),
  id: 'custom',
});
const openaiAt = (baseUrl: string): ProviderEntry & { id: 'openai' } => ({
  ...(parseProviderStack([{ id: 'openai', baseUrl, model: 'valid', timeoutMs: 3000 }]).stack[0] as ProviderEntry),
  id: 'openai',
});

describe('keys bound to the origin they were stored for', function () {
  this.timeout(20_000);
  const server = new FakeOpenAiServer();
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.probe = 'ok';
  });

  it('a key stored for OpenAI goes to api.openai.com only; a settings file pointing OpenAI elsewhere gets nothing', async () => {
    assert.deepEqual(defaultOrigins('openai'), ['https://api.openai.com']);
    const grant = { key: KEY, origins: boundOrigins('openai', { key: KEY, origin: 'https://api.openai.com' }) };
    assert.throws(
      () => new ProviderClient({ entry: openaiAt(server.baseUrl), grant }),
      (e: unknown) =>
        e instanceof ProviderError &&
        e.failure === 'not-configured' &&
        /bound to api\.openai\.com.*127\.0\.0\.1:\d+ is not approved/.test(e.message),
    );
    const probes = keyedProbes(async () => grant);
    assert.match(String(await probes.isConfigured(openaiAt(server.baseUrl))), /not approved for the OpenAI key/);
    const result = await probes.probe(openaiAt(server.baseUrl), AbortSignal.timeout(3000)).catch((e: unknown) => e);
    assert.ok(result instanceof ProviderError, 'the probe is refused before anything is sent');
    await assert.rejects(
      forecastWithHolder(hourlySet(), {
        holder: 'openai',
        stack: [openaiAt(server.baseUrl)],
        getKey: async () => grant,
        horizon: { steps: 24 },
      }),
      (e: unknown) => e instanceof ProviderError && e.failure === 'not-configured',
    );
    assert.equal(server.requests.length, 0, 'no request reached the host the settings chose');
  });

  it('once the origin is approved, the key goes there, and only there', async () => {
    const grant = {
      key: KEY,
      origins: boundOrigins('openai', { key: KEY, origin: undefined }, [originOf(server.baseUrl) ?? '']),
    };
    const result = await new ProviderClient({ entry: openaiAt(server.baseUrl), grant }).probe();
    assert.equal(result.ok, true);
    assert.deepEqual(
      server.requests.map((r) => r.authorization),
      [`Bearer ${KEY}`],
    );
  });

  it('a redirect to another host is never followed with the key', async () => {
    server.probe = 'redirect';
    const result = await new ProviderClient({ entry: custom(server.baseUrl), grant: server.grant(KEY) }).probe();
    assert.equal(result.ok, false);
    assert.equal(server.requests.length, 1, 'one request, to the approved host; the redirect target got nothing');
  });

  it('a 200 whose body is not JSON is bad output, not an unreachable host', async () => {
    server.probe = 'html';
    const result = await new ProviderClient({ entry: custom(server.baseUrl), grant: server.grant(KEY) }).probe();
    assert.equal(result.ok, false);
    assert.equal(result.failure?.failure, 'bad-output', result.failure?.message);
  });

  it('a model that echoes the key never gets it into the forecast', async () => {
    const data = await forecastWithHolder(hourlySet(), {
      holder: 'custom',
      stack: [custom(server.baseUrl, 'echo-key')],
      getKey: async () => server.grant(KEY),
      horizon: { steps: 24 },
    });
    const text = JSON.stringify(data);
    assert.ok(!text.includes(KEY), 'the key is not in the ForecastData');
    assert.match(data.narrative ?? '', /\[redacted\]/);
  });

  it('the refusal lists the approved hosts unambiguously, with the scheme where only it differs', () => {
    assert.equal(
      refusal(
        { key: KEY, origins: ['https://api.openai.com', 'http://127.0.0.1:8081'] },
        'http://127.0.0.1.nip.io:8081',
        'OpenAI',
      ),
      'its key is bound to api.openai.com or 127.0.0.1:8081, and 127.0.0.1.nip.io:8081 is not approved for the OpenAI key',
    );
    assert.equal(
      refusal({ key: KEY, origins: ['https://127.0.0.1:8081'] }, 'http://127.0.0.1:8081', 'Custom endpoint'),
      'its key is bound to https://127.0.0.1:8081, and http://127.0.0.1:8081 is not approved for the Custom endpoint key',
    );
    assert.equal(
      refusal({ key: KEY, origins: ['http://127.0.0.1:8081'] }, 'http://127.0.0.1:8081', 'Custom endpoint'),
      undefined,
    );
  });

  it("a key from before keys were bound counts as stored for the default endpoint (and the kind's probe host)", () => {
    assert.deepEqual(boundOrigins('huggingface', { key: KEY, origin: undefined }), [
      'https://router.huggingface.co',
      'https://huggingface.co',
    ]);
    assert.deepEqual(boundOrigins('custom', { key: KEY, origin: undefined }), []);
    assert.deepEqual(boundOrigins('custom', { key: KEY, origin: 'http://127.0.0.1:9' }), ['http://127.0.0.1:9']);
  });

  it('tells local providers from cloud ones, and says where data goes', () => {
    assert.equal(isLocalProvider({ id: 'builtin' }), true);
    assert.equal(isLocalProvider({ id: 'ollama' }), true);
    assert.equal(isLocalProvider({ id: 'custom', baseUrl: 'http://127.0.0.1:8080/v1' }), true);
    assert.equal(isLocalProvider({ id: 'custom', baseUrl: 'http://[::1]:8080/v1' }), true);
    assert.equal(isLocalProvider({ id: 'ollama', baseUrl: 'https://ollama.example.com/v1' }), false);
    assert.equal(isLocalProvider({ id: 'openai' }), false);
    assert.equal(isLocalProvider({ id: 'custom', baseUrl: 'http://127.0.0.1.evil.example/v1' }), false);
    assert.equal(whereDataGoes({ id: 'openai' }), 'sent to api.openai.com');
    assert.equal(whereDataGoes({ id: 'ollama' }), 'this machine (localhost:11434)');
    assert.equal(whereDataGoes({ id: 'builtin' }), 'stays on this machine');
  });
});
