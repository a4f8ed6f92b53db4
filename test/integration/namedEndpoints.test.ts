import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeOpenAiServer } from '../support/openaiServer';
import { getApi, waitFor } from './util';

const KEY_ONE = 'sk-it-ONE-0f1e2d3c4b5a69788796a5b4';
const KEY_EU = 'sk-it-EU-a1b2c3d4e5f60718293a4b5c';

/**
 * Several OpenAI-compatible endpoints: the unnamed `custom` (a single custom entry, as it was
 * before names existed) and `custom:gateway-eu`, each on its own local server. Each has its
 * own key, health, lock identity and audit entries.
 */
describe('named custom endpoints: their own key, health and lock identity', function () {
  this.timeout(60_000);
  const one = new FakeOpenAiServer();
  const eu = new FakeOpenAiServer();
  const config = () => vscode.workspace.getConfiguration('bottleneck');
  const health = async (id: string) => (await getApi()).getHealth().find((h) => h.id === id);
  const keysSeen = (server: FakeOpenAiServer, since: number) => [
    ...new Set(server.requests.filter((r) => r.at >= since).map((r) => r.authorization ?? 'none')),
  ];

  before(async () => {
    await one.start();
    await eu.start();
    const api = await getApi();
    // a single custom entry with its key, as a person had it before named endpoints
    await config().update(
      'providers',
      [{ id: 'custom', baseUrl: one.baseUrl, model: 'valid', timeoutMs: 5000 }, { id: 'builtin' }],
      vscode.ConfigurationTarget.Workspace,
    );
    await waitFor('the single custom stack', () => api.getProviderStack()[0]?.baseUrl === one.baseUrl);
    assert.equal(
      await vscode.commands.executeCommand('bottleneck.setApiKey', 'custom', KEY_ONE, { probe: true }),
      'works',
    );
  });
  after(async () => {
    await one.stop();
    await eu.stop();
  });

  it('adding a named endpoint leaves the existing custom entry and its stored key working', async () => {
    const api = await getApi();
    const since = Date.now();
    await config().update(
      'providers',
      [
        { id: 'custom', baseUrl: one.baseUrl, model: 'valid', timeoutMs: 5000 },
        { id: 'custom:gateway-eu', baseUrl: eu.baseUrl, model: 'valid', timeoutMs: 5000 },
        { id: 'builtin' },
      ],
      vscode.ConfigurationTarget.Workspace,
    );
    await waitFor('the named endpoint in the stack', () => api.getProviderStack()[1]?.id === 'custom:gateway-eu');
    await vscode.commands.executeCommand('bottleneck.checkProviderHealth');
    await waitFor(
      'both probed',
      () => eu.requests.some((r) => r.at >= since) && one.requests.some((r) => r.at >= since),
    );
    assert.equal((await health('custom'))?.state, 'healthy');
    assert.deepEqual(keysSeen(one, since), [`Bearer ${KEY_ONE}`], 'the unnamed endpoint still gets its key');
    assert.deepEqual(keysSeen(eu, since), ['none'], "the named endpoint has no key yet: the other's is not sent to it");
  });

  it('each endpoint has its own key: stored for one, never sent to the other', async () => {
    const since = Date.now();
    assert.equal(
      await vscode.commands.executeCommand('bottleneck.setApiKey', 'custom:gateway-eu', KEY_EU, { probe: true }),
      'works',
    );
    await vscode.commands.executeCommand('bottleneck.checkProviderHealth');
    assert.deepEqual(keysSeen(eu, since), [`Bearer ${KEY_EU}`]);
    assert.ok(!keysSeen(one, since).includes(`Bearer ${KEY_EU}`));
    const tooltip = (await getApi()).getStatusBar()?.tooltip ?? '';
    assert.match(
      tooltip,
      /\| 1 \| Custom endpoint `valid`( \$\(lock\))? \| this machine \([^)]*\) \| healthy [^|]*key set \|/,
    );
    assert.match(
      tooltip,
      /\| 2 \| Custom endpoint gateway-eu `valid`( \$\(lock\))? \| this machine \([^)]*\) \| healthy [^|]*key set \|/,
    );
  });

  it('each has its own health: the named endpoint down, the unnamed one healthy', async () => {
    await eu.stop();
    await vscode.commands.executeCommand('bottleneck.checkProviderHealth');
    const named = await health('custom:gateway-eu');
    assert.ok(named?.state === 'degraded' || named?.state === 'unhealthy', JSON.stringify(named));
    assert.equal(named?.lastError?.failure, 'network');
    assert.equal((await health('custom'))?.state, 'healthy');
    await eu.restart();
  });

  it('each is a lock holder of its own, in the audit trail by its id', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'custom:gateway-eu');
    await waitFor('the named endpoint holds the lock', () => api.getLock().holder === 'custom:gateway-eu');
    assert.match(api.getStatusBar()?.text ?? '', /Custom endpoint gateway-eu$/);
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'custom');
    await waitFor('the unnamed one holds it', () => api.getLock().holder === 'custom');
    const trail = api.getAuditTrail().slice(-2);
    assert.deepEqual(
      trail.map((e) => [e.from, e.to, e.who]),
      [
        [trail[0]?.from ?? null, 'custom:gateway-eu', 'user'],
        ['custom:gateway-eu', 'custom', 'user'],
      ],
    );
  });

  it('Clear API Key clears only that endpoint', async () => {
    await vscode.commands.executeCommand('bottleneck.clearApiKey', 'custom:gateway-eu');
    const api = await getApi();
    await waitFor('no key for gateway-eu, a key for the unnamed one', () => {
      const tooltip = api.getStatusBar()?.tooltip ?? '';
      return (
        /\| 2 \| Custom endpoint gateway-eu[^|]*\| [^|]* \| [^|]*no key \|/.test(tooltip) &&
        /\| 1 \| Custom endpoint `valid`[^|]*\| [^|]* \| [^|]*key set \|/.test(tooltip)
      );
    });
  });
});
