import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { forecastDataSchema, type ForecastData } from '../../src/core/base/forecastSchema';
import { getApi } from './util';

describe('Run Forecast with the built-in forecaster', function () {
  this.timeout(60_000);

  it('forecasts the bundled sample into a valid ForecastData', async () => {
    const api = await getApi();
    assert.equal(api.getLock().holder, 'builtin');
    const data = await vscode.commands.executeCommand<ForecastData | undefined>(
      'bottleneck.runForecast',
      api.sampleUri,
    );
    assert.ok(data, 'the command returned a forecast');
    const parsed = forecastDataSchema.safeParse(data);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    assert.equal(data.producer.provider, 'builtin');
    assert.ok(['latency_p95', 'cpu_utilization'].includes(data.bottleneck?.metric ?? ''), data.bottleneck?.metric);
    assert.equal(data.metrics.length, 5);
    assert.ok(JSON.stringify(api.getLastForecast()) === JSON.stringify(data), 'the API holds the same forecast');
  });

  it('forecasts a file of another scheme, read through the workspace file system (a FileSystemProvider)', async () => {
    const api = await getApi();
    const files = new Map<string, Uint8Array>([['/fleet/service-metrics.csv', fs.readFileSync(api.sampleUri.fsPath)]]);
    const changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
    const provider: vscode.FileSystemProvider = {
      onDidChangeFile: changed.event,
      watch: () => new vscode.Disposable(() => undefined),
      stat: (uri) => {
        const bytes = files.get(uri.path);
        if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
        return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: bytes.byteLength };
      },
      readFile: (uri) => {
        const bytes = files.get(uri.path);
        if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
        return bytes;
      },
      readDirectory: () => [],
      createDirectory: () => undefined,
      writeFile: () => undefined,
      delete: () => undefined,
      rename: () => undefined,
    };
    const registration = vscode.workspace.registerFileSystemProvider('bnmem', provider, { isReadonly: true });
    try {
      const uri = vscode.Uri.parse('bnmem:/fleet/service-metrics.csv');
      const data = await vscode.commands.executeCommand<ForecastData | undefined>('bottleneck.runForecast', uri);
      assert.equal(
        data?.source,
        'bnmem:/fleet/service-metrics.csv',
        `a forecast (last failure: ${api.getLastFailure()?.message ?? 'none'})`,
      );
      assert.ok(['latency_p95', 'cpu_utilization'].includes(data?.bottleneck?.metric ?? ''), data?.bottleneck?.metric);
      // the panel's Retry runs the same source again: the URI (scheme included) travels with the forecast
      assert.equal(api.getPanel().showing, data?.createdAt);
      assert.equal(api.testing?.panel.deliver({ type: 'command', command: 'retry' }), true);
      await new Promise<void>((resolve) => {
        const d = api.testing?.panel.onDidRender(() => {
          d?.dispose();
          resolve();
        });
      });
      assert.equal(api.getLastForecast()?.source, 'bnmem:/fleet/service-metrics.csv');
    } finally {
      registration.dispose();
      changed.dispose();
    }
  });

  it('forecasts an untitled document from its text', async () => {
    const api = await getApi();
    const content = fs.readFileSync(api.sampleUri.fsPath, 'utf8');
    const doc = await vscode.workspace.openTextDocument({ content });
    const data = await vscode.commands.executeCommand<ForecastData | undefined>('bottleneck.runForecast', doc.uri);
    assert.equal(data?.source, doc.uri.toString());
    assert.ok(['latency_p95', 'cpu_utilization'].includes(data?.bottleneck?.metric ?? ''), data?.bottleneck?.metric);
  });

  it('Open Sample Data opens the bundled CSV', async () => {
    await vscode.commands.executeCommand('bottleneck.openSampleData');
    assert.match(vscode.window.activeTextEditor?.document.fileName ?? '', /service-metrics\.csv$/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('forecasts the active CSV editor when given no file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const file = path.join(folder, 'hourly.csv');
    fs.writeFileSync(
      file,
      'timestamp,metric,value,capacity\n' +
        Array.from(
          { length: 24 * 14 },
          (_, i) => `${1767225600 + i * 3600},cpu,${50 + 20 * Math.sin(i / 3.8197) + i * 0.05},${i === 0 ? 90 : ''}`,
        ).join('\n'),
    );
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    const data = await vscode.commands.executeCommand<ForecastData | undefined>('bottleneck.runForecast');
    assert.equal(data?.source, file);
    assert.equal(data?.metrics[0]?.capacity, 90);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // with no metrics file in any editor (a plain text one is active), Run Forecast forecasts the last file again, no file browser
    const notes = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'notes' });
    await vscode.window.showTextDocument(notes);
    assert.deepEqual(
      vscode.window.visibleTextEditors
        .filter((e) => /\.(csv|json)$/i.test(e.document.fileName))
        .map((e) => e.document.fileName),
      [],
    );
    const again = await vscode.commands.executeCommand<ForecastData | undefined>('bottleneck.runForecast');
    assert.equal(again?.source, file);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a JSON file that is not metrics (a package.json) gets one sentence, not a schema dump', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const file = path.join(folder, 'package.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'mocha' } }));
    assert.equal(await vscode.commands.executeCommand('bottleneck.runForecast', vscode.Uri.file(file)), undefined);
    const shown = api.getLastFailure();
    assert.deepEqual(shown?.actions, ['Open Sample Data'], 'the sample, not Try Again or Open File');
    assert.deepEqual(
      [shown?.message],
      [
        'Bottleneck Forecast: package.json is not a metrics file: expected a CSV with a time column, or JSON of the form { "metrics": [ { "name": …, "points": [...] } ] }',
      ],
    );
  });

  it('a malformed file gives no forecast (the error names line and column)', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const file = path.join(folder, 'broken.csv');
    fs.writeFileSync(file, 'timestamp,value\n2026-01-01T00:00Z,oops\n');
    assert.ok(
      (await vscode.commands.executeCommand('bottleneck.runForecast', vscode.Uri.file(file))) === undefined,
      'no forecast',
    );
  });

  it('capacities from settings give a wide file without capacities its bottleneck', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const file = path.join(folder, 'wide.csv');
    fs.writeFileSync(
      file,
      'timestamp,cpu_busy,disk_free_gb\n' +
        Array.from(
          { length: 24 * 14 },
          (_, i) => `${1767225600 + i * 3600},${40 + i * 0.12 + 10 * Math.sin(i / 3.8197)},${500 - i}`,
        ).join('\n'),
    );
    const config = vscode.workspace.getConfiguration('bottleneck');
    await config.update(
      'capacities',
      { 'cpu*': 95, disk_free_gb: { capacity: 100, breach: 'below' } },
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      const data = await vscode.commands.executeCommand<ForecastData | undefined>(
        'bottleneck.runForecast',
        vscode.Uri.file(file),
      );
      assert.deepEqual(
        data?.metrics.map((m) => [m.name, m.capacity, m.breachSide]),
        [
          ['cpu_busy', 95, 'above'],
          ['disk_free_gb', 100, 'below'],
        ],
      );
      assert.equal(data?.bottleneck?.metric, 'cpu_busy');
    } finally {
      await config.update('capacities', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('the horizon and level settings change what Run Forecast and the scheduled refresh forecast', async () => {
    const api = await getApi();
    const run = (): Thenable<ForecastData | undefined> =>
      vscode.commands.executeCommand<ForecastData | undefined>('bottleneck.runForecast', api.sampleUri);
    const automatic = await run();
    assert.equal(automatic?.horizon.stepSeconds, 300, 'the sample has 5-minute steps');
    assert.equal(automatic?.horizon.count, 2016, 'a week of steps when nothing is set');
    assert.equal(automatic?.level, 0.95);
    const config = vscode.workspace.getConfiguration('bottleneck');
    await config.update('forecast.horizon', '6h', vscode.ConfigurationTarget.Workspace);
    await config.update('forecast.level', 0.8, vscode.ConfigurationTarget.Workspace);
    try {
      const data = await run();
      assert.deepEqual(
        [data?.horizon.count, data?.level],
        [72, 0.8],
        'Run Forecast: six hours of 5-minute steps at 80%',
      );
      assert.equal(data?.metrics[0]?.points.length, 72);
      await config.update('forecast.horizon', '48', vscode.ConfigurationTarget.Workspace);
      await config.update('refresh.files', [api.sampleUri.fsPath], vscode.ConfigurationTarget.Workspace);
      await api.testing?.runScheduledRefresh();
      const scheduled = api.getLastForecast();
      assert.ok(scheduled && scheduled.createdAt !== data?.createdAt, 'the refresh made a new forecast');
      assert.deepEqual([scheduled.horizon.count, scheduled.level], [48, 0.8], 'the refresh: 48 steps at 80%');
    } finally {
      await config.update('refresh.files', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('forecast.horizon', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('forecast.level', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
