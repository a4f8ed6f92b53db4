import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FrameLocator, type Locator } from 'playwright-core';
import { loadMetricFile } from '../../src/core/data/loadMetrics';
import { forecastMetricSet } from '../../src/core/forecast/forecastMetricSet';
import { type ForecastData } from '../../src/core/base/forecastSchema';
import { REPO_ROOT } from '../harness/testEnv';
import { ARTIFACTS, Workbench } from './workbench';

/** What a chart canvas holds: how many pixels are drawn, and a fingerprint of their colours. */
interface CanvasInk {
  readonly drawn: number;
  readonly total: number;
  readonly colours: number;
  readonly fingerprint: string;
}

/** The little of a page's canvas the check uses (this file compiles without the DOM types). */
interface PageCanvas {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/** The little of the metrics table the fit check uses. */
interface PageTable {
  readonly scrollWidth: number;
  readonly parentElement: { readonly clientWidth: number };
  querySelector(selector: string): unknown;
}

/** The ink of every chart canvas in `view` (or of those `canvases` finds). */
function canvasInk(view: FrameLocator, canvases: Locator = view.locator('.chart canvas')): Promise<CanvasInk[]> {
  return canvases.evaluateAll((canvases) =>
    (canvases as unknown as PageCanvas[]).map((c) => {
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const colours = new Map<number, number>();
      let drawn = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] as number) === 0) continue;
        drawn++;
        const key =
          (((data[i] as number) >> 4) << 8) | (((data[i + 1] as number) >> 4) << 4) | ((data[i + 2] as number) >> 4);
        colours.set(key, (colours.get(key) ?? 0) + 1);
      }
      const top = [...colours.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k]) => k.toString(16))
        .join(',');
      return { drawn, total: c.width * c.height, colours: colours.size, fingerprint: top };
    }),
  );
}

