import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, waitFor } from './util';

describe('Activation', () => {
  it('activates and reports its activation time', async () => {
    const api = await getApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.activationMs > 0 && api.activationMs < 10_000, `activationMs = ${api.activationMs}`);
    console.log(`[it]     (activate() took ${api.activationMs.toFixed(1)} ms)`);
  });

  it('does not load the openai package (dist/openai.js) to activate or to probe: only a chat completion does', async () => {
    const api = await getApi();
    // the first health round has probed Ollama (tier 2, no key needed)
    await waitFor(
      'the first probe of Ollama',
      () => api.getHealth().find((h) => h.id === 'ollama')?.lastProbeAt != null,
      15_000,
    );
    const loaded = Object.keys(require.cache).filter((k) => /[\\/]dist[\\/]openai\.js$/.test(k));
    assert.deepEqual(loaded, []);
  });

  it('gives the lock to the built-in forecaster on the first run in a workspace', async () => {
    const api = await getApi();
    assert.equal(api.getLock().holder, 'builtin');
    const first = api.getAuditTrail()[0];
    assert.deepEqual([first?.action, first?.to, first?.who], ['acquire', 'builtin', 'startup']);
    assert.equal(api.getStatusBar()?.text, '$(lock) Built-in');
  });

  it('registers every command that package.json contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (
      extension?.packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 7);
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
    );
  });

  it('reads the provider stack from the workspace settings in tier order', async () => {
    const api = await getApi();
    assert.deepEqual(
      api.getProviderStack().map((e) => e.id),
      ['groq', 'ollama', 'builtin'],
    );
  });

  it('lists the stack with each tier state in the status bar tooltip', async () => {
    const tooltip = (await getApi()).getStatusBar()?.tooltip ?? '';
    assert.match(
      tooltip,
      /\| 1 \| Groq `llama-3\.3-70b-versatile` \| sent to api\.groq\.com \| (not checked yet|not configured) · no key \|/,
    );
    assert.match(tooltip, /\| 3 \| Built-in \$\(lock\) \| stays on this machine \| always available \|/);
    assert.match(tooltip, /command:bottleneck\.switchProvider/);
  });
});
