import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ForecastData } from '../../src/core/base/forecastSchema';
import { type RunningServer, diskHistory, startPrometheus } from '../support/metricServers';
import { getApi, waitFor } from './util';

describe('capacity plans in the editor (a real Prometheus on 127.0.0.1)', function () {
  this.timeout(120_000);
  let prom: RunningServer;
  let planFile: string;
  const config = () => vscode.workspace.getConfiguration('bottleneck');

  before(async () => {
    prom = await startPrometheus(diskHistory(Date.now()));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a workspace folder is open');
    planFile = path.join(folder, '.bottleneck', 'plan.json');
    fs.mkdirSync(path.dirname(planFile), { recursive: true });
    fs.writeFileSync(
      planFile,
      `// the team's capacity plan
{
  "sources": [{ "name": "prod", "url": "${prom.url}" }],
  "lookback": "21d",
  "metrics": [
    { "name": "disk_used", "query": "disk_used_bytes", "unit": "B", "capacity": "disk_size_bytes" },
  ],
  "thresholds": { "warning": "7d", "critical": "24h" },
}
`,
    );
  });
  after(async () => {
    await config().update('refresh.files', undefined, vscode.ConfigurationTarget.Workspace);
    await prom?.stop();
    fs.rmSync(path.dirname(planFile), { recursive: true, force: true });
  });

  it('Run Forecast on an open plan forecasts every series, and the panel names the bottleneck series', async () => {
    const api = await getApi();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(planFile));
    const data = await vscode.commands.executeCommand<ForecastData | undefined>('bottleneck.runForecast');
    assert.ok(data, `a forecast (last failure: ${api.getLastFailure()?.message ?? 'none'})`);
    assert.equal(data.metrics.length, 3);
    assert.equal(data.bottleneck?.metric, 'disk_used{instance="db-2"}');
    await waitFor('the panel to show the forecast', () => api.getPanel().showing === data.createdAt);
    assert.equal(api.getPanel().open, true);
  });

  it('underlines a mistake in the plan through the contributed JSON schema', async () => {
    const doc = await vscode.workspace.openTextDocument(planFile);
    assert.equal(doc.languageId, 'jsonc', 'a plan is JSON with comments');
    const edit = new vscode.WorkspaceEdit();
    const text = doc.getText();
    const at = text.indexOf('"lookback": "21d"');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 17)), '"lookback": 21');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await waitFor('a schema diagnostic', () => vscode.languages.getDiagnostics(doc.uri).length > 0, 30_000);
      const lines = vscode.languages.getDiagnostics(doc.uri).map((d) => d.range.start.line);
      assert.deepEqual(lines, [text.slice(0, at).split('\n').length - 1], 'one problem, on the lookback line');
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      await vscode.workspace.applyEdit(undo);
    }
  });

  it('keeps the last forecast, marked stale, while Prometheus is down, and recovers on the next refresh', async () => {
    const api = await getApi();
    await config().update('refresh.files', [planFile], vscode.ConfigurationTarget.Workspace);
    const runs = (): number => api.getScheduledRuns().length;
    const before = runs();
    await api.testing?.runScheduledRefresh();
    assert.equal(api.getScheduledRuns().at(-1)?.ok, true, api.getScheduledRuns().at(-1)?.error);
    const first = api.getPanel().showing;
    assert.ok(first);

    await prom.stop();
    await api.testing?.runScheduledRefresh();
    const failed = api.getScheduledRuns().at(-1);
    assert.equal(failed?.ok, false);
    assert.match(failed?.error ?? '', /source "prod" \(127\.0\.0\.1:\d+\) cannot be reached/);
    assert.equal(api.getPanel().showing, first, 'the last forecast stays');
    const status = api.getPanel().status;
    assert.equal(status.kind, 'error');
    assert.match(status.message ?? '', /cannot be reached .* The forecast below is stale: it was made .* ago\.$/);
    assert.equal(api.getLastFailure(), undefined, 'a scheduled failure raises no notification');

    await prom.restart();
    await api.testing?.runScheduledRefresh();
    assert.equal(api.getScheduledRuns().at(-1)?.ok, true, api.getScheduledRuns().at(-1)?.error);
    assert.notEqual(api.getPanel().showing, first, 'a new forecast');
    assert.equal(runs(), before + 3, 'one run per refresh, no retries in between');
  });
});
