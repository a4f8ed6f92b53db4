import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Locator } from 'playwright-core';
import * as os from 'node:os';
import { ARTIFACTS, Workbench } from '../e2e/workbench';
import { copyWorkspace } from '../harness/browser';
import { REPO_ROOT, ensureTestEnv } from '../harness/testEnv';
import { installExtension } from '../harness/vscodeServer';
import { VSIX, packageExtension } from '../harness/vsix';
import { FakeOpenAiServer } from '../support/openaiServer';

/**
 * The notifications a person actually sees. Only a workbench without the test driver shows
 * toasts (with it they only light the bell), and that workbench runs installed extensions:
 * so the package is installed, as in the installed-extension suite (whose package is reused
 * when it is newer than the build). Each notice is read from its toast in the DOM, its
 * button clicked, and what the button does checked on the screen.
 */
describe('Notification toasts, in the workbench as a user gets it (smoke)', function () {
  this.timeout(300_000);
  const ollama = new FakeOpenAiServer();
  let workspace: string;
  let extensionsDir: string;
  let wb: Workbench;

  /** The toast whose message contains `text` (toasts, not the notification centre). */
  const toast = (text: string | RegExp): Locator =>
    wb.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const buttonsOf = async (t: Locator): Promise<string[]> =>
    (await t.locator('.monaco-button').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
  /** Opens a workspace file through Quick Open, as a person does. */
  const openFile = async (name: string): Promise<void> => {
    await wb.runCommand('Go to File...');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill(name);
    await wb.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: name })
      .first()
      .waitFor({ timeout: 15_000 });
    await input.press('Enter');
    await wb.page.locator(`.tab.active[data-resource-name="${name}"]`).first().waitFor({ timeout: 30_000 });
  };

  before(async () => {
    const env = ensureTestEnv();
    const built = fs.statSync(path.join(REPO_ROOT, 'dist', 'extension.js')).mtimeMs;
    if (!fs.existsSync(VSIX) || fs.statSync(VSIX).mtimeMs < built)
      packageExtension(path.join(ARTIFACTS, 'smoke-notifications-package.log'));
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-smoke-extensions-'));
    assert.match(installExtension(env, VSIX, extensionsDir), /successfully installed/i);
    await ollama.start();
    workspace = copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'));
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify(
        {
          'bottleneck.providers': [
            { id: 'ollama', baseUrl: ollama.baseUrl, model: 'valid', timeoutMs: 3000 },
            { id: 'builtin' },
          ],
          'bottleneck.health.unhealthyAfter': 1,
        },
        null,
        2,
      ),
    );
    // a CSV with no time column: the loader's one sentence, at its line and column
    fs.writeFileSync(path.join(workspace, 'broken.csv'), 'host,cpu\nweb-1,41\nweb-2,43\n');
    wb = await Workbench.open(env, {
      extensionsDir,
      workspace,
      asUser: true,
      serverLog: 'smoke-notifications-server.log',
    });
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 90_000 });
  });
  after(async () => {
    await wb?.close();
    await ollama.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    if (extensionsDir) fs.rmSync(extensionsDir, { recursive: true, force: true });
  });

  it('a file that cannot be read: the error toast names it and says why, and its button opens it', async () => {
    await openFile('broken.csv');
    await wb.runCommand('Bottleneck: Run Forecast');
    const shown = toast('broken.csv');
    await shown.waitFor({ timeout: 60_000 });
    const message = await shown.locator('.notification-list-item-message').innerText();
    assert.match(message, /^Bottleneck Forecast could not read broken\.csv: .*no time column in the header/);
    assert.doesNotMatch(message, /\n\s+at |Error:/, 'one sentence, no stack');
    assert.deepEqual(await buttonsOf(shown), ['Open File']);
    assert.equal(await shown.locator('.codicon-error').count(), 1, 'shown as an error');
    await wb.screenshot('smoke-toast-unreadable-file.png');
    // with every editor closed (the toast stays), the button has to open the file itself
    await wb.runCommand('View: Close All Editors');
    await wb.page
      .locator('.tab[data-resource-name="broken.csv"]')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 });
    assert.ok(await shown.isVisible(), 'the error toast stays until dismissed');
    await shown.locator('.monaco-button', { hasText: 'Open File' }).click();
    await wb.page.locator('.tab.active[data-resource-name="broken.csv"]').first().waitFor({ timeout: 30_000 });
    await shown.waitFor({ state: 'hidden', timeout: 15_000 });
  });

  it('the provider holding the lock goes down: one warning toast says so, and Show Audit Trail shows the failover', async () => {
    await wb.runCommand('Bottleneck: Switch Provider');
    await wb.pick('Ollama');
    await wb.providerStatus().filter({ hasText: 'Ollama' }).waitFor({ timeout: 30_000 });
    await ollama.stop();
    const moved = toast('The lock moved to Built-in');
    // each check is a probe round; one failed probe makes Ollama unhealthy here
    for (let attempt = 1; !(await moved.isVisible()); attempt++) {
      if (attempt > 6) throw new Error('no failover toast after 6 health checks');
      await wb.runCommand('Bottleneck: Check Provider Health');
      await moved.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    const message = await moved.locator('.notification-list-item-message').innerText();
    assert.match(message, /^Bottleneck Forecast: Ollama is unhealthy: network.*\. The lock moved to Built-in\.$/);
    assert.deepEqual(await buttonsOf(moved), ['Switch Provider', 'Show Audit Trail']);
    assert.equal(await moved.locator('.codicon-warning').count(), 1, 'shown as a warning');
    assert.equal(
      await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'The lock moved' }).count(),
      1,
      'one toast for one move of the lock',
    );
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 15_000 });
    await wb.screenshot('smoke-toast-failover.png');
    await moved.locator('.monaco-button', { hasText: 'Show Audit Trail' }).click();
    await wb.page.locator('.tab.active', { hasText: 'Provider Lock Audit Trail' }).first().waitFor({ timeout: 30_000 });
    // the rendered trail (a Markdown preview, in a frame of its own) has the failover, newest first
    const rendered = async (): Promise<string> => {
      for (const frame of wb.page.frames()) {
        const body = await frame
          .locator('body')
          .innerText({ timeout: 1_000 })
          .catch(() => '');
        if (body.includes('provider lock audit trail')) return body;
      }
      return '';
    };
    let body = '';
    for (let i = 0; i < 30 && !/failover/.test(body); i++) {
      body = await rendered();
      if (!/failover/.test(body)) await new Promise((r) => setTimeout(r, 500));
    }
    // the newest row first: the monitor's failover from Ollama to Built-in
    assert.match(body, /\|?\s*failover\s*\|?\s*Ollama\s*\|?\s*Built-in\s*\|?\s*monitor/);
    await moved.waitFor({ state: 'hidden', timeout: 15_000 });
  });
});
