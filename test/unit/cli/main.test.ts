import * as assert from 'node:assert/strict';
import { runCli } from '../../support/cli';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT } from '../../../src/core/base/exitCodes';
import { type ForecastData, forecastDataSchema } from '../../../src/core/base/forecastSchema';
import { FakeOpenAiServer } from '../../support/openaiServer';
import { SAMPLE } from '../../support/paths';

const run = runCli;

describe('CLI', function () {
  this.timeout(60_000);
  let dir: string;
  const saved = process.env['BOTTLENECK_STATE'];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-cli-'));
    process.env['BOTTLENECK_STATE'] = path.join(dir, 'default-state.json'); // never the real home
  });
  after(() => {
    if (saved === undefined) delete process.env['BOTTLENECK_STATE'];
    else process.env['BOTTLENECK_STATE'] = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('forecast prints the bottleneck and when, exit 0', async () => {
    const r = await run('forecast', SAMPLE);
    assert.equal(r.code, EXIT.ok);
    // the sample's generator drives latency_p95 and cpu_utilization past capacity on the same afternoon
    assert.match(r.out, /^Bottleneck: (latency_p95 reaches 350 ms|cpu_utilization reaches 85 %) in \d+ d \d+ h/m);
    assert.match(r.out, /^Risk: (LOW|MEDIUM|HIGH|CRITICAL) \(/m);
  });

  it('--format json prints ForecastData', async () => {
    const r = await run('forecast', SAMPLE, '--format', 'json', '--horizon', '1d');
    assert.equal(forecastDataSchema.safeParse(JSON.parse(r.out)).success, true);
    assert.equal((JSON.parse(r.out) as { horizon: { count: number } }).horizon.count, 288);
  });

  it('--format csv prints one row per metric and step', async () => {
    const r = await run('forecast', SAMPLE, '--format', 'csv', '--horizon', '2h');
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'source,metric,timestamp,value,lower,upper');
    assert.equal(lines.length, 1 + 5 * 24);
  });

  it('--html writes a self-contained report with one chart per metric', async () => {
    const file = path.join(dir, 'report.html');
    await run('forecast', SAMPLE, '--horizon', '1d', '--html', file);
    const html = fs.readFileSync(file, 'utf8');
    assert.equal((html.match(/<svg /g) ?? []).length, 5);
    assert.doesNotMatch(html, /<script|https?:\/\//);
  });

  it('--fail-on exits 3 when the risk reaches the level, 0 when it does not', async () => {
    assert.equal((await run('forecast', SAMPLE, '--fail-on', 'low')).code, EXIT.riskReached);
    const calm = path.join(dir, 'calm.csv');
    fs.writeFileSync(
      calm,
      'timestamp,metric,value,capacity\n' +
        Array.from({ length: 200 }, (_, i) => `${i * 3600},cpu,${10 + (i % 24)},${i === 0 ? 95 : ''}`).join('\n'),
    );
    assert.equal((await run('forecast', calm, '--horizon', '1d', '--fail-on', 'low')).code, EXIT.ok);
  });

  it('bad input exits 2 with file, line and column, not as an internal error', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'timestamp,value\n2026-01-01T00:00Z,1\n2026-01-01T01:00Z,lots\n');
    const r = await run('forecast', bad);
    assert.equal(r.code, EXIT.badInput);
    assert.match(r.err, /bad\.csv:3:2: "lots" is not a number/);
    assert.doesNotMatch(r.err, /internal error/);
  });

  it('usage errors exit 2', async () => {
    assert.equal((await run('forecast')).code, EXIT.badInput);
    assert.equal((await run('forecast', SAMPLE, '--horizon', 'soon')).code, EXIT.badInput);
    assert.equal((await run('forecast', SAMPLE, '--fail-on', 'apocalyptic')).code, EXIT.badInput);
    assert.equal((await run('forecast', SAMPLE, '--capacity', 'cpu')).code, EXIT.badInput);
    assert.equal((await run('frobnicate')).code, EXIT.badInput);
    assert.equal((await run('forecast', SAMPLE, '--bogus')).code, EXIT.badInput);
  });

  it('--capacity overrides the file, with wildcards and a breach side', async () => {
    const r = await run(
      'forecast',
      SAMPLE,
      '--format',
      'json',
      '--horizon',
      '6h',
      '--capacity',
      'latency*=10000',
      '--capacity',
      'disk_free=500:below',
    );
    const data = JSON.parse(r.out) as { metrics: { name: string; capacity: number; breachSide: string }[] };
    assert.equal(data.metrics.find((m) => m.name === 'latency_p95')?.capacity, 10000);
    assert.deepEqual(
      data.metrics.filter((m) => m.name === 'disk_free').map((m) => [m.capacity, m.breachSide]),
      [[500, 'below']],
    );
  });

  it('lock and audit keep their state in the state file', async () => {
    const state = path.join(dir, 'state.json');
    assert.equal((await run('lock', 'switch', 'groq', '--state', state)).code, EXIT.ok);
    assert.match((await run('lock', '--state', state)).out, /Groq \(groq\) holds the lock/);
    const audit = await run('audit', '--jsonl', '--state', state);
    assert.equal((JSON.parse(audit.out) as { who: string }).who, 'cli');
    assert.equal((await run('lock', 'switch', 'skynet', '--state', state)).code, EXIT.badInput);
  });

  describe('with LLM providers (a local OpenAI-compatible server)', () => {
    const server = new FakeOpenAiServer();
    const KEY = 'sk-cli-FAKE-0a1b2c3d4e5f';
    let config: string;
    let state: string;
    before(async () => {
      await server.start();
      config = path.join(dir, 'providers.json');
      fs.writeFileSync(
        config,
        JSON.stringify({
          providers: [
            { id: 'custom', baseUrl: server.baseUrl, model: 'valid' },
            { id: 'openai', baseUrl: server.baseUrl, model: '401' },
            { id: 'builtin' },
          ],
        }),
      );
      state = path.join(dir, 'provider-state.json');
      process.env['BOTTLENECK_CUSTOM_API_KEY'] = KEY;
      process.env['OPENAI_API_KEY'] = KEY;
      // the person running the CLI lets keys go to the local server (a config file alone cannot)
      process.env['BOTTLENECK_ALLOWED_ORIGINS'] = `http://127.0.0.1:${server.port}`;
    });
    after(async () => {
      delete process.env['BOTTLENECK_CUSTOM_API_KEY'];
      delete process.env['OPENAI_API_KEY'];
      delete process.env['BOTTLENECK_ALLOWED_ORIGINS'];
      await server.stop();
    });

    it('forecasts with the provider that holds the lock, its key from the environment', async () => {
      await run('lock', 'switch', 'custom', '--state', state);
      const r = await run('forecast', SAMPLE, '--horizon', '1d', '--config', config, '--state', state);
      assert.equal(r.code, EXIT.ok, r.err);
      assert.match(r.out, /by custom valid/);
      assert.equal(server.requests.at(-1)?.authorization, `Bearer ${KEY}`);
    });

    it('prints the tokens the provider reported, and says when it reported none; nothing for the built-in', async () => {
      await run('lock', 'switch', 'custom', '--state', state);
      try {
        server.usage = { value: { prompt_tokens: 12_345, completion_tokens: 678 } };
        const r = await run(
          'forecast',
          SAMPLE,
          '--horizon',
          '1d',
          '--config',
          config,
          '--state',
          state,
          '--format',
          'json',
        );
        assert.equal(r.code, EXIT.ok, r.err);
        assert.match(r.err, /^tokens: Custom endpoint \(valid\): 12,345 prompt \+ 678 completion tokens$/m);
        assert.deepEqual((JSON.parse(r.out) as ForecastData).producer.usage, {
          promptTokens: 12_345,
          completionTokens: 678,
        });
        server.usage = 'none';
        const none = await run('forecast', SAMPLE, '--horizon', '1d', '--config', config, '--state', state);
        assert.match(none.err, /^tokens: Custom endpoint \(valid\): tokens not reported by the provider$/m);
      } finally {
        server.usage = 'counted';
      }
      const builtin = await run('forecast', SAMPLE, '--horizon', '1d', '--state', path.join(dir, 'builtin-state.json'));
      assert.equal(builtin.code, EXIT.ok, builtin.err);
      assert.doesNotMatch(builtin.err, /tokens/);
    });

    it('a rejected key fails over to the next healthy tier below the chosen one and says so, without the key', async () => {
      await run('lock', 'switch', 'openai', '--state', state);
      const r = await run('forecast', SAMPLE, '--horizon', '1d', '--config', config, '--state', state);
      assert.equal(r.code, EXIT.ok, r.err);
      assert.match(r.out, /by the built-in forecaster/, 'never up to tier 1 (custom) past the provider chosen by hand');
      assert.match(r.err, /failover: openai → builtin \(OpenAI is unhealthy: auth \(HTTP 401\)/);
      assert.ok(!r.err.includes(KEY) && !fs.readFileSync(state, 'utf8').includes(KEY));
    });

    it('a dead first tier still gives a forecast from the next healthy tier, and the audit shows the failover and its cause', async () => {
      const dead = path.join(dir, 'dead.json');
      fs.writeFileSync(
        dead,
        JSON.stringify({
          providers: [
            { id: 'custom', baseUrl: 'http://127.0.0.1:9/v1', model: 'x', timeoutMs: 2000 },
            { id: 'builtin' },
          ],
        }),
      );
      const s = path.join(dir, 'dead-state.json');
      await run('lock', 'switch', 'custom', '--state', s);
      const r = await run(
        'forecast',
        SAMPLE,
        '--horizon',
        '1d',
        '--config',
        dead,
        '--state',
        s,
        '--allow-origin',
        'http://127.0.0.1:9',
      );
      assert.equal(r.code, EXIT.ok, r.err);
      assert.match(r.out, /by the built-in forecaster/);
      const audit = await run('audit', '--jsonl', '--state', s);
      const last = JSON.parse(audit.out.trim().split('\n').at(-1) ?? '{}') as {
        action: string;
        from: string;
        to: string;
        reason: string;
      };
      assert.deepEqual([last.action, last.from, last.to], ['failover', 'custom', 'builtin']);
      assert.match(last.reason, /unhealthy: network/);
    });

    it('bad output is a provider error (exit 4): it does not move the lock', async () => {
      const broken = path.join(dir, 'broken.json');
      fs.writeFileSync(
        broken,
        JSON.stringify({ providers: [{ id: 'custom', baseUrl: server.baseUrl, model: 'broken' }, { id: 'builtin' }] }),
      );
      await run('lock', 'switch', 'custom', '--state', state);
      const r = await run('forecast', SAMPLE, '--horizon', '1d', '--config', broken, '--state', state);
      assert.equal(r.code, EXIT.providerError);
      assert.match(r.err, /Custom endpoint returned output that is not a usable forecast/);
      assert.match((await run('lock', '--state', state)).out, /Custom endpoint \(custom\) holds the lock/);
    });

    it('health probes the stack once and prints a table', async () => {
      const r = await run('health', '--config', config, '--state', state);
      assert.equal(r.code, EXIT.ok, r.err);
      assert.match(r.out, /^1\s+Custom endpoint \(holder\)\s+healthy/m);
      assert.match(r.out, /^2\s+OpenAI\s+healthy/m);
      assert.match(r.out, /^3\s+Built-in\s+healthy/m);
    });

    it('health prints what it found first (exit 4: the holder was unhealthy), then the failover it made', async () => {
      const s = path.join(dir, 'health-state.json');
      await run('lock', 'switch', 'custom', '--state', s);
      server.probe = '401';
      try {
        const r = await run('health', '--config', config, '--state', s);
        assert.equal(r.code, EXIT.providerError, r.out + r.err);
        const table = r.out.indexOf('Custom endpoint (holder)');
        const moved = r.out.indexOf('The lock failed over from Custom endpoint to Built-in');
        assert.ok(table >= 0 && moved > table, r.out);
        assert.match(r.out, /^1\s+Custom endpoint \(holder\)\s+unhealthy/m);
        assert.match(
          (await run('lock', '--state', s)).out,
          /Built-in \(builtin\) holds the lock/,
          'a pinned holder falls to a lower tier, never up to OpenAI',
        );
      } finally {
        server.probe = 'ok';
      }
    });

    it('named custom endpoints each take their own key from their own variable, and have their own health', async () => {
      const eu = await new FakeOpenAiServer().start();
      const named = path.join(dir, 'named.json');
      fs.writeFileSync(
        named,
        JSON.stringify({
          providers: [
            { id: 'custom:gateway-eu', baseUrl: eu.baseUrl, model: 'valid' },
            { id: 'custom', baseUrl: server.baseUrl, model: 'valid' },
            { id: 'builtin' },
          ],
        }),
      );
      const s = path.join(dir, 'named-state.json');
      const EU_KEY = 'sk-cli-EU-FAKE-99aa88bb77cc';
      process.env['BOTTLENECK_CUSTOM_GATEWAY_EU_API_KEY'] = EU_KEY;
      const allowed = process.env['BOTTLENECK_ALLOWED_ORIGINS'];
      process.env['BOTTLENECK_ALLOWED_ORIGINS'] = `${allowed},http://127.0.0.1:${eu.port}`;
      const before = server.requests.length;
      try {
        assert.equal((await run('lock', 'switch', 'custom:gateway-eu', '--state', s)).code, EXIT.ok);
        assert.match(
          (await run('lock', '--state', s)).out,
          /Custom endpoint gateway-eu \(custom:gateway-eu\) holds the lock/,
        );
        const r = await run('forecast', SAMPLE, '--horizon', '1d', '--config', named, '--state', s);
        assert.equal(r.code, EXIT.ok, r.err);
        assert.match(r.out, /by custom:gateway-eu valid/);
        assert.deepEqual(
          [...new Set(eu.requests.map((q) => q.authorization))],
          [`Bearer ${EU_KEY}`],
          'the named endpoint got its own key, and only that',
        );
        assert.equal(server.requests.length, before, 'the unnamed endpoint was not asked');
        eu.probe = '500';
        const h = await run('health', '--config', named, '--state', s);
        assert.match(h.out, /^1\s+Custom endpoint gateway-eu \(holder\)\s+degraded/m);
        assert.match(h.out, /^2\s+Custom endpoint\s+healthy/m);
        assert.ok(
          server.requests.slice(before).every((q) => q.authorization === `Bearer ${KEY}`),
          "the unnamed endpoint's probe carried its own key",
        );
        assert.equal((await run('lock', 'switch', 'custom:Not Valid', '--state', s)).code, EXIT.badInput);
      } finally {
        delete process.env['BOTTLENECK_CUSTOM_GATEWAY_EU_API_KEY'];
        process.env['BOTTLENECK_ALLOWED_ORIGINS'] = allowed;
        await eu.stop();
      }
    });

    it('a released lock forecasts nothing and says how to choose a provider', async () => {
      await run('lock', 'release', '--state', state);
      const r = await run('forecast', SAMPLE, '--state', state);
      assert.equal(r.code, EXIT.providerError);
      assert.match(r.err, /lock switch builtin/);
    });

    it('normalize redacts the keys the environment holds from the answer it prints', async () => {
      const answer = path.join(dir, 'echo.txt');
      fs.writeFileSync(
        answer,
        JSON.stringify({
          metrics: ['cpu_utilization', 'memory_used', 'disk_free', 'queue_depth', 'latency_p95'].map((name) => ({
            name,
            values: Array.from({ length: 72 }, () => 10),
          })),
          narrative: `I used ${KEY} to answer.`,
        }),
      );
      const r = await run(
        'normalize',
        '--provider',
        'openai',
        '--input',
        answer,
        '--history',
        SAMPLE,
        '--horizon',
        '6h',
      );
      assert.equal(r.code, EXIT.ok, r.err);
      assert.ok(!r.out.includes(KEY));
      assert.match(r.out, /I used \[redacted\] to answer/);
    });

    it('normalize prints ForecastData for a raw answer, or its problems with exit 2', async () => {
      const good = path.join(dir, 'answer.txt');
      const bad = path.join(dir, 'bad.txt');
      fs.writeFileSync(
        good,
        'Sure!\n```json\n' +
          JSON.stringify({
            metrics: ['cpu_utilization', 'memory_used', 'disk_free', 'queue_depth', 'latency_p95'].map((name, i) => ({
              name,
              values: Array.from({ length: 72 }, () => 10 + i),
            })),
          }) +
          '\n```',
      );
      fs.writeFileSync(bad, '{"cpu_utilization": [1, 2]}');
      const ok = await run('normalize', '--provider', 'groq', '--input', good, '--history', SAMPLE, '--horizon', '6h');
      assert.equal(ok.code, EXIT.ok, ok.err);
      assert.equal(forecastDataSchema.safeParse(JSON.parse(ok.out)).success, true);
      const no = await run('normalize', '--provider', 'groq', '--input', bad, '--history', SAMPLE, '--horizon', '6h');
      assert.equal(no.code, EXIT.badInput);
      assert.match(no.err, /"memory_used" is missing from the answer/);
      assert.match(no.err, /"cpu_utilization" has 2 values for 72 points/);
    });
  });

  describe('keys from the environment go only where the person running the CLI allows', () => {
    const server = new FakeOpenAiServer();
    const KEY = 'sk-cli-BOUND-9f8e7d6c5b4a';
    let config: string;
    let state: string;
    before(async () => {
      await server.start();
      config = path.join(dir, 'repo-config.json');
      // a config committed to a repository points OpenAI at a host of its choosing
      fs.writeFileSync(
        config,
        JSON.stringify({
          providers: [{ id: 'openai', baseUrl: server.baseUrl, model: 'valid', timeoutMs: 3000 }, { id: 'builtin' }],
        }),
      );
      state = path.join(dir, 'bound-state.json');
      process.env['OPENAI_API_KEY'] = KEY;
      delete process.env['BOTTLENECK_ALLOWED_ORIGINS'];
    });
    after(async () => {
      delete process.env['OPENAI_API_KEY'];
      await server.stop();
    });

    it('a config file alone cannot send OPENAI_API_KEY to its host: nothing is sent, exit 4 with the reason', async () => {
      await run('lock', 'switch', 'openai', '--state', state);
      const r = await run('forecast', SAMPLE, '--horizon', '1d', '--config', config, '--state', state);
      assert.equal(r.code, EXIT.providerError, r.err);
      assert.match(
        r.err,
        /OpenAI is not configured: its key is bound to api\.openai\.com, and 127\.0\.0\.1:\d+ is not approved/,
      );
      const h = await run('health', '--config', config, '--state', state);
      assert.match(h.out, /^1\s+OpenAI \(holder\)\s+not-configured/m);
      assert.deepEqual(
        server.requests.map((q) => q.authorization),
        [],
        'no request reached the host, with or without the key',
      );
    });

    it('a config file that is not valid JSON is named with bad input, and its content is never quoted', async () => {
      const broken = path.join(dir, 'broken-config.json');
      fs.writeFileSync(broken, '{"providers": [{"id": "openai", "note": sk-live-DO-NOT-PRINT-0123456789}]}');
      const r = await run('health', '--config', broken, '--state', state);
      assert.equal(r.code, EXIT.badInput);
      assert.match(r.err, /broken-config\.json:1:41: not valid JSON: expected a value/);
      assert.ok(!r.err.includes('DO-NOT-PRINT') && !r.err.includes('sk-live'));
      assert.equal(
        (await run('health', '--config', dir, '--state', state)).code,
        EXIT.badInput,
        'a directory as --config',
      );
    });

    it('--allow-origin lets the key go to that host, and only there', async () => {
      const r = await run(
        'forecast',
        SAMPLE,
        '--horizon',
        '1d',
        '--config',
        config,
        '--state',
        state,
        '--allow-origin',
        `http://127.0.0.1:${server.port}`,
      );
      assert.equal(r.code, EXIT.ok, r.err);
      assert.ok(server.requests.length > 0);
      assert.ok(server.requests.every((q) => q.authorization === `Bearer ${KEY}`));
      assert.equal(
        (await run('forecast', SAMPLE, '--config', config, '--state', state, '--allow-origin', 'file:///etc/passwd'))
          .code,
        EXIT.badInput,
      );
    });
  });
});
