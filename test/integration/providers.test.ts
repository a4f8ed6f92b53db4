import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeOpenAiServer } from '../support/openaiServer';
import { forecastDataSchema, type ForecastData } from '../../src/core/base/forecastSchema';
import { getApi, waitFor } from './util';

const FAKE_KEY = 'sk-it-FAKE-7d1b2c3a4e5f60718293a4b5c6d7e8f9';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

describe('LLM providers through a local OpenAI-compatible server', function () {
  this.timeout(60_000);
  const server = new FakeOpenAiServer();

  before(async () => {
    await server.start();
    await vscode.workspace
      .getConfiguration('bottleneck')
      .update(
        'providers',
        [
          { id: 'custom', baseUrl: server.baseUrl, model: 'valid', timeoutMs: 5000 },
          { id: 'openai', baseUrl: server.baseUrl, model: '401', timeoutMs: 5000 },
          { id: 'builtin' },
        ],
        vscode.ConfigurationTarget.Workspace,
      );
    const api = await getApi();
    await waitFor('the new provider stack', () => api.getProviderStack()[0]?.id === 'custom');
  });
  after(async () => {
    await server.stop();
  });

  it('Set API Key stores the key in SecretStorage and the probe says it works', async () => {
    const api = await getApi();
    const before = server.requests.length;
    const t0 = Date.now();
    const result = await vscode.commands.executeCommand('bottleneck.setApiKey', 'custom', `  ${FAKE_KEY}  `, {
      probe: true,
    });
    assert.equal(result, 'works');
    // one probe for one key change: the check joins the round the change started
    const keyed = server.requests.slice(before).filter((r) => r.authorization === `Bearer ${FAKE_KEY}`);
    assert.deepEqual(
      keyed.map((r) => r.path),
      ['/v1/models'],
      JSON.stringify(server.requests.map((r) => [r.path, r.authorization?.slice(0, 12), r.at - t0])),
    );
    // the check's probe is the monitor's, so it is the health the status bar shows
    assert.equal(api.getHealth().find((h) => h.id === 'custom')?.state, 'healthy');
    assert.equal(server.requests.at(-1)?.path, '/v1/models');
    assert.equal(server.requests.at(-1)?.authorization, `Bearer ${FAKE_KEY}`, 'the key was trimmed');
    await waitFor('key set in the tooltip', () =>
      /\| 1 \| Custom endpoint `valid` \| this machine \(127\.0\.0\.1:\d+\) \| [^|]*key set \|/.test(
        api.getStatusBar()?.tooltip ?? '',
      ),
    );
  });

  it('an empty key is rejected and nothing is stored', async () => {
    assert.equal(
      await vscode.commands.executeCommand('bottleneck.setApiKey', 'groq', '   ', { probe: false }),
      undefined,
    );
  });

  it('with the provider holding the lock, Run Forecast returns its forecast as ForecastData', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'custom');
    await waitFor('status bar', () => api.getStatusBar()?.text === '$(lock) Custom endpoint');
    const data = await vscode.commands.executeCommand<ForecastData | undefined>(
      'bottleneck.runForecast',
      api.sampleUri,
    );
    assert.ok(data, `a forecast (last failure: ${api.getLastFailure()?.message ?? 'none'})`);
    assert.ok(forecastDataSchema.safeParse(data).success);
    assert.deepEqual([data.producer.provider, data.producer.model], ['custom', 'valid']);
    assert.equal(data.metrics.length, 5);
    const chat = server.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.equal(chat.length, 1, 'exactly one request, to the lock holder only');
  });

  it('a 401 fails the lock over with a message that names the provider and offers Set API Key; the request is retried once on the new holder, below the hand-chosen one', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.setApiKey', 'openai', FAKE_KEY, { probe: false });
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'openai');
    const before = server.requests.filter((r) => r.path === '/v1/chat/completions').length;
    const data = await vscode.commands.executeCommand<ForecastData | undefined>(
      'bottleneck.runForecast',
      api.sampleUri,
    );
    // (never hand a whole forecast to assert.equal: a failing diff of it takes minutes)
    assert.equal(
      data?.producer.provider,
      'builtin',
      'the forecast came from the new holder: the tier below OpenAI, not the healthy Custom endpoint above it',
    );
    const notice = api.getLastLockNotice();
    assert.match(
      notice?.message ?? '',
      /^Bottleneck Forecast: OpenAI is unhealthy: auth \(HTTP 401\); it was chosen by hand\. The lock moved to Built-in\.$/,
    );
    assert.deepEqual(notice?.actions, ['Set API Key', 'Switch Provider', 'Show Audit Trail']);
    const entry = api.getAuditTrail().at(-1);
    assert.deepEqual([entry?.action, entry?.from, entry?.to, entry?.who], ['failover', 'openai', 'builtin', 'monitor']);
    const models = server.requests
      .filter((r) => r.path === '/v1/chat/completions')
      .slice(before)
      .map((r) => (r.body as { model: string }).model);
    assert.deepEqual(models, ['401'], 'one request to the failed holder; the retry ran on the built-in forecaster');
    assert.equal(api.getLock().holder, 'builtin');
    // the panel says who was asked, what failed, and who made the forecast it shows
    assert.match(
      api.getPanel().notes.failover ?? '',
      /^OpenAI was asked first and failed: OpenAI rejected the API key \(HTTP 401\).*The lock moved to Built-in, which made this forecast\.$/,
    );
  });

  it('the key appears nowhere: not in logs, messages, the audit trail, stored state, the ledger or the forecast', async () => {
    const api = await getApi();
    await new Promise((r) => setTimeout(r, 1500)); // let the log channel flush to disk
    const places: [string, string][] = [
      ['last failure message', JSON.stringify(api.getLastFailure() ?? {})],
      ['last forecast', JSON.stringify(api.getLastForecast() ?? {})],
      ['audit trail', JSON.stringify(api.getAuditTrail())],
      ['status bar', JSON.stringify(api.getStatusBar() ?? {})],
      ...(api.testing?.storedKeys() ?? []).map((k): [string, string] => [
        `workspaceState ${k}`,
        JSON.stringify(api.testing?.readStoredState(k)),
      ]),
    ];
    const logs = filesUnder(api.testing?.logUri.fsPath ?? '');
    assert.ok(logs.length > 0, `log files exist under ${api.testing?.logUri.fsPath ?? ''}`);
    for (const file of logs) places.push([`log ${path.basename(file)}`, fs.readFileSync(file, 'utf8')]);
    const logText = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.match(
      logText,
      /OpenAI is unhealthy: auth \(HTTP 401\)/,
      'the failure was logged (so the search covered real log lines)',
    );
    const hits = places.filter(([, text]) => text.includes(FAKE_KEY) || text.includes(FAKE_KEY.slice(8)));
    assert.deepEqual(
      hits.map(([where]) => where),
      [],
    );
  });

  it('Clear API Key removes the key', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.clearApiKey', 'custom');
    await waitFor('no key in the tooltip', () =>
      /Custom endpoint `valid`( \$\(lock\))? \| [^|]* \| [^|]*no key \|/.test(api.getStatusBar()?.tooltip ?? ''),
    );
  });

  it('killing the server that holds the lock moves the status bar to Built-in and audits the failover', async () => {
    const api = await getApi();
    const config = vscode.workspace.getConfiguration('bottleneck');
    await config.update('health.unhealthyAfter', 1, vscode.ConfigurationTarget.Workspace);
    await config.update(
      'providers',
      [{ id: 'custom', baseUrl: server.baseUrl, model: 'valid', timeoutMs: 3000 }, { id: 'builtin' }],
      vscode.ConfigurationTarget.Workspace,
    );
    await waitFor('the two-tier stack', () => api.getProviderStack().length === 2);
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'custom');
    await waitFor('custom holds the lock', () => api.getStatusBar()?.text === '$(lock) Custom endpoint');
    await server.stop();
    await vscode.commands.executeCommand('bottleneck.checkProviderHealth');
    await waitFor('the status bar shows Built-in', () => api.getStatusBar()?.text === '$(lock) Built-in', 15_000);
    const entry = api.getAuditTrail().at(-1);
    assert.deepEqual([entry?.action, entry?.from, entry?.to, entry?.who], ['failover', 'custom', 'builtin', 'monitor']);
    assert.match(entry?.reason ?? '', /Custom endpoint is unhealthy: network/);
    assert.equal(api.getHealth().find((h) => h.id === 'custom')?.state, 'unhealthy');
    assert.match(
      api.getStatusBar()?.tooltip ?? '',
      /\| 1 \| Custom endpoint `valid` \| [^|]* \| unhealthy · .*last error: network/,
    );
  });
});
