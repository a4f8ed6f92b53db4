import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getApi, waitFor } from './util';

describe('After a window reload', () => {
  it('the lock is restored from workspaceState, pinned to the person choice', async () => {
    const api = await getApi();
    assert.equal(api.getLock().holder, 'groq');
    assert.equal(api.getLock().pinned, true);
    assert.equal(api.startupRecovery, undefined);
  });

  it('the audit trail is restored whole, and no startup entry was added', async () => {
    const trail = (await getApi()).getAuditTrail();
    assert.deepEqual(
      trail.map((e) => e.action),
      ['acquire', 'switch', 'release', 'acquire', 'switch'],
    );
    assert.deepEqual(
      trail.map((e) => e.who),
      ['startup', 'user', 'user', 'user', 'user'],
    );
  });

  it('the status bar shows the restored holder, with a warning: it has no key, so it cannot forecast', async () => {
    const api = await getApi();
    await waitFor('the first health round', () => api.getStatusBar()?.text === '$(warning) Groq', 15_000);
    assert.equal(api.getStatusBar()?.warning, true);
    assert.match(api.getStatusBar()?.tooltip ?? '', /Groq cannot forecast: no API key/);
  });

  it('Run Forecast with Groq holding the lock and no key says so, and keeps the lock', async () => {
    const api = await getApi();
    assert.ok(
      (await vscode.commands.executeCommand('bottleneck.runForecast', api.sampleUri)) === undefined,
      'no forecast',
    );
    assert.equal(api.getLastFailure()?.failure, 'not-configured');
    assert.match(api.getLastFailure()?.message ?? '', /Groq is not configured: no API key is set/);
    assert.deepEqual(api.getLastFailure()?.actions, ['Set API Key', 'Switch Provider']);
    assert.equal(api.getLock().holder, 'groq');
  });

  it('the panel reports the missing key, and the report goes once the key is stored (Set API Key)', async () => {
    const api = await getApi();
    await waitFor('the panel says no key is set', () => /no API key is set/.test(api.getPanel().status.message ?? ''));
    await vscode.commands.executeCommand('bottleneck.setApiKey', 'groq', 'gsk_it-not-a-real-key-0000', {
      probe: false,
    });
    await waitFor('the banner clears', () => api.getPanel().status.kind === 'empty');
    await vscode.commands.executeCommand('bottleneck.clearApiKey', 'groq');
  });

  it('stores a corrupt lock state (and token usage) for the next phase to find', async () => {
    const api = await getApi();
    assert.ok(api.testing, 'the testing API is present in test mode');
    await api.testing.writeStoredState('bottleneck.providerLock', { version: 1, holder: 'skynet', audit: 'oops' });
    await api.testing.writeStoredState('bottleneck.usage', { version: 1, months: { '2026-13': 'lots' } });
    assert.deepEqual(api.testing.readStoredState('bottleneck.providerLock'), {
      version: 1,
      holder: 'skynet',
      audit: 'oops',
    });
  });
});
