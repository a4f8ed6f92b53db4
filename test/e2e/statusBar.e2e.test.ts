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

  it('clicking it opens Switch Provider with the stack in tier order', async () => {
    await wb.providerStatus().click();
    const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const labels = await rows.evaluateAll((els) =>
      els.map((el) => el.querySelector('.label-name')?.textContent?.trim()),
    );
    assert.deepEqual(labels, ['Groq', 'Ollama', 'Built-in']);
  });

  it('picking Groq moves the lock and the status bar reads Groq', async () => {
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Groq' }).click();
    await wb.providerStatus().filter({ hasText: 'Groq' }).waitFor({ timeout: 15_000 });
    assert.match((await wb.providerStatus().innerText()).trim(), /^Groq$/);
    await wb.screenshot('e2e-switch-provider.png');
  });
});
