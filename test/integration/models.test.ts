import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeOpenAiServer } from '../support/openaiServer';
import { getApi, waitFor } from './util';

describe('models: what the provider serves, and choosing one', function () {
  this.timeout(60_000);
  const server = new FakeOpenAiServer();
  const config = () => vscode.workspace.getConfiguration('bottleneck');

  before(async () => {
    await server.start();
    server.models = ['alpha', 'valid'];
    await config().update('health.unhealthyAfter', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update(
      'providers',
      [{ id: 'custom', baseUrl: server.baseUrl, model: 'gpt-typo', timeoutMs: 5000 }, { id: 'builtin' }],
      vscode.ConfigurationTarget.Workspace,
    );
    const api = await getApi();
    await waitFor('the stack with the misspelt model', () => api.getProviderStack()[0]?.model === 'gpt-typo');
    // (the suite before stopped its server: the endpoint's health starts over from what this one answers)
    await vscode.commands.executeCommand('bottleneck.checkProviderHealth');
    await waitFor('an answer from this server', () =>
      ['degraded', 'healthy'].includes(api.getHealth().find((h) => h.id === 'custom')?.state ?? ''),
    );
  });
  after(async () => {
    await server.stop();
  });

  it('a configured model the endpoint does not list is flagged (degraded, "model not served") before any forecast, and keeps the lock', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'custom');
    const chatBefore = server.requests.filter((r) => r.path === '/v1/chat/completions').length;
    await vscode.commands.executeCommand('bottleneck.checkProviderHealth');
    await waitFor('the flag', () => api.getHealth().find((h) => h.id === 'custom')?.modelNotServed === 'gpt-typo');
    const h = api.getHealth().find((x) => x.id === 'custom');
    assert.equal(h?.state, 'degraded');
    assert.equal(h?.reason, 'model not served: "gpt-typo" is not among the 2 models it lists');
    await waitFor('the warning in the status bar', () => api.getStatusBar()?.text === '$(warning) Custom endpoint');
    assert.match(api.getStatusBar()?.tooltip ?? '', /Custom endpoint: model not served: "gpt-typo"/);
    assert.equal(api.getLock().holder, 'custom', 'a setting to fix, not an outage: no failover');
    assert.equal(
      server.requests.filter((r) => r.path === '/v1/chat/completions').length,
      chatBefore,
      'found by the probe, not by a failed forecast',
    );
  });

  it("Select Model writes the model into the workspace's entry (where this stack is defined), and the flag goes", async () => {
    const api = await getApi();
    const result = await vscode.commands.executeCommand('bottleneck.selectModel', 'custom', 'valid');
    assert.equal(result, 'valid');
    const inspected = config().inspect<unknown>('providers');
    assert.equal(
      JSON.stringify(inspected?.workspaceValue),
      JSON.stringify([{ id: 'custom', baseUrl: server.baseUrl, model: 'valid', timeoutMs: 5000 }, { id: 'builtin' }]),
    );
    assert.equal(JSON.stringify(inspected?.globalValue), undefined, "the user's settings are not touched");
    await waitFor('the stack in force', () => api.getProviderStack()[0]?.model === 'valid');
    await vscode.commands.executeCommand('bottleneck.checkProviderHealth');
    await waitFor('healthy again', () => api.getHealth().find((h) => h.id === 'custom')?.state === 'healthy');
    assert.equal(api.getHealth().find((h) => h.id === 'custom')?.modelNotServed, undefined);
    await waitFor('the lock icon', () => api.getStatusBar()?.text === '$(lock) Custom endpoint');
    assert.match(api.getStatusBar()?.tooltip ?? '', /Held by \*\*Custom endpoint\*\*, model `valid`/);
  });

  it('Select Model for a provider that is not in the stack says so and writes nothing', async () => {
    const before = JSON.stringify(config().inspect<unknown>('providers')?.workspaceValue);
    assert.equal(await vscode.commands.executeCommand('bottleneck.selectModel', 'groq', 'x'), undefined);
    assert.equal(JSON.stringify(config().inspect<unknown>('providers')?.workspaceValue), before);
  });
});