describe('Forecast panel in the real workbench (e2e)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let engine: ForecastData;
  let previousInk: CanvasInk[];
  let previousPalette: string;

  before(async () => {
    // The engine's own answer for the sample, computed here the way the extension computes it.
    engine = forecastMetricSet(await loadMetricFile(path.join(REPO_ROOT, 'samples', 'service-metrics.csv')));
    wb = await Workbench.open();
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
  });

  it('before any forecast, Show Forecast Panel says what to do first', async () => {
    await wb.runCommand('Bottleneck: Show Forecast Panel');
    const view = wb.webview();
    await view.locator('#state-empty').waitFor({ timeout: 30_000 });
    assert.match(await view.locator('#state-empty h1').innerText(), /No forecast yet/);
    assert.deepEqual(await view.locator('#state-empty button').allInnerTexts(), [
      'Forecast the Sample Data',
      'Forecast a Metrics File…',
    ]);
  });

  it('Run Forecast with no metrics file open and none forecast yet offers the sample or a file', async () => {
    await wb.runCommand('Bottleneck: Run Forecast');
    const widget = wb.page.locator('.quick-input-widget');
    // the palette's own rows go first: wait for the offer's
    await widget.locator('.monaco-list-row', { hasText: 'Forecast the sample data' }).waitFor({ timeout: 30_000 });
    assert.equal(
      await widget.locator('.quick-input-box input').getAttribute('placeholder'),
      'No metrics file is open. What should be forecast?',
    );
    const rows = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
    // each choice's label, then its detail
    assert.deepEqual(rows, [
      'Forecast the sample data',
      'Four weeks of five service metrics, shipped with the extension',
      'Pick a metrics file…',
      'A CSV or JSON file of timestamps and values',
    ]);
    await wb.screenshot('e2e-run-forecast-fallback.png');
    await wb.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('the editor title bar offers Run Forecast on a metrics file, not on a JSON file that is none (settings.json)', async () => {
    const button = wb.page.locator(
      '.editor-group-container.active .editor-actions a.action-label[aria-label^="Run Forecast"]',
    );
    await wb.runCommand('Bottleneck: Open Sample Data');
    await wb.page
      .locator('.tab.active[data-resource-name="service-metrics.csv"]:visible')
      .first()
      .waitFor({ timeout: 30_000 });
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    await wb.runCommand('Preferences: Open Workspace Settings (JSON)');
    await wb.page
      .locator('.tab.active[data-resource-name="settings.json"]:visible')
      .first()
      .waitFor({ timeout: 30_000 });
    await button.waitFor({ state: 'hidden', timeout: 30_000 });
    assert.equal(await button.count(), 0, 'no Run Forecast on settings.json');
    await wb.screenshot('e2e-title-bar-settings-json.png');
  });

  it('a forecast of a file that is not metrics shows the error state with what to do', async () => {
    await wb.forecastFrom('Preferences: Open Workspace Settings (JSON)', 'settings.json');
    const view = wb.webview();
    await view.locator('#state-error').waitFor({ timeout: 60_000 });
    assert.match(await view.locator('#state-error h1').innerText(), /The forecast of settings\.json failed/);
    // one sentence saying what a metrics file is, and the sample; no schema dump, no Try Again that cannot help
    assert.match(
      await view.locator('#state-error p').innerText(),
      /^settings\.json is not a metrics file: expected a CSV with a time column, or JSON of the form \{ "metrics": /,
    );
    assert.deepEqual(await view.locator('#state-error button').allInnerTexts(), ['Forecast the Sample Data']);
    await wb.screenshot('panel-error.png');
    // the notification says the same sentence, with the one button that helps
    await wb.runCommand('Notifications: Show Notifications');
    const toast = wb.page
      .locator('.notifications-center .notification-list-item', { hasText: 'is not a metrics file' })
      .first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match(
      await toast.locator('.notification-list-item-message').innerText(),
      /^Bottleneck Forecast: settings\.json is not a metrics file: expected a CSV with a time column/,
    );
    assert.deepEqual((await toast.locator('.monaco-button').allInnerTexts()).map((t) => t.trim()).filter(Boolean), [
      'Open Sample Data',
    ]);
    await wb.screenshot('e2e-not-metrics-notification.png');
    await wb.runCommand('Notifications: Hide Notifications').catch(() => wb.page.keyboard.press('Escape'));
    await wb.runCommand('View: Close All Editors');
  });

  it('Open Sample Data then Run Forecast from the palette opens the panel with the bottleneck the engine reports', async () => {
    await wb.forecastFrom('Bottleneck: Open Sample Data', 'service-metrics.csv');
    const view = wb.webview();
    await view.locator('#bottleneck-metric').waitFor({ timeout: 90_000 });
    assert.ok(engine.bottleneck, 'the sample has a bottleneck');
    assert.equal((await view.locator('#bottleneck-metric').innerText()).trim(), engine.bottleneck.metric);
    assert.match(await view.locator('#headline').innerText(), new RegExp(`^${engine.bottleneck.metric} reaches `));
    assert.match(
      await view.locator('#breach-when').innerText(),
      /^in \d+ (d|h|min)\b.* after the last data point \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/,
    );
    // and the last data point's own time and age are shown, so "in …" is not read as "from now"
    assert.match(
      await view.locator('#made').innerText(),
      /last data point \d{4}-\d\d-\d\d \d\d:\d\d UTC \((\d+ (d|h|min)\b.* ago|just now)\)/,
    );
  });

  it('flags a history that already reached its capacity, with when', async () => {
    const touched = await wb.webview().locator('#touched').innerText();
    assert.match(
      touched,
      /latency_p95 already reached 350 ms in its history: at or above it at \d{4}-\d\d-\d\d \d\d:\d\d UTC, \d+ (d|h)\b.* before the last data point\./,
    );
    await wb.screenshot('e2e-history-touched.png');
  });

  it("shows the risk badge and one table row per metric, in the engine's order", async () => {
    const view = wb.webview();
    assert.equal((await view.locator('#risk-badge .badge').innerText()).trim(), engine.risk.level.toUpperCase());
    const rows = await view
      .locator('#metrics-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-metric')));
    assert.deepEqual(
      rows,
      engine.metrics.map((m) => m.name),
    );
    const bottleneckRow = view.locator(`#metrics-table tbody tr[data-metric="${engine.bottleneck?.metric}"]`);
    assert.match(await bottleneckRow.innerText(), /\bin \d/);
    assert.equal(await bottleneckRow.getAttribute('tabindex'), '0', 'rows are keyboard reachable');
  });

  it('Show Report opens a read-only report titled after the file, never an unsaved buffer', async () => {
    await wb.runCommand('Notifications: Show Notifications');
    await wb.page.locator('.notifications-center .monaco-button', { hasText: 'Show Report' }).first().click();
    const tab = wb.page.locator('.tab', { hasText: 'Forecast Report: service-metrics.csv' }).first();
    await tab.waitFor({ timeout: 30_000 });
    const text = await wb.page.locator('.editor-instance .view-lines').first().innerText();
    assert.match(text.replace(/\u00a0/g, ' '), new RegExp(`Bottleneck: ${engine.bottleneck?.metric ?? ''} reaches `));
    assert.equal(await tab.evaluate((el) => el.classList.contains('dirty')), false, 'nothing to save');
    await wb.screenshot('e2e-report.png');
    await tab.click();
    await wb.runCommand('View: Close Editor');
    await tab.waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0, 'closing it asks nothing');
    await wb.runCommand('Notifications: Hide Notifications').catch(() => wb.page.keyboard.press('Escape'));
  });

  it('creates only the charts in view; one below the fold is created and drawn when it is scrolled into view', async () => {
    const view = wb.webview();
    await view.locator('#charts[data-palette]').waitFor({ timeout: 30_000 });
    assert.equal(await view.locator('.chart').count(), engine.metrics.length, 'a place for every chart');
    const created = await view.locator('.chart canvas').count();
    assert.ok(created >= 1 && created < engine.metrics.length, `${created} charts created at first`);
    const last = view.locator('.chart').last();
    assert.equal(await last.locator('canvas').count(), 0, 'the last chart, out of view, is not created');
    await last.scrollIntoViewIfNeeded();
    await last.locator('canvas').waitFor({ timeout: 15_000 });
    const [ink] = await canvasInk(view, last.locator('canvas'));
    assert.ok(
      ink && ink.drawn / ink.total > 0.01 && ink.colours >= 3,
      `the scrolled-to chart is drawn: ${JSON.stringify(ink)}`,
    );
    await wb.screenshot('e2e-chart-scrolled-in.png');
    await view.locator('#headline').scrollIntoViewIfNeeded();
  });

  it('draws every chart: each canvas has non-blank pixels in more than one colour', async () => {
    const view = wb.webview();
    await view.locator('#charts[data-palette]').waitFor({ timeout: 30_000 });
    assert.equal(await wb.showEveryChart(), engine.metrics.length);
    previousInk = await canvasInk(view);
    assert.equal(previousInk.length, engine.metrics.length);
    for (const [i, ink] of previousInk.entries()) {
      assert.ok(ink.drawn / ink.total > 0.01, `chart ${i}: ${ink.drawn} of ${ink.total} pixels drawn`);
      assert.ok(ink.colours >= 3, `chart ${i}: ${ink.colours} colours`);
    }
    previousPalette = (await view.locator('#charts').getAttribute('data-palette')) ?? '';
    await wb.focusOnPanel();
    await view.locator('#charts').scrollIntoViewIfNeeded();
    await wb.screenshot('panel-charts.png');
    await view.locator('#metrics-table').scrollIntoViewIfNeeded();
    await wb.screenshot('panel-table.png');
    await view.locator('#headline').scrollIntoViewIfNeeded();
    assert.match(previousPalette, /^(light|dark|high-contrast|high-contrast-light) #?\S+ /);
  });

  it('says methods, confidence and warnings in plain words, the technical names in tooltips; the table fits 1400 px', async () => {
    const view = wb.webview();
    const detail = view.locator('#confidence-detail');
    assert.match(await detail.innerText(), /^backtest errors \d+% (smaller|larger) than repeating the last season · /);
    assert.match(
      (await detail.getAttribute('title')) ?? '',
      /^skill \d\.\d\d · coverage \d\.\d\d · data \d\.\d\d · reach \d\.\d\d$/,
    );
    const memory = view.locator('#metrics-table tbody tr[data-metric="memory_used"] td.method');
    assert.equal((await memory.innerText()).trim(), 'last week repeated');
    const chosen = engine.metrics.find((m) => m.name === 'memory_used')?.method;
    assert.equal(await memory.getAttribute('title'), `${chosen?.chosen.join(' + ')} (${chosen?.combination})`);
    const methods = await view.locator('#metrics-table td.method').allInnerTexts();
    assert.ok(
      methods.every((m) => !/\b(sar|snaive)-\d/.test(m)),
      methods.join(' | '),
    );
    // one warning for the five metrics' shared gap, its time written as everywhere in the panel
    const warnings = view.locator('#warnings');
    assert.match(await warnings.locator('summary').innerText(), /^1 warning about the data$/);
    assert.match(
      await warnings.locator('li').first().innerText(),
      /^5 metrics \(cpu_utilization, memory_used, disk_free, queue_depth, latency_p95\): 1 gap .* from \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/,
    );
    // the panel has the whole 1400 px window: the table fits, and would scroll with its first column held
    const fit = await view.locator('#metrics-table').evaluate((el) => {
      const t = el as unknown as PageTable;
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { position: string } }).getComputedStyle;
      return {
        table: t.scrollWidth,
        room: t.parentElement.clientWidth,
        sticky: style(t.querySelector('tbody th')).position,
      };
    });
    assert.ok(fit.table <= fit.room, `the table is ${fit.table} px wide in ${fit.room} px`);
    assert.equal(fit.sticky, 'sticky');
    await view.locator('#headline').scrollIntoViewIfNeeded();
    await wb.screenshot('e2e-plain-words.png');
  });

  // The browser's workbench opens in whichever theme it detects; each step goes to a theme of another kind.
  for (const [theme, kind] of [
    ['Dark Modern', 'dark'],
    ['Light Modern', 'light'],
    ['Dark High Contrast', 'high-contrast'],
  ] as const) {
    it(`redraws in the ${theme} theme's chart colours`, async () => {
      const before = previousPalette.split(' ');
      await wb.runCommand('Preferences: Color Theme');
      await wb.pick(theme);
      const view = wb.webview();
      await view.locator(`#charts[data-palette^="${kind} "]`).waitFor({ timeout: 30_000 });
      const palette = (await view.locator('#charts').getAttribute('data-palette')) ?? '';
      const ink = await canvasInk(view);
      assert.equal(ink.length, previousInk.length);
      assert.ok(
        ink.every((c) => c.drawn / c.total > 0.01),
        'still drawn',
      );
      if (before[0] !== kind) {
        assert.notEqual(
          palette.split(' ').slice(1).join(' '),
          before.slice(1).join(' '),
          `the chart colours changed from ${before.join(' ')}`,
        );
        assert.ok(
          ink.some((c, i) => c.fingerprint !== previousInk[i]?.fingerprint),
          'the pixels changed colour',
        );
      }
      previousPalette = palette;
      previousInk = ink;
      await wb.screenshot(`panel-${kind}.png`);
    });
  }

  it('hovering a chart shows the values at that time', async () => {
    const view = wb.webview();
    const chart = view.locator('.chart').first();
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.locator('.u-over').boundingBox();
    assert.ok(box);
    await chart.locator('.u-over').hover({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    const values = await chart.locator('.u-legend .u-value').allInnerTexts();
    assert.match(values[0] ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/, `time: ${values[0]}`);
    assert.match(values[1] ?? '', /^\d/, `history value: ${values[1]}`);
  });

  it('the readout shows "—" for a line with no value at the hovered time: no forecast over the history, no history over the future', async () => {
    const view = wb.webview();
    const chart = view.locator('.chart').first();
    const over = chart.locator('.u-over');
    const box = await over.boundingBox();
    assert.ok(box);
    const readout = async (fraction: number): Promise<string[]> => {
      await over.hover({ position: { x: box.width * fraction, y: box.height * 0.5 } });
      return (await chart.locator('.u-legend .u-value').allInnerTexts()).map((v) => v.trim());
    };
    // series: time, history, forecast, lower, upper
    const past = await readout(0.03);
    assert.match(past[1] ?? '', /^\d/, `history over the history: ${past.join(' | ')}`);
    assert.deepEqual(past.slice(2), ['—', '—', '—'], `forecast and bounds over the history: ${past.join(' | ')}`);
    await wb.screenshot('e2e-readout-history.png');
    const future = await readout(0.97);
    assert.equal(future[1], '—', `history over the future: ${future.join(' | ')}`);
    assert.match(future[2] ?? '', /^\d/, `forecast over the future: ${future.join(' | ')}`);
    await wb.screenshot('e2e-readout-future.png');
  });

  it('from the keyboard: Enter on a table row focuses its chart, + zooms all charts, 0 goes back', async () => {
    const view = wb.webview();
    const metric = engine.bottleneck?.metric ?? '';
    await view.locator(`#metrics-table tbody tr[data-metric="${metric}"]`).focus();
    await view.locator(`#metrics-table tbody tr[data-metric="${metric}"]`).press('Enter');
    const chart = view.locator(`.chart[data-metric="${metric}"]`);
    assert.equal(await chart.evaluate((el) => el === el.ownerDocument.activeElement), true, 'the chart has the focus');
    const axis = async (): Promise<string> => (await canvasInk(view)).map((c) => c.fingerprint + c.drawn).join(';');
    const before = await axis();
    await chart.press('+');
    await chart.press('+');
    const zoomed = await axis();
    assert.notEqual(zoomed, before, 'zooming redrew the charts');
    await chart.press('0');
    assert.equal(await axis(), before, '0 brought back the opening view');
  });

  it('a drag across one chart zooms every chart to the same span; 0 brings both back', async () => {
    const view = wb.webview();
    const [first, second] = [view.locator('.chart').nth(0), view.locator('.chart').nth(1)];
    /** The time the readout of `chart` shows with the pointer at the middle of its plot. */
    const middleTime = async (chart: Locator): Promise<string> => {
      const over = chart.locator('.u-over');
      const box = await over.boundingBox();
      assert.ok(box);
      await over.hover({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
      return (await chart.locator('.u-legend .u-value').first().innerText()).trim();
    };
    const both = async (): Promise<string[]> => [await middleTime(first), await middleTime(second)];
    const opening = await both();
    assert.equal(opening[1], opening[0], 'the charts open on the same span');
    const over = first.locator('.u-over');
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    assert.ok(box);
    // a plain drag selects a span of the first chart, and uPlot zooms it to that span
    await wb.page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
    await wb.page.mouse.down();
    await wb.page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
    await wb.page.mouse.up();
    const zoomed = await both();
    assert.notEqual(zoomed[0], opening[0], `the dragged chart zoomed: ${zoomed.join(' | ')}`);
    assert.equal(zoomed[1], zoomed[0], 'the other chart shows the same span');
    await first.press('0');
    assert.equal(JSON.stringify(await both()), JSON.stringify(opening), '0 brought both back');
  });

  for (const [button, ext] of [
    ['#export-json', 'json'],
    ['#export-png', 'png'],
  ] as const) {
    it(`the panel's ${ext.toUpperCase()} export button saves the file where the save dialog says`, async () => {
      const view = wb.webview();
      await view.locator(button).click();
      const input = wb.page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 });
      // The dialog fills in its proposal a moment after it opens.
      const proposal = new RegExp(`service-metrics-forecast\\.${ext}$`);
      let target = '';
      for (
        const until = Date.now() + 15_000;
        !proposal.test(target) && Date.now() < until;
        await new Promise((r) => setTimeout(r, 100))
      )
        target = await input.inputValue();
      assert.match(target, proposal, 'the dialog proposes <file>-forecast.<ext>');
      await input.press('Enter');
      // the file appears before the editor has finished writing it: wait until it is whole
      const whole = (b: Buffer): boolean =>
        ext === 'json' ? b.toString('utf8').trimEnd().endsWith('}') : b.subarray(-8, -4).toString('latin1') === 'IEND';
      let bytes = Buffer.alloc(0);
      for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
        bytes = fs.existsSync(target) ? fs.readFileSync(target) : bytes;
        if (bytes.length > 0 && whole(bytes)) break;
      }
      fs.copyFileSync(target, path.join(ARTIFACTS, `panel-export.${ext}`));
      if (ext === 'json')
        assert.equal(
          (JSON.parse(bytes.toString('utf8')) as ForecastData).bottleneck?.metric,
          engine.bottleneck?.metric,
        );
      else assert.equal(bytes.readUInt32BE(0), 0x89504e47, 'a PNG');
    });
  }

  it('"Together, % of capacity" draws every metric on one chart with a 100% line', async () => {
    const view = wb.webview();
    await view.locator('button[data-mode="percent"]').click();
    await view.locator('.chart').nth(1).waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await view.locator('.chart').count(), 1);
    assert.equal(await view.locator('button[data-mode="percent"]').getAttribute('aria-pressed'), 'true');
    const [ink] = await canvasInk(view);
    assert.ok(ink && ink.drawn / ink.total > 0.01 && ink.colours >= 5, JSON.stringify(ink));
    const series = await view.locator('.chart .u-legend .u-series th').allInnerTexts();
    assert.ok(
      engine.metrics.every((m) => series.some((t) => t.includes(m.name))),
      series.join(' | '),
    );
    await wb.screenshot('panel-percent.png');
    await view.locator('button[data-mode="perMetric"]').click();
    await view
      .locator('.chart')
      .nth(engine.metrics.length - 1)
      .waitFor({ timeout: 15_000 });
  });

  it('the header horizon selector re-runs the forecast with the chosen horizon, and Run Forecast keeps it', async () => {
    const view = wb.webview();
    const horizon = view.locator('#control-horizon');
    await horizon.waitFor({ timeout: 30_000 });
    assert.equal(await horizon.inputValue(), 'settings');
    const options = (await horizon.locator('option').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(options.slice(0, 2), ['Settings: automatic', 'Automatic']);
    assert.ok(options.includes('1 d'), options.join(' | '));
    assert.deepEqual(
      (await view.locator('#control-level option').allInnerTexts()).map((t) => t.trim()),
      ['Settings: 95%', '80%', '90%', '95%', '99%'],
    );
    assert.match(await view.locator('#made').innerText(), /horizon 7 d \(/);
    // the header is drawn anew with each forecast: a mark on it tells the next one apart
    const nextForecast = async (act: () => Promise<void>): Promise<void> => {
      await view.locator('#made').evaluate((el) => el.setAttribute('data-seen', ''));
      await act();
      await view.locator('#made:not([data-seen])').waitFor({ timeout: 90_000 });
    };
    // zoomed in first: a forecast over another horizon opens at its own view, not at this zoom
    const metric = engine.bottleneck?.metric ?? '';
    const chart = view.locator(`.chart[data-metric="${metric}"]`);
    const axis = async (): Promise<string> => (await canvasInk(view)).map((c) => c.fingerprint + c.drawn).join(';');
    const opening = await axis();
    await chart.focus();
    await chart.press('+');
    await chart.press('+');
    assert.notEqual(await axis(), opening, 'zoomed');
    try {
      await nextForecast(() => horizon.selectOption('1d').then(() => undefined));
      // 288 steps of 5 minutes: the sample's step
      assert.match(await view.locator('#made').innerText(), /horizon 1 d \(288 steps/);
      await view.locator('#control-horizon:enabled').waitFor({ timeout: 30_000 });
      assert.equal(await horizon.inputValue(), '1d');
      await wb.screenshot('panel-controls.png');
      await nextForecast(() => wb.runCommand('Bottleneck: Run Forecast'));
      assert.match(await view.locator('#made').innerText(), /horizon 1 d \(288 steps/, 'Run Forecast keeps the choice');
      await view.locator('#control-horizon:enabled').waitFor({ timeout: 30_000 });
      assert.equal(await horizon.inputValue(), '1d');
    } finally {
      // back to the settings' value, for the tests after this one
      await view.locator('#control-horizon:enabled').waitFor({ timeout: 60_000 });
      await nextForecast(() => horizon.selectOption('settings').then(() => undefined));
    }
    assert.match(await view.locator('#made').innerText(), /horizon 7 d \(/);
    assert.equal(await axis(), opening, 'back at 7 d, the charts open at the 7 d view, not at the zoom made before');
  });

  it('a failed forecast over a shown one is a banner: the charts stay, with what to do', async () => {
    await wb.forecastFrom('Preferences: Open Workspace Settings (JSON)', 'settings.json');
    const view = wb.webview();
    await view.locator('#banner.error').waitFor({ timeout: 60_000 });
    assert.match(
      await view.locator('#banner').innerText(),
      /The newest forecast of settings\.json failed: .*The forecast below is the previous one\./s,
    );
    assert.deepEqual(await view.locator('#banner button').allInnerTexts(), ['Forecast the Sample Data']);
    assert.equal(await view.locator('.chart').count(), engine.metrics.length, 'the charts are still there');
    await view.locator('.chart').first().scrollIntoViewIfNeeded();
    await view.locator('.chart').first().locator('canvas').waitFor({ timeout: 15_000 });
    assert.equal((await view.locator('#bottleneck-metric').innerText()).trim(), engine.bottleneck?.metric);
  });

  it('after a window reload, the panel is restored with the same forecast', async () => {
    await wb.runCommand('Developer: Reload Window');
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const view = wb.webview();
    await view.locator('#bottleneck-metric').waitFor({ timeout: 90_000 });
    assert.equal((await view.locator('#bottleneck-metric').innerText()).trim(), engine.bottleneck?.metric);
    await view.locator('#charts[data-palette]').waitFor({ timeout: 30_000 });
    assert.equal(await wb.showEveryChart(), engine.metrics.length);
    const ink = await canvasInk(view);
    assert.equal(ink.length, engine.metrics.length);
    assert.ok(ink.every((c) => c.drawn / c.total > 0.01));
    await wb.screenshot('panel-restored.png');
    // its horizon and level selectors come back with it, and a choice in them forecasts again
    const horizon = view.locator('#control-horizon:enabled');
    await horizon.waitFor({ timeout: 30_000 });
    assert.equal(await horizon.inputValue(), 'settings');
    assert.ok((await horizon.locator('option').allInnerTexts()).map((t) => t.trim()).includes('1 d'));
    assert.equal(await view.locator('#control-level').inputValue(), 'settings');
    await view.locator('#made').evaluate((el) => el.setAttribute('data-seen', ''));
    await horizon.selectOption('1d');
    await view.locator('#made:not([data-seen])').waitFor({ timeout: 90_000 });
    assert.match(await view.locator('#made').innerText(), /horizon 1 d \(288 steps/);
    // back to the settings' value, for the tests after this one
    await horizon.waitFor({ timeout: 60_000 });
    await view.locator('#made').evaluate((el) => el.setAttribute('data-seen', ''));
    await horizon.selectOption('settings');
    await view.locator('#made:not([data-seen])').waitFor({ timeout: 90_000 });
    assert.match(await view.locator('#made').innerText(), /horizon 7 d \(/);
  });

  it('nothing the panel did was refused by its content security policy', () => {
    const refused = wb.console.filter((line) => /Content Security Policy|Refused to (load|execute|apply)/i.test(line));
    assert.deepEqual(refused, []);
    assert.ok(wb.console.length > 0, 'console messages are being collected');
  });

  it('the Getting Started walkthrough opens with its five steps', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pick('Bottleneck Forecast basics');
    const steps = wb.page.locator('.getting-started-step .step-title');
    await steps.first().waitFor({ timeout: 30_000 });
    const titles = (await steps.allInnerTexts()).map((t) => t.trim()).filter((t) => t.length > 0);
    for (const expected of [
      'Open the sample metrics',
      'Run the forecast',
      'Read the panel',
      'Set a provider key (optional)',
      'Switch provider',
    ])
      assert.ok(titles.includes(expected), `${expected} in ${titles.join(' | ')}`);
    await wb.screenshot('walkthrough.png');
  });
});
