import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { forecastDataSchema, type ForecastData } from '../../src/core/base/forecastSchema';
import { getApi, waitFor } from './util';

describe('Forecast panel', function () {
  this.timeout(90_000);
  let data: ForecastData;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-export-'));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('Run Forecast reveals one panel, whose page draws that forecast: a chart per metric', async () => {
    const api = await getApi();
    const result = await vscode.commands.executeCommand<ForecastData | undefined>(
      'bottleneck.runForecast',
      api.sampleUri,
    );
    assert.ok(result);
    data = result;
    await waitFor(
      'the page to draw the forecast',
      () => api.getPanel().lastRender?.id.startsWith(data.createdAt) === true,
      60_000,
    );
    const render = api.getPanel().lastRender;
    assert.equal(render?.charts, data.metrics.length);
    assert.ok((render?.points ?? 0) > data.metrics.length * data.horizon.count, `${render?.points} points drawn`);
    assert.equal(api.getPanel().open, true);
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter(
        (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('bottleneck.forecastPanel'),
      );
    assert.equal(tabs.length, 1, 'one panel');
  });

  it('a newer forecast updates the open panel in place', async () => {
    const api = await getApi();
    const second = await vscode.commands.executeCommand<ForecastData | undefined>(
      'bottleneck.runForecast',
      api.sampleUri,
    );
    assert.ok(second && second.createdAt !== data.createdAt);
    await waitFor(
      'the page to draw the newer forecast',
      () => api.getPanel().lastRender?.id.startsWith(second.createdAt) === true,
      60_000,
    );
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter(
        (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('bottleneck.forecastPanel'),
      );
    assert.equal(tabs.length, 1, 'still one panel');
    data = second;
  });

  it('a scheduled refresh updates the open panel without taking the focus from the editor', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'metrics.csv')), {
      viewColumn: vscode.ViewColumn.One,
    });
    const config = vscode.workspace.getConfiguration('bottleneck');
    await config.update('refresh.files', [api.sampleUri.fsPath], vscode.ConfigurationTarget.Workspace);
    try {
      const before = api.getPanel().lastRender?.id;
      await api.testing?.runScheduledRefresh();
      const latest = api.getLastForecast();
      assert.ok(latest && !before?.startsWith(latest.createdAt), 'a newer forecast');
      await waitFor(
        'the page to draw the scheduled forecast',
        () => api.getPanel().lastRender?.id.startsWith(latest.createdAt) === true,
        60_000,
      );
      assert.equal(
        vscode.window.activeTextEditor?.document.uri.toString(),
        editor.document.uri.toString(),
        'the editor kept the focus',
      );
      data = latest;
    } finally {
      await config.update('refresh.files', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a hidden panel draws nothing; shown again, its page gets the forecast made meanwhile', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const group = vscode.window.tabGroups.all.find((g) =>
      g.tabs.some(
        (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('bottleneck.forecastPanel'),
      ),
    );
    assert.ok(group, 'the panel is in a tab group');
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'metrics.csv')), {
      viewColumn: group.viewColumn,
      preview: false,
    });
    await waitFor('the panel to be hidden', () => !api.getPanel().visible);
    const config = vscode.workspace.getConfiguration('bottleneck');
    await config.update('refresh.files', [api.sampleUri.fsPath], vscode.ConfigurationTarget.Workspace);
    try {
      await api.testing?.runScheduledRefresh();
    } finally {
      await config.update('refresh.files', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const latest = api.getLastForecast();
    assert.ok(latest && latest.createdAt !== data.createdAt);
    assert.ok(!api.getPanel().lastRender?.id.startsWith(latest.createdAt), 'nothing was drawn while hidden');
    await vscode.commands.executeCommand('bottleneck.showForecastPanel');
    await waitFor(
      'the shown page to draw the newer forecast',
      () => api.getPanel().lastRender?.id.startsWith(latest.createdAt) === true,
      60_000,
    );
    assert.equal(api.getPanel().visible, true);
    data = latest;
  });

  it('refuses a malformed message from the page, counts and logs it, and accepts a well-formed one', async () => {
    const api = await getApi();
    const panel = api.testing?.panel;
    assert.ok(panel, 'testing API');
    const before = panel.dropped;
    for (const raw of [
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'evaluate', code: 'process.exit()' },
      { type: 'png', requestId: null, dataUrl: 'javascript:alert(1)' },
      'ready',
      null,
    ])
      assert.equal(panel.deliver(raw), false, JSON.stringify(raw));
    assert.equal(panel.dropped, before + 5);
    assert.equal(panel.deliver({ type: 'log', level: 'info', message: 'a well-formed message' }), true);
    assert.equal(panel.dropped, before + 5);
  });

  it('Export Forecast writes the forecast as CSV: one row per metric and step', async () => {
    const target = vscode.Uri.file(path.join(out, 'forecast.csv'));
    await vscode.commands.executeCommand('bottleneck.exportForecast', 'csv', target);
    const lines = fs.readFileSync(target.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'source,metric,timestamp,value,lower,upper');
    assert.equal(lines.length - 1, data.metrics.length * data.horizon.count);
    assert.ok(lines.slice(1).every((l) => l.split(',').length === 6));
  });

  it('Export Forecast writes ForecastData as JSON that validates against the schema', async () => {
    const target = vscode.Uri.file(path.join(out, 'forecast.json'));
    await vscode.commands.executeCommand('bottleneck.exportForecast', 'json', target);
    const parsed = forecastDataSchema.safeParse(JSON.parse(fs.readFileSync(target.fsPath, 'utf8')));
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    assert.equal(parsed.data.createdAt, data.createdAt);
  });

  it('Export Forecast writes the charts as a PNG drawn by the page', async () => {
    const target = vscode.Uri.file(path.join(out, 'forecast.png'));
    await vscode.commands.executeCommand('bottleneck.exportForecast', 'png', target);
    const bytes = fs.readFileSync(target.fsPath);
    assert.equal(bytes.readUInt32BE(0), 0x89504e47, 'PNG signature');
    assert.equal(bytes.toString('ascii', 12, 16), 'IHDR');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    assert.ok(width >= 320 && height > 200 * data.metrics.length, `${width}×${height}`);
    assert.ok(bytes.length > 10_000, `${bytes.length} bytes`);
  });

  it('draws a metric whose level stepped, with the level shift marked (the page reports the chart drawn)', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const file = path.join(folder, 'stepped.csv');
    const start = Date.parse('2026-10-01T00:00:00Z') / 1000;
    const n = 21 * 24;
    fs.writeFileSync(
      file,
      'timestamp,cpu\n' +
        Array.from({ length: n }, (_, t) => {
          const level = t < n - 40 ? 34 : 70;
          return `${start + t * 3600},${(level + 5 * Math.sin(((t % 24) / 24) * 2 * Math.PI) + ((t * 7919) % 13) / 13).toFixed(2)}`;
        }).join('\n'),
    );
    const stepped = await vscode.commands.executeCommand<ForecastData | undefined>(
      'bottleneck.runForecast',
      vscode.Uri.file(file),
    );
    assert.ok(stepped?.metrics[0]?.levelShift, 'the forecast found the step');
    await waitFor(
      'the page to draw it',
      () => api.getPanel().lastRender?.id.startsWith(stepped.createdAt) === true,
      60_000,
    );
    assert.equal(api.getPanel().lastRender?.charts, 1);
  });
});
