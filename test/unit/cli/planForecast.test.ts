import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { type RunningServer, diskHistory, freePort, startPrometheus } from '../../support/metricServers';
import { FakeOpenAiServer } from '../../support/openaiServer';

describe('bottleneck forecast --plan (a real Prometheus on 127.0.0.1)', function () {
  this.timeout(120_000);
  let prom: RunningServer;
  let dir: string;
  const plan = (url: string, extra: Record<string, unknown> = {}): string => {
    const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
    const body = {
      sources: [{ name: 'prod', url, ...extra }],
      lookback: '21d',
      metrics: [{ name: 'disk_used', query: 'disk_used_bytes', unit: 'B', capacity: 'disk_size_bytes' }],
      thresholds: { warning: '7d', critical: '4d' },
    };
    fs.writeFileSync(file, `// reviewed like code\n${JSON.stringify(body, null, 2)}\n`);
    return file;
  };
  const state = (): string => path.join(dir, `state-${Math.random().toString(36).slice(2)}.json`);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-cli-plan-'));
    prom = await startPrometheus(diskHistory(Date.now()));
  });
  after(async () => {
    await prom?.stop();
  });

  it("forecasts the plan's live series, names the bottleneck series and gates on the plan's thresholds (exit 3)", async () => {
    const file = plan(prom.url);
    const table = await runCli('forecast', '--plan', file, '--state', state());
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, /Bottleneck: disk_used\{instance="db-2"\} reaches/);
    assert.match(table.err, /^critical: disk_used\{instance="db-2"\} may breach within .* \(critical within 4 d\)$/m);
    const gated = await runCli('forecast', '--plan', file, '--state', state(), '--fail-on', 'plan', '--format', 'json');
    assert.equal(gated.code, 3, gated.err);
    assert.equal(JSON.parse(gated.out).bottleneck.metric, 'disk_used{instance="db-2"}');
  });

  it('exits 5 with one sentence when the source is down', async () => {
    const down = await runCli('forecast', '--plan', plan(`http://127.0.0.1:${await freePort()}`), '--state', state());
    assert.equal(down.code, 5);
    assert.match(down.err, /^bottleneck: source "prod" \(127\.0\.0\.1:\d+\) cannot be reached \(ECONNREFUSED\)/);
    assert.doesNotMatch(down.err, /\n\s+at /, 'no stack trace');
  });

  it('takes a token from BOTTLENECK_SOURCE_<NAME>_TOKEN, sent only to an origin allowed outside the plan', async () => {
    const file = plan(prom.url, { auth: { type: 'bearer' } });
    const missing = await runCli('forecast', '--plan', file, '--state', state());
    assert.equal(missing.code, 5);
    assert.match(
      missing.err,
      /needs a token, and none is set for it: set BOTTLENECK_SOURCE_PROD_TOKEN in the environment/,
    );
    process.env['BOTTLENECK_SOURCE_PROD_TOKEN'] = 'tok';
    try {
      const refused = await runCli('forecast', '--plan', file, '--state', state());
      assert.equal(refused.code, 5);
      assert.match(refused.err, /allow it with --allow-origin http:\/\/127\.0\.0\.1:\d+/);
      const allowed = await runCli('forecast', '--plan', file, '--state', state(), '--allow-origin', prom.url);
      assert.equal(allowed.code, 0, allowed.err);
    } finally {
      delete process.env['BOTTLENECK_SOURCE_PROD_TOKEN'];
    }
  });

  it('goes through the provider lock like a file: an LLM provider holding it forecasts the series', async () => {
    const llm = await new FakeOpenAiServer().start();
    const config = path.join(dir, 'providers.json');
    fs.writeFileSync(config, JSON.stringify({ providers: [{ id: 'custom', baseUrl: llm.baseUrl, model: 'valid' }] }));
    process.env['BOTTLENECK_CUSTOM_API_KEY'] = 'sk-plan-FAKE';
    try {
      const s = state();
      await runCli('lock', 'switch', 'custom', '--state', s);
      const args = ['forecast', '--plan', plan(prom.url), '--state', s, '--config', config, '--horizon', '1d'];
      const r = await runCli(...args, '--allow-origin', `http://127.0.0.1:${llm.port}`);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /by custom valid/);
      const body = llm.requests.at(-1)?.body as { messages: { content: string }[] };
      const prompt = body.messages.map((m) => m.content).join('\n');
      assert.ok(prompt.includes('disk_used{instance=') && prompt.includes('db-2'), 'the series go to the provider');
      assert.ok(!prompt.includes(prom.url), "the plan's source does not");
    } finally {
      delete process.env['BOTTLENECK_CUSTOM_API_KEY'];
      await llm.stop();
    }
  });
});
