import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { getApi, waitFor } from './util';

describe('Switch Provider and Release Provider Lock commands', () => {
  it('Switch Provider moves the lock and the status bar shows the new holder', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'ollama');
    assert.equal(api.getLock().holder, 'ollama');
    // the icon shows Ollama's health (degraded or unhealthy when no Ollama runs here)
    await waitFor('status bar text', () => /^\$\((lock|warning|error)\) Ollama$/.test(api.getStatusBar()?.text ?? ''));
    const last = api.getAuditTrail().at(-1);
    assert.deepEqual([last?.action, last?.from, last?.to, last?.who], ['switch', 'builtin', 'ollama', 'user']);
  });

  it('Release Provider Lock empties the lock and the status bar says so', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.releaseProviderLock');
    assert.equal(api.getLock().holder, null);
    await waitFor('status bar text', () => api.getStatusBar()?.text === '$(unlock) No provider');
    assert.equal(api.getAuditTrail().at(-1)?.action, 'release');
  });

  it('Switch Provider on a released lock acquires it', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand('bottleneck.switchProvider', 'builtin');
    assert.equal(api.getLock().holder, 'builtin');
    assert.equal(api.getAuditTrail().at(-1)?.action, 'acquire');
  });

  it('Show Audit Trail opens a read-only, titled, rendered view, newest first (never an unsaved buffer)', async () => {
    const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    await vscode.commands.executeCommand('bottleneck.showAuditTrail');
    await waitFor('the rendered audit trail among the tabs', () =>
      tabs().some((t) => t.label === 'Preview Provider Lock Audit Trail.md'),
    ).catch((err: unknown) => {
      throw new Error(
        `${String(err)}; tabs: ${tabs()
          .map((t) => t.label)
          .join(', ')}`,
      );
    });
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'bottleneck-audit');
    assert.ok(doc, 'the trail is a document of its own scheme');
    assert.equal(doc.isUntitled, false);
    assert.equal(doc.isDirty, false);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, 0, 'no untitled buffer was opened');
    const text = doc.getText();
    assert.match(text, /provider lock audit trail/);
    assert.ok(text.includes('| release | Ollama | — | user |'));
    assert.ok(
      text.indexOf('| acquire | — | Built-in | user |') < text.indexOf('| release | Ollama | — | user |'),
      'newest entry first',
    );
    const preview = tabs().find((t) => t.label === 'Preview Provider Lock Audit Trail.md');
    if (preview) await vscode.window.tabGroups.close(preview);
  });

  it('Export Audit Trail writes JSON Lines with one entry per change', async () => {
    const api = await getApi();
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-')), 'audit.jsonl'));
    await vscode.commands.executeCommand('bottleneck.exportAuditTrail', target);
    const lines = fs.readFileSync(target.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines.length, api.getAuditTrail().length);
    assert.deepEqual(JSON.parse(lines.at(-1) ?? '{}'), api.getAuditTrail().at(-1));
  });

  it('persists every change to workspaceState', async () => {
    const api = await getApi();
    const stored = api.testing?.readStoredState('bottleneck.providerLock') as { holder: string; audit: unknown[] };
    assert.equal(stored.holder, 'builtin');
    assert.equal(stored.audit.length, api.getAuditTrail().length);
  });
});
