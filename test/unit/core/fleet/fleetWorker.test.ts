import * as assert from 'node:assert/strict';
import { type ForecastData, type MetricSeries } from '../../../../src/core/base/forecastSchema';
import { type FleetRow } from '../../../../src/core/fleet/fleetRow';
import { type FleetSeries, type FleetTask, type LoadBatch, type LoadDone } from '../../../../src/core/fleet/fleetTasks';
import { handleFleetTask } from '../../../../src/core/fleet/fleetWorker';
import { SourceError } from '../../../../src/core/sources/sourceError';
import { type FakePrometheus, startFakePrometheus } from '../../../support/fakePrometheus';
import { hourlySet } from '../../../support/helpers';

const THRESHOLDS = { warningMs: 7 * 86_400_000, criticalMs: 86_400_000 };

/** A worker's task run on this thread: what it returns and the progress it sent. */
async function run(task: FleetTask, attempt = 1): Promise<{ result: unknown; progress: unknown[] }> {
  const progress: unknown[] = [];
  const result = await handleFleetTask(task, (p) => progress.push(p), attempt);
  return { result, progress };
}

/** A wide CSV of `columns` hourly series, two days long. */
function wideCsv(columns: number): string {
  const names = Array.from({ length: columns }, (_, i) => `disk_${i}`);
  const lines = [['timestamp', ...names].join(',')];
  for (let t = 0; t < 48; t++)
    lines.push(
      [new Date(Date.UTC(2026, 10, 1) + t * 3_600_000).toISOString(), ...names.map((_, i) => 20 + i + t)].join(','),
    );
  return lines.join('\n');
}

const seriesOf = (progress: unknown[]) =>
  progress.map((p) => (p as LoadBatch).series.map((s) => `${s.group}/${s.name}`));

describe("the fleet worker's tasks (run on this thread)", function () {
  this.timeout(30_000);
  const cpu = hourlySet().metrics[0] as MetricSeries;
  const series: FleetSeries = { ...cpu, name: 'cpu{host="a"}', group: 'cpu' };

  it('forecasts one series into its ranked row, named by the series and its group', async () => {
    const { result, progress } = await run({
      kind: 'series',
      series,
      options: { horizon: { steps: 48 } },
      thresholds: THRESHOLDS,
    });
    const row = result as FleetRow;
    assert.equal(row.series, 'cpu{host="a"}');
    assert.equal(row.group, 'cpu');
    assert.deepEqual({ ...row.labels }, { host: 'a' });
    assert.equal(row.capacity, 90);
    assert.equal(row.error, undefined);
    assert.deepEqual(progress, []);
  });

  it("fails a series' row, not the task, when its history is too short to forecast", async () => {
    const short: FleetSeries = { ...series, values: new Float64Array(3).fill(50) };
    const { result } = await run({ kind: 'series', series: short, options: {}, thresholds: THRESHOLDS });
    const row = result as FleetRow;
    assert.equal(row.series, 'cpu{host="a"}');
    assert.match(row.error ?? '', /too little history/);
    assert.equal(row.expected, null);
  });

  it('lets an error that is not bad input of the series fail the task', async () => {
    const task = { kind: 'series', series: { ...series, values: null }, options: {}, thresholds: THRESHOLDS };
    await assert.rejects(
      handleFleetTask(task as unknown as FleetTask, () => undefined, 1),
      TypeError,
    );
  });

  it('forecasts a whole set into one forecast', async () => {
    const { result } = await run({ kind: 'set', set: hourlySet(), options: { horizon: { steps: 12 }, level: 0.8 } });
    const data = result as ForecastData;
    assert.equal(data.source, 'metrics.csv');
    assert.equal(data.horizon.count, 12);
    assert.equal(data.level, 0.8);
  });

  it("loads a file and sends its series in batches, each in the file's group", async () => {
    const source = { name: '/data/disks.csv', text: wideCsv(5) };
    const { result, progress } = await run({ kind: 'load', source, batch: 2 });
    assert.deepEqual(seriesOf(progress), [
      ['disks.csv/disk_0', 'disks.csv/disk_1'],
      ['disks.csv/disk_2', 'disks.csv/disk_3'],
      ['disks.csv/disk_4'],
    ]);
    assert.equal((progress[0] as LoadBatch).series[0]?.values.length, 48);
    assert.deepEqual(result as LoadDone, { source: '/data/disks.csv', warnings: [] });
  });

  it('sends batches of 32 unless told, and of at least one', async () => {
    const source = { name: 'disks.csv', text: wideCsv(33) };
    const byDefault = await run({ kind: 'load', source });
    assert.deepEqual(
      byDefault.progress.map((p) => (p as LoadBatch).series.length),
      [32, 1],
    );
    const zero = await run({ kind: 'load', source: { name: 'disks.csv', text: wideCsv(3) }, batch: 0 });
    assert.deepEqual(
      zero.progress.map((p) => (p as LoadBatch).series.length),
      [1, 1, 1],
    );
  });

  it('applies the capacities given and keeps the loader warnings', async () => {
    const source = { name: 'disks.csv', text: wideCsv(2) };
    const { result, progress } = await run({
      kind: 'load',
      source,
      capacities: { 'disk_*': { capacity: 90 }, nothing: { capacity: 1 } },
    });
    assert.deepEqual(
      (progress[0] as LoadBatch).series.map((s) => s.capacity),
      [90, 90],
    );
    assert.equal((result as LoadDone).warnings.length, 1);
    assert.match((result as LoadDone).warnings[0] ?? '', /nothing/);
  });

  it("refuses a plan when no access to its sources was resolved, or when the host's access refuses", async () => {
    const plan = JSON.stringify({
      sources: [{ name: 'prom', url: 'http://127.0.0.1:1' }],
      metrics: [{ name: 'm', query: 'up' }],
    });
    const none = await run({ kind: 'load', source: { name: 'plan.json', text: plan } }).catch((e: unknown) => e);
    assert.ok(none instanceof SourceError, String(none));
    assert.equal(none.message, 'this host cannot query metric sources');
    const refused = await run({
      kind: 'load',
      source: { name: 'plan.json', text: plan },
      access: { refused: 'Restricted Mode', credentials: {}, hints: {} },
    }).catch((e: unknown) => e);
    assert.ok(refused instanceof SourceError, String(refused));
    assert.equal(refused.failure, 'restricted');
    assert.equal(refused.message, 'Restricted Mode');
  });
});

