import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ForecastData } from '../../src/core/base/forecastSchema';
import { type RunningServer, fleetHistory, startPrometheus } from '../support/metricServers';
import { getApi, waitFor } from './util';

/** The Capacity view's rows as drawn: `label: status` per series, in order. */
type Capacity = ReturnType<Awaited<ReturnType<typeof getApi>>['getCapacity']>;
const seriesOf = (c: Capacity): { label: string; status: string; description: string }[] =>
  c.groups.filter((g) => g.description.endsWith('fleet.plan.json')).flatMap((g) => g.series);

describe('the Capacity view and its warnings (a real Prometheus on 127.0.0.1)', function () {
  this.timeout(240_000);
  let before_: RunningServer;
  let after_: RunningServer;
  let planFile: string;
  const config = () => vscode.workspace.getConfiguration('bottleneck');
  const writePlan = (url: string): void =>
    fs.writeFileSync(
      planFile,
      JSON.stringify({
        sources: [{ name: 'prod', url }],
        lookback: '21d',
        metrics: [{ name: 'disk_used', query: 'disk_used_bytes', unit: 'B', capacity: 'disk_size_bytes' }],
        thresholds: { warning: '7d', critical: '24h' },
      }),
    );

  before(async () => {
    const now = Date.now();
    // the same fleet twice: as it was, and after four disks jumped (the data the test moves to)
    [before_, after_] = await Promise.all([
      startPrometheus(fleetHistory(now, false)),
      startPrometheus(fleetHistory(now, true)),
    ]);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a workspace folder is open');
    planFile = path.join(folder, 'fleet.plan.json');
    writePlan(before_.url);
    await config().update('refresh.files', [planFile], vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await config().update('refresh.files', undefined, vscode.ConfigurationTarget.Workspace);
    await Promise.all([before_?.stop(), after_?.stop()]);
    fs.rmSync(planFile, { force: true });
  });

  it('a scheduled refresh ranks every series of the multi-series query in the tree; all ok, so no warning', async () => {
    const api = await getApi();
    const noticeBefore = api.getCapacity().lastNotice;
    await api.testing?.runScheduledRefresh();
    assert.equal(api.getScheduledRuns().at(-1)?.ok, true, api.getScheduledRuns().at(-1)?.error);
    const capacity = api.getCapacity();
    // the sources of earlier refreshes (other files) have left the view: only this plan's group
    assert.deepEqual(
      capacity.groups.map((g) => g.label),
      ['disk_used'],
    );
    const group = capacity.groups[0];
    assert.ok(group);
    assert.equal(group.series.length, 12);
    assert.match(group.description, /^12 series — fleet\.plan\.json$/);
    assert.ok(
      group.series.every((s) => s.status === 'ok' && /^instance="h\d\d"$/.test(s.label)),
      JSON.stringify(group.series),
    );
    assert.equal(capacity.statusBar, '$(pass) 12 series ok');
    assert.equal(api.getCapacity().lastNotice, noticeBefore, 'nothing crossed, nothing said');
  });

  it('when the data moves across the thresholds, the next refresh ranks the moved series first and says so once, grouped', async () => {
    const api = await getApi();
    writePlan(after_.url);
    const before = api.getCapacity().lastNotice?.at ?? 0;
    await api.testing?.runScheduledRefresh();
    assert.equal(api.getScheduledRuns().at(-1)?.ok, true, api.getScheduledRuns().at(-1)?.error);
    const rows = seriesOf(api.getCapacity());
    const order = rows.map((r) => r.label.replace(/^instance="(h\d\d)"$/, '$1'));
    // the two beyond capacity first (breached), then the two about to breach, then the rest, all ok
    assert.deepEqual(order.slice(0, 2).sort(), ['h03', 'h08'], order.join());
    assert.deepEqual(order.slice(2, 4).sort(), ['h05', 'h11'], order.join());
    assert.ok(
      rows.slice(0, 2).every((r) => r.status === 'critical' && r.description === 'breached'),
      JSON.stringify(rows.slice(0, 2)),
    );
    assert.ok(rows.slice(2, 4).every((r) => r.status !== 'ok' && /^in \d/.test(r.description)));
    assert.ok(rows.slice(4).every((r) => r.status === 'ok'));
    const notice = api.getCapacity().lastNotice;
    assert.ok(notice && notice.at > before, 'a notification');
    assert.equal(notice.severity, 'critical');
    assert.match(
      notice.text,
      /^Bottleneck Forecast: 4 series crossed a capacity threshold \(\d critical(, \d warning)?\); the soonest: disk_used\{instance="h0[38]"\}, already beyond its capacity\.$/,
    );
    assert.deepEqual(
      [...notice.series].sort(),
      ['h03', 'h05', 'h08', 'h11'].map((h) => `disk_used{instance="${h}"}`),
    );
    assert.match(api.getCapacity().statusBar ?? '', /^\$\(error\) [2-4] critical, [0-2] warning$/);
  });

  it('the next refresh with the same data says nothing again', async () => {
    const api = await getApi();
    const notice = api.getCapacity().lastNotice;
    await api.testing?.runScheduledRefresh();
    assert.equal(api.getScheduledRuns().at(-1)?.ok, true);
    assert.equal(api.getCapacity().lastNotice, notice);
  });

  it('the warning state is in workspaceState, for the next window', async () => {
    const api = await getApi();
    const stored = api.testing?.readStoredState('bottleneck.capacityWatch') as {
      version: number;
      entries: Record<string, { status: string; announced?: { status: string } }>;
    };
    assert.equal(stored.version, 1);
    const announced = Object.entries(stored.entries).filter(([k, e]) => k.startsWith(planFile) && e.announced);
    assert.equal(announced.length, 4);
  });

  it('Run Forecast on the plan charts the first 8 series of the ranking with the lock holder, and the panel lists all 12', async () => {
    const api = await getApi();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(planFile));
    const data = await vscode.commands.executeCommand<ForecastData | undefined>('bottleneck.runForecast');
    assert.ok(data, `a forecast (last failure: ${api.getLastFailure()?.message ?? 'none'})`);
    assert.equal(data.metrics.length, 8);
    assert.equal(data.producer.provider, 'builtin');
    const ranked = seriesOf(api.getCapacity()).map((r) => r.label);
    assert.deepEqual(
      data.metrics.map((m) => m.name.replace(/^disk_used\{(.*)\}$/, '$1')),
      ranked.slice(0, 8),
      'the charts are the first 8 of the ranking, in its order',
    );
    assert.ok(
      data.warnings.includes(
        'The charts show the first 8 of 12 series, ranked by time to breach; the table below lists them all.',
      ),
    );
    assert.match(data.bottleneck?.metric ?? '', /^disk_used\{instance="h0[38]"\}$/);
    await waitFor('the panel to show it', () => api.getPanel().showing === data.createdAt, 60_000);
  });

  it('Run Now (the view title) ranks the sources again, without a notification', async () => {
    const api = await getApi();
    const notice = api.getCapacity().lastNotice;
    await vscode.commands.executeCommand('bottleneck.capacity.runNow');
    await waitFor('the view to keep its rows', () => seriesOf(api.getCapacity()).length >= 12, 120_000);
    assert.equal(seriesOf(api.getCapacity())[0]?.description, 'breached');
    assert.equal(api.getCapacity().lastNotice, notice);
  });
});
