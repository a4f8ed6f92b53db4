import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Locator } from 'playwright-core';
import { Workbench } from './workbench';
import { copyWorkspace } from '../harness/browser';
import { REPO_ROOT } from '../harness/testEnv';
import { FakeOpenAiServer } from '../support/openaiServer';

const KEY = 'sk-e2e-CONSENT-5a4b3c2d1e0f9a8b';

/**
 * A repository's settings point a keyed provider at a host of its own. Two local servers
 * stand in for such hosts and record every Authorization header they receive: nothing may
 * arrive before the person allows a host in the modal, and after that only at that host.
 */
describe('Keys and workspace endpoints in the real workbench (e2e)', function () {
  this.timeout(240_000);
  const declined = new FakeOpenAiServer();
  const allowed = new FakeOpenAiServer();
  let workspace: string;
  let wb: Workbench;

  const pointOpenAiAt = (server: FakeOpenAiServer): void => {
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify(
        {
          'bottleneck.providers': [
            { id: 'openai', baseUrl: server.baseUrl, model: 'valid', timeoutMs: 5000 },
            { id: 'builtin' },
          ],
        },
        null,
        2,
      ),
    );
  };
  const dialog = () => wb.page.locator('.monaco-dialog-box');
  const switchToOpenAi = async (): Promise<void> => {
    await wb.runCommand('Bottleneck: Switch Provider');
    await wb.pick('OpenAI');
  };
  /**
   * Repeats `action` until `shown` is visible. VS Code notices a settings file written on
   * disk through its file watcher, a moment later; a command run before that still sees the
   * previous settings, so the test tries again rather than sleeping for a guessed time.
   */
  const until = async (action: () => Promise<void>, shown: Locator, what: string): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      await action();
      if (
        await shown.waitFor({ timeout: 5_000 }).then(
          () => true,
          () => false,
        )
      )
        return;
      if (attempt === 8) throw new Error(`${what} did not show after ${attempt} tries`);
      await wb.page.keyboard.press('Escape');
    }
  };

  before(async () => {
    await declined.start();
    await allowed.start();
    workspace = copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'));
    wb = await Workbench.open(undefined, { workspace, serverLog: 'e2e-consent-server.log' });
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
    await declined.stop();
    await allowed.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('a key stored for OpenAI is not sent when the workspace later points OpenAI at its own host', async () => {
    await wb.runCommand('Bottleneck: Set API Key');
    await wb.pick('OpenAI');
    const input = wb.page.locator('.quick-input-widget input');
    await wb.page
      .locator('.quick-input-widget', { hasText: 'sent only to api.openai.com' })
      .waitFor({ timeout: 15_000 });
    await input.fill(KEY);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
    pointOpenAiAt(declined);
    // the new stack reaches the quick pick (the fixture's stack has no OpenAI); the monitor has had a forced round by then
    await until(
      () => wb.runCommand('Bottleneck: Switch Provider'),
      wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'OpenAI' }),
      "OpenAI in Switch Provider's list",
    );
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('Bottleneck: Check Provider Health');
    await new Promise((r) => setTimeout(r, 3000)); // give any stray probe time to arrive
    assert.deepEqual(
      declined.requests.map((r) => r.authorization),
      [],
      "no request reached the workspace's host",
    );
  });

  it('choosing OpenAI asks in a modal that names the host; declining leaves OpenAI not configured and sends nothing', async () => {
    await switchToOpenAi();
    await dialog().waitFor({ timeout: 30_000 });
    const text = await dialog().innerText();
    assert.match(text, new RegExp(`Send your OpenAI API key to 127\\.0\\.0\\.1:${declined.port}\\?`));
    assert.match(text, /Your key was stored for api\.openai\.com/);
    await wb.screenshot('e2e-key-consent.png');
    await dialog().locator('.monaco-button', { hasText: 'Cancel' }).click();
    await wb.providerStatus().filter({ hasText: 'OpenAI' }).waitFor({ timeout: 15_000 });
    await wb.forecastFrom('Bottleneck: Open Sample Data', 'service-metrics.csv');
    const view = wb.webview();
    await view.locator('#state-error').waitFor({ timeout: 60_000 });
    assert.match(
      await view.locator('#state-error').innerText(),
      new RegExp(
        `OpenAI is not configured: its key is bound to api\\.openai\\.com, and 127\\.0\\.0\\.1:${declined.port} is not approved`,
      ),
    );
    await switchToOpenAi();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await dialog().count(), 0, 'asked once per workspace and host');
    assert.deepEqual(
      declined.requests.map((r) => r.authorization),
      [],
    );
  });

  it('allowing another host sends the key there, and only there', async () => {
    pointOpenAiAt(allowed);
    // until the new endpoint is seen, choosing OpenAI asks nothing (the old host was already declined)
    await until(switchToOpenAi, dialog(), 'the consent modal for the new host');
    assert.match(await dialog().innerText(), new RegExp(`to 127\\.0\\.0\\.1:${allowed.port}\\?`));
    await dialog().locator('.monaco-button', { hasText: 'Allow' }).click();
    await wb.runCommand('Bottleneck: Run Forecast');
    await wb.webview().locator('#bottleneck-metric, #headline').first().waitFor({ timeout: 90_000 });
    const chat = allowed.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.equal(chat.length, 1, 'the forecast went to the allowed host');
    // the panel header says what the answer cost in tokens (no price is set, so no estimate)
    const prompt = Math.ceil(JSON.stringify(chat[0]?.body).length / 4);
    assert.match(
      await wb.webview().locator('#usage').innerText(),
      new RegExp(`^${prompt.toLocaleString('en-US')} prompt \\+ [\\d,]+ completion tokens$`),
    );
    assert.ok(allowed.requests.every((r) => r.authorization === `Bearer ${KEY}`));
    assert.deepEqual(
      declined.requests.map((r) => r.authorization),
      [],
      'the declined host still has nothing',
    );
  });
});