describe("the fleet worker's plan loading (run on this thread)", function () {
  this.timeout(30_000);
  const TOKEN = 't0k';
  const NOW = Date.parse('2026-11-20T12:34:00Z');
  let prom: FakePrometheus;
  before(
    async () =>
      (prom = await startFakePrometheus({
        token: TOKEN,
        now: NOW,
        lines: [
          { labels: { instance: 'a' }, crossAfterHours: 6 },
          { labels: { instance: 'b' }, crossAfterHours: 30 },
        ],
      })),
  );
  after(() => prom.close());

  const planText = (): string =>
    JSON.stringify({
      sources: [{ name: 'prom', url: prom.url, auth: { type: 'bearer' } }],
      step: '1h',
      lookback: '2d',
      thresholds: { warning: '2d', critical: '6h' },
      metrics: [{ name: 'disk', query: 'disk_used_percent', capacity: 100 }],
    });
  const credentials = (): Record<string, { secret: string; origins: string[]; howToAllow: string }> => ({
    prom: { secret: TOKEN, origins: [prom.url], howToAllow: 'allow it' },
  });

  it("queries with the host's secret and clock; each series in its metric's group; the plan's thresholds and queries", async () => {
    const { result, progress } = await run({
      kind: 'load',
      source: { name: '/w/prod.plan.json', text: planText() },
      access: { credentials: credentials(), hints: {}, now: NOW },
    });
    assert.deepEqual(seriesOf(progress), [['disk/disk{instance="a"}', 'disk/disk{instance="b"}']]);
    const first = (progress[0] as LoadBatch).series[0];
    // the last full hour before NOW
    assert.equal(
      (first?.start ?? 0) + ((first?.values.length ?? 0) - 1) * 3_600_000,
      Date.parse('2026-11-20T12:00:00Z'),
    );
    const done = result as LoadDone;
    assert.equal(done.source, '/w/prod.plan.json');
    assert.deepEqual(done.thresholds, { warningMs: 2 * 86_400_000, criticalMs: 6 * 3_600_000 });
    assert.deepEqual(done.queries, { disk: { query: 'disk_used_percent', source: 'prom', url: prom.url } });
  });

  it('without a secret the source is refused with the hint the host gave for it, or none', async () => {
    const source = { name: '/w/prod.plan.json', text: planText() };
    const hinted = await run({
      kind: 'load',
      source,
      access: { credentials: {}, hints: { prom: 'set PROM_TOKEN' } },
    }).catch((e: unknown) => e);
    assert.ok(hinted instanceof SourceError, String(hinted));
    assert.match(hinted.message, /needs a token, and none is set for it: set PROM_TOKEN$/);
    const bare = await run({ kind: 'load', source, access: { credentials: {}, hints: {} } }).catch((e: unknown) => e);
    assert.ok(bare instanceof SourceError, String(bare));
    assert.match(bare.message, /needs a token, and none is set for it$/);
  });
});

describe("the fleet worker's injected faults (for the pool's tests)", () => {
  const cpu = hourlySet().metrics[0] as MetricSeries;
  const task = (fault: 'crash' | 'crash-once'): FleetTask => ({
    kind: 'series',
    series: { ...cpu, name: 'cpu', group: 'cpu' },
    options: { horizon: { steps: 4 } },
    thresholds: THRESHOLDS,
    fault,
  });
  const exits: (number | string | null | undefined)[] = [];
  const realExit = process.exit;
  beforeEach(() => {
    exits.length = 0;
    // the worker would end here; on this thread the exit is recorded and the task stopped
    process.exit = ((code) => {
      exits.push(code);
      throw new Error('exited');
    }) as typeof process.exit;
  });
  afterEach(() => (process.exit = realExit));

  it('crash ends the worker with code 70 on every attempt', async () => {
    for (const attempt of [1, 2])
      await assert.rejects(
        handleFleetTask(task('crash'), () => undefined, attempt),
        /exited/,
      );
    assert.deepEqual(exits, [70, 70]);
  });

  it('crash-once ends it on the first attempt only; the retry forecasts', async () => {
    await assert.rejects(
      handleFleetTask(task('crash-once'), () => undefined, 1),
      /exited/,
    );
    const row = (await handleFleetTask(task('crash-once'), () => undefined, 2)) as FleetRow;
    assert.deepEqual(exits, [70]);
    assert.equal(row.series, 'cpu');
    assert.equal(row.error, undefined);
  });

  it('a task without a fault never exits', async () => {
    const { fault: _, ...clean } = task('crash') as Extract<FleetTask, { kind: 'series' }>;
    await handleFleetTask(clean, () => undefined, 1);
    assert.deepEqual(exits, []);
  });
});
