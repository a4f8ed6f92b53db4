import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

/**
 * The extension in German: the server runs in `de` (see VsCodeServer's `locale`), so VS Code
 * loads package.nls.de.json for the manifest and l10n/bundle.l10n.de.json for
 * vscode.l10n.t, and the panel's page gets its words from the host.
 */
describe('The extension in German (e2e, display language de)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open(undefined, { locale: 'de', serverLog: 'e2e-server-de.log' });
  });
  after(async () => {
    await wb?.close();
  });

  it('says in German who holds the lock (the status bar entry, as a screen reader reads it)', async () => {
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 60_000 });
    const label = wb.providerStatus().locator('[aria-label]').first();
    await wb.page
      .locator('[aria-label="Bottleneck Forecast Anbieter: Built-in. Klicken zum Wechseln."]')
      .first()
      .waitFor({ timeout: 15_000 });
    assert.equal(
      await label.getAttribute('aria-label'),
      'Bottleneck Forecast Anbieter: Built-in. Klicken zum Wechseln.',
    );
  });

  it('shows the German tooltip: the lock, its holder and the tier table', async () => {
    await wb.providerStatus().hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: 'Anbietersperre' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /Bottleneck Forecast: Anbietersperre/);
    assert.match(text, /Gehalten von Built-in/);
    assert.match(text, /Stufe/);
    assert.match(text, /Anbieter wechseln/);
    await wb.screenshot('e2e-de-status-tooltip.png');
    await wb.page.mouse.move(5, 5);
  });

  it('opens the panel from its German command title, and the page speaks German', async () => {
    await wb.runCommand('Bottleneck: Prognosebereich anzeigen');
    const title = wb.webview().locator('#state-empty h1');
    await title.waitFor({ timeout: 30_000 });
    await wb.webview().locator('#state-empty h1', { hasText: 'Noch keine Prognose' }).waitFor({ timeout: 15_000 });
    assert.equal((await title.innerText()).trim(), 'Noch keine Prognose');
    const buttons = await wb.webview().locator('#state-empty button').allInnerTexts();
    assert.deepEqual(
      buttons.map((b) => b.trim()),
      ['Beispieldaten prognostizieren', 'Metrikdatei prognostizieren…'],
    );
    await wb.screenshot('e2e-de-panel.png');
  });

  it('ranks the sample in the Capacity view, whose rows say status and time to breach in German', async () => {
    await wb.runCommand('Bottleneck: Beispieldaten öffnen');
    await wb.page
      .locator('.tab.active[data-resource-name="service-metrics.csv"]:visible')
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.runCommand('Bottleneck: Reihen nach Zeit bis zur Überschreitung ordnen');
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Kapazität' }) });
    const rows = view.locator('.monaco-list-row[aria-level="2"]');
    // the sample has five series; rows stream in as they are ranked
    await rows.nth(4).waitFor({ timeout: 120_000 });
    await view
      .locator('.monaco-list-row[aria-level="2"]', { hasText: 'memory_used' })
      .first()
      .waitFor({ timeout: 60_000 });
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.equal(labels.length, 5, labels.join('\n'));
    // as a screen reader says it: the status and the time to breach, in German units
    assert.match(labels[0] ?? '', /^(cpu_utilization|latency_p95): (Warnung|kritisch), in \d+ (Tg|Std|Min)\./);
    assert.match(labels[4] ?? '', /^memory_used: in Ordnung, —$/);
    // as it is drawn: the row's description
    const first = rows.first().locator('.label-description');
    assert.match((await first.innerText()).trim(), /^in \d+ (Tg|Std|Min)\./);
    const group = view.locator('.monaco-list-row[aria-level="1"] .label-description').first();
    assert.match((await group.innerText()).trim(), /\d+ Reihen/);
    await wb.screenshot('e2e-de-capacity.png');
  });
});
