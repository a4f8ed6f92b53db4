import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('Status bar in the real workbench (e2e)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open();
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the built-in forecaster holding the lock after startup', async () => {
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 60_000 });
    assert.match((await wb.providerStatus().innerText()).trim(), /Built-in/);
  });

  it('clicking it opens Switch Provider with every provider kind, the stack first, each with its state, and Add provider…', async () => {
    await wb.providerStatus().click();
    const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const labels = await rows.evaluateAll((els) =>
      els.map((el) => el.querySelector('.label-name')?.textContent?.trim()),
    );
    assert.deepEqual(labels, [
      'Groq',
      'Ollama',
      'Built-in',
      'OpenAI',
      'Cloudflare Workers AI',
      'Hugging Face',
      'Custom endpoint',
      'Add provider…',
    ]);
    const groq = await rows.filter({ hasText: 'Groq' }).first().innerText();
    assert.match(groq, /llama-3\.3-70b-versatile · tier 1 · no key/);
    assert.match(groq, /Choosing it asks for its API key/);
    assert.match(await rows.filter({ hasText: 'Built-in' }).first().innerText(), /tier 3 · holds the lock/);
    assert.match(await rows.filter({ hasText: 'OpenAI' }).first().innerText(), /not in your stack · no key/);
    await wb.screenshot('e2e-switch-provider-list.png');
  });

  it('choosing Groq, which has no key, asks for the key at once; with it, Groq takes the lock', async () => {
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Groq' }).click();
    const box = wb.page.locator('.quick-input-widget', { hasText: 'API key for Groq, sent only to api.groq.com' });
    await box.waitFor({ timeout: 15_000 });
    assert.equal(await wb.page.locator('.quick-input-widget input').getAttribute('type'), 'password');
    await wb.screenshot('e2e-missing-key-prompt.png');
    await wb.page.locator('.quick-input-widget input').fill('gsk_e2e-not-a-real-key-0000');
    await wb.page.locator('.quick-input-widget input').press('Enter');
    await wb.providerStatus().filter({ hasText: 'Groq' }).waitFor({ timeout: 15_000 });
    assert.match((await wb.providerStatus().innerText()).trim(), /^Groq$/);
    await wb.screenshot('e2e-switch-provider.png');
  });

  it('Switch Provider then says Groq has its key and holds the lock', async () => {
    await wb.providerStatus().click();
    const groq = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Groq' }).first();
    await groq.waitFor({ timeout: 15_000 });
    assert.match(await groq.innerText(), /tier 1 · holds the lock · key set/);
    await wb.page.keyboard.press('Escape');
  });
});
