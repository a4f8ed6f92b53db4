import * as assert from 'node:assert/strict';
import { type FleetRow } from '../../../../src/core/fleet/fleetRow';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataError } from '../../../../src/core/base/dataError';
import { type FleetSeries } from '../../../../src/core/fleet/fleetTasks';
import { forecastFleet, forecastSetInWorker } from '../../../../src/core/fleet/forecastFleet';
import { rowKey } from '../../../../src/core/fleet/ranking';

const STEP = 300_000;
const N = 4032;
const START = Date.parse('2026-10-01T00:00:00Z');

/** A deterministic pseudo-random stream. */
function lcg(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

/**
 * A series that rises linearly to cross 90 at step `crossAt` (counted from the first step),
 * with a small daily wave and noise; `crossAt` null is flat.
 */
export function trendSeries(name: string, crossAt: number | null, seed: number): FleetSeries {
  const random = lcg(seed);
  const slope = crossAt === null ? 0 : 40 / crossAt;
  const values = new Float64Array(N);
  for (let i = 0; i < N; i++)
    values[i] = 50 + slope * i + 1.5 * Math.sin((2 * Math.PI * i) / 288) + 0.6 * (random() - 0.5);
  return {
    name,
    group: 'cpu',
    unit: '%',
    capacity: 90,
    breach: 'above',
    start: START,
    stepMs: STEP,
    values,
    filled: 0,
  };
}

describe('forecastFleet: many series on worker threads, ranked as they finish', function () {
  this.timeout(120_000);

  it('ranks a generated fleet in its true breach order: breached first, then soonest, then none', async () => {
    // crossing steps after the end of the history (4032) and one before it (already breached)
    const crossings: [string, number | null][] = [
      ['e', N + 900],
      ['breached', N - 200],
      ['b', N + 250],
      ['flat1', null],
      ['d', N + 700],
      ['a', N + 60],
      ['c', N + 450],
      ['flat2', null],
    ];
    const series = crossings.map(([name, at], k) => trendSeries(`cpu{host="${name}"}`, at, k + 1));
    const ranked: string[] = [];
    const result = await forecastFleet(
      { series, name: 'generated' },
      { workers: 2, onRow: (r) => ranked.push(r.series) },
    );
    const order = result.rows.map((r) => r.series.replace(/^cpu\{host="(.*)"\}$/, '$1'));
    assert.deepEqual(order.slice(0, 6), ['breached', 'a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(order.slice(6).sort(), ['flat1', 'flat2']);
    assert.equal(ranked.length, 8, 'every row was reported as it was ranked');
    const top = result.rows[0] as FleetRow;
    assert.equal(top.alreadyBreached, true);
    assert.equal(top.status, 'critical');
    assert.deepEqual({ ...top.labels }, { host: 'breached' });
    const a = result.rows[1] as FleetRow;
    // 60 steps of 5 minutes = 5 h after the last point: critical by the default 24 h
    assert.equal(a.status, 'critical');
    assert.ok(a.msToBreach !== null && a.msToBreach < 24 * 3_600_000, String(a.msToBreach));
    assert.equal((result.rows.at(-1) as FleetRow).status, 'ok');
    assert.equal(result.workers, 2);
    assert.ok(result.firstRowMs !== null && result.firstRowMs <= result.elapsedMs);
    assert.equal(result.series.size, 8);
  });

  it('a series with too little history gets a row that says why, ranked last; the others are forecast', async () => {
    const short = { ...trendSeries('short', N + 60, 9), values: new Float64Array(10).fill(50) };
    const result = await forecastFleet({ series: [short, trendSeries('ok', N + 100, 3)], name: 'g' }, { workers: 1 });
    assert.equal(result.rows[0]?.series, 'ok');
    assert.match(result.rows[1]?.error ?? '', /too little history/);
  });

  it('a worker that dies on a series is replaced and the series retried once', async () => {
    const series = ['a', 'b', 'c'].map((n, k) => trendSeries(n, N + 100 * (k + 1), k));
    const result = await forecastFleet(
      { series, name: 'g' },
      { workers: 1, fault: { series: /^b$/, kind: 'crash-once' } },
    );
    assert.deepEqual(
      result.rows.map((r) => [r.series, r.error]),
      [
        ['a', undefined],
        ['b', undefined],
        ['c', undefined],
      ],
    );
    assert.equal(result.workersStarted, 2);
  });

  it('a series that kills its worker twice fails its row only', async () => {
    const series = ['a', 'b'].map((n, k) => trendSeries(n, N + 100 * (k + 1), k));
    const result = await forecastFleet({ series, name: 'g' }, { workers: 1, fault: { series: /^a$/, kind: 'crash' } });
    assert.equal(result.rows[0]?.series, 'b');
    assert.match(result.rows[1]?.error ?? '', /died twice/);
  });

  it('cancellation stops the pool at once: the run rejects with an AbortError and no row comes after', async () => {
    const controller = new AbortController();
    const series = Array.from({ length: 40 }, (_, k) => trendSeries(`s${k}`, N + 100, k));
    let afterAbort = 0;
    const run = forecastFleet(
      { series, name: 'g' },
      {
        workers: 2,
        signal: controller.signal,
        onRow: () => {
          if (controller.signal.aborted) afterAbort++;
          else controller.abort();
        },
      },
    );
    await assert.rejects(run, (e: Error) => e.name === 'AbortError');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(afterAbort, 0);
  });

  it('an aborted signal refuses to start', async () => {
    await assert.rejects(
      forecastFleet({ series: [], name: 'g' }, { signal: AbortSignal.abort() }),
      (e: Error) => e.name === 'AbortError',
    );
  });

  describe('loading in a worker', () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-'))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a wide CSV file: every column is a series of the file’s group, with the capacities given', async () => {
      const file = path.join(dir, 'disks.csv');
      const lines = ['timestamp,disk_a,disk_b,disk_c'];
      for (let i = 0; i < 600; i++) {
        const t = new Date(START + i * 3_600_000).toISOString();
        lines.push(`${t},${(20 + i * 0.1).toFixed(2)},${(20 + i * 0.12).toFixed(2)},30`);
      }
      fs.writeFileSync(file, lines.join('\n'));
      const result = await forecastFleet(
        { source: { name: file }, capacities: { 'disk_*': { capacity: 90 } } },
        { workers: 2 },
      );
      assert.deepEqual(
        result.rows.map((r) => [r.group, r.series]),
        [
          ['disks.csv', 'disk_b'],
          ['disks.csv', 'disk_a'],
          ['disks.csv', 'disk_c'],
        ],
      );
      assert.ok(result.rows[0]?.expected !== null);
      assert.equal(result.series.get(rowKey({ group: 'disks.csv', series: 'disk_a' }))?.values.length, 600);
    });

    it('a file that cannot be loaded fails the run with the loader’s own error class and place', async () => {
      const file = path.join(dir, 'bad.csv');
      fs.writeFileSync(file, 'timestamp,x\n2026-01-01T00:00:00Z,1\nnot a time,2\n');
      await assert.rejects(forecastFleet({ source: { name: file } }, { workers: 1 }), (e: unknown) => {
        assert.ok(e instanceof DataError, String(e));
        assert.equal(e.file, file);
        return true;
      });
    });

    it('a plan on a host that may not query sources is refused before any query', async () => {
      const file = path.join(dir, 'plan.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          sources: [{ name: 'prom', url: 'http://127.0.0.1:1' }],
          metrics: [{ name: 'm', query: 'up' }],
          thresholds: { warning: '2d' },
        }),
      );
      await assert.rejects(forecastFleet({ source: { name: file } }, { workers: 1 }), (e: Error) => {
        assert.equal(e.name, 'SourceError');
        assert.match(e.message, /cannot query metric sources/);
        return true;
      });
    });
  });

  it('forecastSetInWorker gives the same ForecastData as a forecast on this thread would', async () => {
    const set = { source: 's', metrics: [trendSeries('a', N + 100, 1)], warnings: [] };
    const data = await forecastSetInWorker(set, { horizon: { steps: 288 } });
    assert.equal(data.metrics[0]?.points.length, 288);
    assert.equal(data.bottleneck?.metric, 'a');
  });
});
