import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { seriesQuery } from '../../../src/core/fleet/seriesQuery';
import { SAMPLE, runCli } from '../../support/cli';
import { type RunningServer, diskHistory, startPrometheus } from '../../support/metricServers';

describe('bottleneck forecast --top (a fleet, ranked)', function () {
  this.timeout(180_000);
  let dir: string;
  const state = (): string => path.join(dir, `state-${Math.random().toString(36).slice(2)}.json`);
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-cli-fleet-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('a plan whose query returns several series (a real Prometheus on 127.0.0.1)', () => {
    let prom: RunningServer;
    let plan: string;
    /** The time of the history's last samples, in seconds. */
    let lastSample: number;
    before(async () => {
      const history = diskHistory(Date.now());
      lastSample = (history.startMs + ((history.series[0]?.values.length ?? 1) - 1) * history.stepMs) / 1000;
      prom = await startPrometheus(history);
      plan = path.join(dir, 'fleet.plan.json');
      fs.writeFileSync(
        plan,
        JSON.stringify({
          sources: [{ name: 'prod', url: prom.url }],
          lookback: '21d',
          metrics: [{ name: 'disk_used', query: 'disk_used_bytes', unit: 'B', capacity: 'disk_size_bytes' }],
          thresholds: { warning: '7d', critical: '4d' },
        }),
      );
    });
    after(async () => prom?.stop());

    it('prints the first N series, soonest breach first, with the counts of all', async () => {
      const r = await runCli('forecast', '--plan', plan, '--top', '2', '--state', state());
      assert.equal(r.code, 0, r.err);
      const lines = r.out.split('\n');
      assert.match(lines[0] ?? '', /^Bottleneck Forecast: 3 series from .*fleet\.plan\.json, soonest breach first/);
      assert.match(lines[1] ?? '', /^Thresholds: critical within 4 d, warning within 7 d/);
      const ranked = lines.filter((l) => /^\s*\d+ {2}/.test(l));
      assert.equal(ranked.length, 2);
      // db-2 rises fastest (0.045 GB a step): it breaches first and is critical by the plan's 4 d
      assert.match(ranked[0] ?? '', /^1 {2}disk_used\{instance="db-2"\}\s+disk_used\s+critical\s+in /);
      assert.match(r.out, /^2 of 3 shown \(--top\)\. 1 critical, \d warning, \d ok\.$/m);
    });

    it('--format json gives the whole ranking, in order, with labels', async () => {
      const r = await runCli('forecast', '--plan', plan, '--top', '1', '--format', 'json', '--state', state());
      assert.equal(r.code, 0, r.err);
      const json = JSON.parse(r.out) as {
        rows: { series: string; labels: Record<string, string>; status: string; group: string }[];
        counts: Record<string, number>;
        thresholds: { warningMs: number; criticalMs: number };
      };
      assert.equal(json.rows.length, 3);
      assert.equal(json.rows[0]?.labels['instance'], 'db-2');
      assert.equal(json.rows[0]?.group, 'disk_used');
      assert.deepEqual(json.thresholds, { warningMs: 7 * 86_400_000, criticalMs: 4 * 86_400_000 });
      assert.equal(json.counts['critical'], json.rows.filter((x) => x.status === 'critical').length);
    });

    it("each row's query, narrowed to its labels (Copy as PromQL), selects that one series on the server", async () => {
      const r = await runCli('forecast', '--plan', plan, '--top', '3', '--format', 'json', '--state', state());
      const rows = (JSON.parse(r.out) as { rows: { labels: Record<string, string> }[] }).rows;
      for (const row of rows) {
        const query = seriesQuery('sum by (instance) (disk_used_bytes{job="node"})', row.labels);
        // at the last samples' time: at the server's now they are up to one step plus the tests before this one
        // old, past Prometheus's five-minute lookback
        const url = `${prom.url}/api/v1/query?query=${encodeURIComponent(query)}&time=${lastSample}`;
        const answer = (await (await fetch(url)).json()) as {
          data: { result: { metric: Record<string, string> }[] };
        };
        assert.equal(answer.data.result.length, 1, query);
        assert.equal(answer.data.result[0]?.metric['instance'], row.labels['instance']);
      }
    });

    it('--fail-on plan is judged on the worst series (exit 3)', async () => {
      const r = await runCli('forecast', '--plan', plan, '--top', '5', '--fail-on', 'plan', '--state', state());
      assert.equal(r.code, 3, r.err);
      assert.match(r.err, /1 series reached the critical threshold \(--fail-on plan\)/);
    });
  });

  it('ranks the columns of a file the same way; --fail-on <risk> judges the worst series', async () => {
    const r = await runCli('forecast', SAMPLE, '--top', '3', '--state', state());
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /5 series from .*service-metrics\.csv/);
    assert.match(r.out, /^3 of 5 shown/m);
    const high = await runCli(
      'forecast',
      SAMPLE,
      '--top',
      '1',
      '--fail-on',
      'high',
      '--format',
      'csv',
      '--state',
      state(),
    );
    assert.equal(high.code, 3);
    assert.equal(high.out.split('\n').length, 6, 'csv: a header and every row');
    assert.match(high.err, /series reached risk high or above \(--fail-on high\); the first: /);
    const never = await runCli('forecast', SAMPLE, '--top', '1', '--fail-on', 'critical', '--state', state());
    assert.equal(never.code, 0, never.err);
  });

  it('bad flags are one sentence and exit 2', async () => {
    for (const [args, message] of [
      [['--top', '0'], /--top must be a whole number from 1 to/],
      [['--top', '2.5'], /--top must be a whole number/],
      [['--top', '3', '--html', path.join(dir, 'r.html')], /--html reports one forecast; it cannot be used with --top/],
    ] as const) {
      const r = await runCli('forecast', SAMPLE, ...args, '--state', state());
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });

  it('a file that cannot be loaded is its own sentence (exit 2), as without --top', async () => {
    const bad = path.join(dir, 'package.json');
    fs.writeFileSync(bad, JSON.stringify({ name: 'x', version: '1.0.0' }));
    const r = await runCli('forecast', bad, '--top', '3', '--state', state());
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /is not a metrics file/);
  });
});
