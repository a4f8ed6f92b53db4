import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbench } from './workbench';
import { copyWorkspace } from '../harness/browser';
import { REPO_ROOT } from '../harness/testEnv';
import { FakeOpenAiServer } from '../support/openaiServer';

/**
 * Select Model in the real workbench: the list is what a local OpenAI-compatible server's
 * /models returns, the current model is marked, and the choice is written where the stack
 * in force is defined (here the workspace's own settings). Switch Provider's row button
 * opens the same list.
 */
describe('Select Model in the real workbench (e2e)', function () {
  this.timeout(240_000);
  const server = new FakeOpenAiServer();
  let workspace: string;
  let wb: Workbench;
  const settingsFile = (): string => path.join(workspace, '.vscode', 'settings.json');
  const input = () => wb.page.locator('.quick-input-widget input');
  const rows = () => wb.page.locator('.quick-input-widget .monaco-list-row');
  const placeholder = async (pattern: RegExp): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!pattern.test((await input().getAttribute('placeholder')) ?? '')) {
      if (Date.now() > deadline)
        throw new Error(`the placeholder never said ${String(pattern)}: ${await input().getAttribute('placeholder')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** Each row's label and description as shown. */
  const shown = (): Promise<string[]> =>
    rows().evaluateAll((els) =>
      els.map((el) =>
        [
          el.querySelector('.label-name')?.textContent?.trim(),
          el.querySelector('.label-description')?.textContent?.trim(),
        ]
          .filter(Boolean)
          .join(' | '),
      ),
    );

  before(async () => {
    await server.start();
    server.models = ['alpha', 'valid', 'zeta'];
    workspace = copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'));
    fs.writeFileSync(
      settingsFile(),
      `${JSON.stringify({ 'bottleneck.providers': [{ id: 'custom', baseUrl: server.baseUrl, model: 'valid' }, { id: 'builtin' }] }, null, 2)}\n`,
    );
    wb = await Workbench.open(undefined, { workspace, serverLog: 'e2e-select-model-server.log' });
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it("lists the endpoint's models with the current one marked", async () => {
    await wb.runCommand('Bottleneck: Select Model');
    await placeholder(/^3 models listed by Custom endpoint/);
    assert.deepEqual(await shown(), ['alpha', 'valid | current', 'zeta']);
    assert.equal(await rows().filter({ hasText: 'valid' }).locator('.codicon-check').count(), 1, 'a check mark');
    await wb.screenshot('e2e-select-model.png');
  });

  it("writes the choice to the entry in the workspace's settings, where the stack in force is defined", async () => {
    await wb.pick('zeta');
    const deadline = Date.now() + 15_000;
    while (!fs.readFileSync(settingsFile(), 'utf8').includes('"zeta"')) {
      if (Date.now() > deadline) throw new Error(`not written: ${fs.readFileSync(settingsFile(), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const written = JSON.parse(fs.readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(written['bottleneck.providers'], [
      { id: 'custom', baseUrl: server.baseUrl, model: 'zeta' },
      { id: 'builtin' },
    ]);
  });

  it("Switch Provider's Select Model button opens the list for that row, now marking the new model", async () => {
    await wb.providerStatus().click();
    const custom = rows().filter({ hasText: 'Custom endpoint' }).first();
    await custom.waitFor({ timeout: 15_000 });
    assert.match(await custom.innerText(), /zeta · tier 1/);
    await custom.hover();
    await custom.locator('.action-label[aria-label="Select Model"]').click();
    await placeholder(/^3 models listed by Custom endpoint/);
    assert.deepEqual(await shown(), ['alpha', 'valid', 'zeta | current']);
    await wb.page.keyboard.press('Escape');
  });

  it('a typed model the endpoint does not list is taken, and the status bar flags it as not served', async () => {
    await wb.runCommand('Bottleneck: Select Model');
    await placeholder(/^3 models listed by Custom endpoint/);
    await input().fill('gpt-typo');
    await rows().filter({ hasText: 'use this model name' }).first().waitFor({ timeout: 15_000 });
    await input().press('Enter');
    // the custom endpoint takes the lock, so the status bar shows its health
    await wb.providerStatus().click();
    await wb.pick('Custom endpoint');
    await wb.providerStatus().filter({ hasText: 'Custom endpoint' }).waitFor({ timeout: 30_000 });
    await wb.runCommand('Bottleneck: Check Provider Health');
    await wb.providerStatus().locator('.codicon-warning').waitFor({ timeout: 30_000 });
    await wb.providerStatus().hover();
    const hover = wb.page.locator('.monaco-hover', { hasText: 'model not served' }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.match(
      (await hover.innerText()).replace(/\s+/g, ' '),
      /Custom endpoint: model not served: "gpt-typo" is not among the 3 models it lists/,
    );
    await wb.screenshot('e2e-model-not-served.png');
  });
});
