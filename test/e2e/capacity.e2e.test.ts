import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('Capacity view in the real workbench (e2e)', function () {
  this.timeout(240_000);
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open();
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
  });

  it('ranks the open file’s series in the Explorer’s Capacity view, and the status bar counts the warnings', async () => {
    await wb.runCommand('Bottleneck: Open Sample Data');
    await wb.page
      .locator('.tab.active[data-resource-name="service-metrics.csv"]:visible')
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.runCommand('Bottleneck: Rank Series by Time to Breach');
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Capacity' }) });
    const rows = view.locator('.monaco-list-row[aria-level="2"]');
    await rows.first().waitFor({ timeout: 120_000 });
    // rows stream in as they are ranked; the sample has five series
    await rows.nth(4).waitFor({ timeout: 60_000 });
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    // every series, each with its status and its time to breach, soonest first; no-breach last
    assert.equal(labels.length, 5, labels.join('\n'));
    assert.match(labels[0] ?? '', /^(cpu_utilization|latency_p95): (warning|critical), in \d/);
    assert.match(labels[4] ?? '', /^memory_used: ok, —/);
    const status = wb.page.locator('.statusbar-item[id$="bottleneck.capacity"]').first();
    assert.match(await status.innerText(), /\d+ critical, \d+ warning/);
    await wb.screenshot('capacity-view.png');
  });

  it('clicking a series opens it in the panel', async () => {
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Capacity' }) });
    const row = view.locator('.monaco-list-row[aria-level="2"]', { hasText: 'queue_depth' }).first();
    await row.click();
    const page = wb.webview();
    await page.locator('#bottleneck-metric').waitFor({ timeout: 90_000 });
    assert.equal((await page.locator('#bottleneck-metric').innerText()).trim(), 'queue_depth');
    const table = await page
      .locator('#metrics-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-metric')));
    assert.deepEqual(table, ['queue_depth']);
    await wb.screenshot('capacity-series-panel.png');
  });
});
