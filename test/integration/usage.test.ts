import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeOpenAiServer } from '../support/openaiServer';
import { type ForecastData } from '../../src/core/base/forecastSchema';
import { extensionLog, getApi, waitFor } from './util';

const fmt = (n: number): string => n.toLocaleString('en-US');

describe('tokens, estimates and monthly budgets through a local OpenAI-compatible server', function () {
  this.timeout(60_000);
  const server = new FakeOpenAiServer();
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('bottleneck');
  const chats = (): number => server.requests.filter((r) => r.path === '/v1/chat/completions').length;
  const forecast = async (): Promise<ForecastData | undefined> =>
    vscode.commands.executeCommand<ForecastData | undefined>('bottleneck.runForecast', (await getApi()).sampleUri);

  before(async () => {
    await server.start();
    // budgets and prices are the user's own (application scope): a workspace cannot set them
    await config().update('budget.monthlyTokens', { custom: 10_000_000 }, vscode.ConfigurationTarget.Global);
    await config().update('budget.promptPricePerMillion', { custom: 1000 }, vscode.ConfigurationTarget.Global);
    await config().update('budget.completionPricePerMillion', { custom: 2000 }, vscode.ConfigurationTarget.Global);
    await config().update(
      'providers',
      [{ id: 'custom', baseUrl: server.baseUrl, model: 'valid', timeoutMs: 5000 }, { id: 'builtin' }],
      vscode.ConfigurationTarget.Workspace,
    );
    const api = await getApi();
    await waitFor('the new stack', () => api.getProviderStack()[0]?.baseUrl === server.baseUrl);
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'custom');
    await waitFor('custom holds the lock', () => api.getLock().holder === 'custom');
  });
  after(async () => {
    for (const key of ['budget.monthlyTokens', 'budget.promptPricePerMillion', 'budget.completionPricePerMillion'])
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server.stop();
  });

  it('an LLM forecast carries its tokens in ForecastData, this month’s usage and the panel header, with the estimate', async () => {
    const api = await getApi();
    const before = api.getUsage().providers.find((p) => p.provider === 'custom');
    const data = await forecast();
    assert.equal(data?.producer.provider, 'custom', `last failure: ${api.getLastFailure()?.message ?? 'none'}`);
    const usage = data?.producer.usage;
    assert.ok(usage, 'the fake server reports usage');
    // it counts a token per four characters of the request body
    assert.equal(usage.promptTokens, Math.ceil(JSON.stringify(server.requests.at(-1)?.body).length / 4));
    const after = api.getUsage().providers.find((p) => p.provider === 'custom');
    assert.equal(after?.promptTokens, (before?.promptTokens ?? 0) + usage.promptTokens);
    assert.equal(after?.completionTokens, (before?.completionTokens ?? 0) + usage.completionTokens);
    assert.equal(after?.answers, (before?.answers ?? 0) + 1);
    const estimate = Number(((usage.promptTokens * 1000 + usage.completionTokens * 2000) / 1e6).toPrecision(4));
    await waitFor('the panel shows the forecast', () => api.getPanel().showing === data?.createdAt);
    assert.equal(
      api.getPanel().notes.usage,
      `${fmt(usage.promptTokens)} prompt + ${fmt(usage.completionTokens)} completion tokens, ≈ ${estimate} price units (estimate)`,
    );
  });

  it('spending the budget moves the lock to Built-in once: one audit entry, one notification', async () => {
    const api = await getApi();
    const spent = api.getUsage().providers.find((p) => p.provider === 'custom');
    const used = (spent?.promptTokens ?? 0) + (spent?.completionTokens ?? 0);
    // one token left: the next answer spends it
    await config().update('budget.monthlyTokens', { custom: used + 1 }, vscode.ConfigurationTarget.Global);
    const trail = api.getAuditTrail().length;
    const data = await forecast();
    assert.equal(data?.producer.provider, 'custom', 'the answer that spent the budget is shown');
    await waitFor('Built-in holds the lock', () => api.getLock().holder === 'builtin');
    const added = api.getAuditTrail().slice(trail);
    assert.equal(added.length, 1, JSON.stringify(added));
    assert.deepEqual(
      [added[0]?.action, added[0]?.from, added[0]?.to, added[0]?.who],
      ['failover', 'custom', 'builtin', 'monitor'],
    );
    assert.match(
      added[0]?.reason ?? '',
      /^Custom endpoint's monthly token budget is spent: [\d,]+ of [\d,]+ tokens used in \d{4}-\d\d \(UTC\)$/,
    );
    const notice = api.getLastLockNotice();
    assert.equal(
      notice?.message,
      `Bottleneck Forecast: ${added[0]?.reason ?? ''}. The lock moved to Built-in; Custom endpoint can be used again next month (UTC) or with a larger bottleneck.budget.monthlyTokens.`,
    );
    assert.deepEqual(notice?.actions, ['Show Usage', 'Show Audit Trail']);
    await waitFor('the status bar shows Built-in', () => api.getStatusBar()?.text === '$(lock) Built-in');
    // what follows neither asks the spent provider nor moves the lock again
    const asked = chats();
    const next = await forecast();
    await vscode.commands.executeCommand('bottleneck.checkProviderHealth');
    assert.equal(next?.producer.provider, 'builtin');
    assert.equal(chats(), asked, 'nothing more sent to the spent provider');
    assert.equal(api.getAuditTrail().length, trail + 1);
    assert.equal(api.getLastLockNotice(), notice, 'no second notification');
  });

  it('Switch Provider does not give the lock to a provider whose budget is spent', async () => {
    const api = await getApi();
    assert.equal(api.getLock().holder, 'builtin');
    const trail = api.getAuditTrail().length;
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'custom');
    // the warning toast says the same; the log is where a test can read it
    const line = /Switch Provider: custom not given the lock: Custom endpoint's monthly token budget is spent: /;
    const deadline = Date.now() + 10_000;
    while (!line.test(await extensionLog())) {
      assert.ok(Date.now() < deadline, 'the refusal is logged');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(api.getLock().holder, 'builtin', 'the lock stays');
    assert.equal(api.getAuditTrail().length, trail, 'nothing audited: nothing moved');
  });

  it('Show Usage lists this month’s tokens, the spent budget and the estimate', async () => {
    const api = await getApi();
    const month = api.getUsage().month;
    const u = api.getUsage().providers.find((p) => p.provider === 'custom');
    assert.ok(u);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('bottleneck.showUsage');
    const text = doc.getText();
    const lines = text.split('\n');
    assert.equal(lines[0], `# Token usage in ${month} (UTC)`);
    const total = u.promptTokens + u.completionTokens;
    const budget = (config().inspect<Record<string, number>>('budget.monthlyTokens')?.globalValue ?? {})['custom'] ?? 0;
    const estimate = Number(((u.promptTokens * 1000 + u.completionTokens * 2000) / 1e6).toPrecision(4));
    const row = `| Custom endpoint | ${fmt(u.promptTokens)} | ${fmt(u.completionTokens)} | ${fmt(total)} | ${fmt(budget)}: **spent** (100% used) | ≈ ${estimate >= 1000 ? fmt(estimate) : estimate} price units (estimate) |`;
    assert.ok(lines.includes(row), `${row}\nnot in\n${text}`);
    assert.match(text, /no currency is assumed, and they are estimates, not a bill/);
    assert.equal(doc.uri.scheme, 'bottleneck-usage');
  });
});
