import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbench } from './workbench';
import { copyWorkspace } from '../harness/browser';
import { REPO_ROOT } from '../harness/testEnv';
import { FakeOpenAiServer } from '../support/openaiServer';

const KEY = 'sk-e2e-ADD-PROVIDER-1f2e3d4c5b6a7980';

/**
 * A newcomer adds an LLM provider without editing JSON: Switch Provider → Add provider…,
 * the kind, the endpoint, a model from the endpoint's own list, the key. A local
 * OpenAI-compatible server stands in for the provider and records what it receives.
 */
describe('Add provider… in the real workbench (e2e)', function () {
  this.timeout(240_000);
  const server = new FakeOpenAiServer();
  let workspace: string;
  let wb: Workbench;
  const input = () => wb.page.locator('.quick-input-widget input');
  const rows = () => wb.page.locator('.quick-input-widget .monaco-list-row');
  /** Waits until the quick input's placeholder (an attribute, not text) says `pattern`. */
  const placeholder = async (pattern: RegExp): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!pattern.test((await input().getAttribute('placeholder')) ?? '')) {
      if (Date.now() > deadline) throw new Error(`the placeholder never said ${String(pattern)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  before(async () => {
    await server.start();
    server.models = ['valid'];
    workspace = copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'));
    // a workspace with no stack of its own: the user's settings decide
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), '{}\n');
    wb = await Workbench.open(undefined, { workspace, serverLog: 'e2e-add-provider-server.log' });
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it("Add provider… asks for the kind, the endpoint, then the model from the endpoint's /models", async () => {
    await wb.providerStatus().click();
    await rows().filter({ hasText: 'Add provider…' }).first().click();
    await wb.page.locator('.quick-input-widget', { hasText: 'Add provider: which kind?' }).waitFor({ timeout: 15_000 });
    await wb.screenshot('e2e-add-provider-kind.png');
    await wb.pick('Custom endpoint');
    await wb.page
      .locator('.quick-input-widget', { hasText: 'Add provider: the endpoint' })
      .waitFor({ timeout: 15_000 });
    await input().fill(server.baseUrl);
    await input().press('Enter');
    // the placeholder says what the endpoint listed
    await placeholder(/1 model listed by Custom endpoint/);
    const labels = await rows().evaluateAll((els) =>
      els.map((el) => el.querySelector('.label-name')?.textContent?.trim()),
    );
    assert.deepEqual(labels, ['default', 'valid'], 'the default, then what the endpoint listed');
    assert.ok(
      server.requests.some((r) => r.path === '/v1/models' && r.authorization === undefined),
      'the list was asked for (no key stored yet, and none needed)',
    );
    await wb.screenshot('e2e-add-provider-models.png');
  });

  it('then the key, stored for that endpoint only; the provider is added and takes the lock', async () => {
    await wb.pick('valid');
    await wb.page
      .locator('.quick-input-widget', { hasText: `API key for Custom endpoint, sent only to 127.0.0.1:${server.port}` })
      .waitFor({ timeout: 15_000 });
    await wb.screenshot('e2e-add-provider-key.png');
    await input().fill(KEY);
    await input().press('Enter');
    await wb.providerStatus().filter({ hasText: 'Custom endpoint' }).waitFor({ timeout: 30_000 });
    await wb.providerStatus().click();
    const custom = rows().filter({ hasText: 'Custom endpoint' }).first();
    await custom.waitFor({ timeout: 15_000 });
    assert.match(await custom.innerText(), /valid · tier 1 · holds the lock · key set/);
    await wb.screenshot('e2e-add-provider.png');
    await wb.page.keyboard.press('Escape');
    // every request that carried the key went to the endpoint it was stored for
    assert.ok(
      server.requests.some((r) => r.authorization === `Bearer ${KEY}`),
      'the health probe used the key',
    );
  });

  it('a second custom endpoint is added under a name of its own, with its own key', async () => {
    const eu = await new FakeOpenAiServer().start();
    eu.models = ['valid'];
    try {
      await wb.providerStatus().click();
      await rows().filter({ hasText: 'Add provider…' }).first().click();
      await wb.page
        .locator('.quick-input-widget', { hasText: 'Add provider: which kind?' })
        .waitFor({ timeout: 15_000 });
      await wb.pick('Custom endpoint');
      await wb.page
        .locator('.quick-input-widget', { hasText: 'a name for this custom endpoint' })
        .waitFor({ timeout: 15_000 });
      await input().fill('gateway-eu');
      await input().press('Enter');
      await wb.page
        .locator('.quick-input-widget', { hasText: 'Add provider: the endpoint' })
        .waitFor({ timeout: 15_000 });
      await input().fill(eu.baseUrl);
      await input().press('Enter');
      await placeholder(/1 model listed by Custom endpoint gateway-eu/);
      await wb.pick('valid');
      await wb.page
        .locator('.quick-input-widget', {
          hasText: `API key for Custom endpoint gateway-eu, sent only to 127.0.0.1:${eu.port}`,
        })
        .waitFor({ timeout: 15_000 });
      await input().fill(`${KEY}-EU`);
      await input().press('Enter');
      await wb.providerStatus().filter({ hasText: 'Custom endpoint gateway-eu' }).waitFor({ timeout: 30_000 });
      // the lock moves before the probe that follows it answers: wait for that probe, with its key
      for (let i = 0; i < 60 && !eu.requests.some((r) => r.authorization === `Bearer ${KEY}-EU`); i++)
        await new Promise((r) => setTimeout(r, 250));
      assert.ok(
        eu.requests.some((r) => r.authorization === `Bearer ${KEY}-EU`),
        `its own key went to it (requests: ${JSON.stringify(eu.requests.map((r) => [r.path, r.authorization?.slice(0, 12)]))})`,
      );
      assert.ok(
        eu.requests.every((r) => r.authorization !== `Bearer ${KEY}`),
        "the first endpoint's key never went to the second",
      );
      assert.ok(
        server.requests.every((r) => r.authorization !== `Bearer ${KEY}-EU`),
        'nor the other way round',
      );
    } finally {
      await eu.stop();
    }
  });

  it("the stack is written to the user settings of the machine the extension runs on, not the workspace's", async () => {
    // bottleneck.providers is a machine setting (its keys are bound to hosts on that machine):
    // with the extension on a server, user settings of that scope are the server's (Remote Settings)
    await wb.runCommand('Preferences: Open Remote Settings (JSON)');
    const editor = wb.page.locator('.editor-instance .view-lines').first();
    await editor.filter({ hasText: 'bottleneck.providers' }).waitFor({ timeout: 15_000 });
    const text = (await editor.innerText()).replace(/\s+/g, ' ');
    assert.match(
      text,
      /"bottleneck\.providers": \[ \{ "id": "custom", "model": "valid", "baseUrl": "http:\/\/127\.0\.0\.1:\d+\/v1" \}, \{ "id": "custom:gateway-eu", "model": "valid", "baseUrl": "http:\/\/127\.0\.0\.1:\d+\/v1" \}, \{ "id": "builtin" \} \]/,
    );
    assert.equal(fs.readFileSync(path.join(workspace, '.vscode', 'settings.json'), 'utf8'), '{}\n');
    await wb.runCommand('View: Close All Editors');
  });
});
