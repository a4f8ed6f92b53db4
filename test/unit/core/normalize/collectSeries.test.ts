import * as assert from 'node:assert/strict';
import { type MetricSet } from '../../../../src/core/base/forecastSchema';
import { collectSeries } from '../../../../src/core/normalize/collectSeries';
import { normalizeHistory } from '../../../support/normalizeHelpers';

const CPU = [61, 62, 63];
const DISK = [120, 119, 118];

/** A history with these metric names (the values do not matter here). */
const named = (...names: string[]): MetricSet => {
  const base = normalizeHistory('one');
  const metric = base.metrics[0];
  assert.ok(metric);
  return { ...base, metrics: names.map((name) => ({ ...metric, name })) };
};
const TWO = named('cpu', 'disk_free');
const ONE = named('cpu');

const collect = (root: unknown, history: MetricSet = TWO) => {
  const warnings: string[] = [];
  const found = collectSeries(root, history, 0.95, warnings);
  return { found: Object.fromEntries([...found].map(([k, v]) => [k, { ...v }])), warnings };
};
const values = (root: unknown, history: MetricSet = TWO) =>
  Object.fromEntries(Object.entries(collect(root, history).found).map(([k, v]) => [k, v.values]));

describe('collecting one series per metric: names', () => {
  it('matches a name exactly, then ignoring case, then ignoring everything but letters and digits', () => {
    assert.deepEqual(values({ CPU, 'Disk Free': DISK }), { cpu: CPU, disk_free: DISK });
    assert.deepEqual(values({ 'disk-free': DISK, cpu: CPU }), { disk_free: DISK, cpu: CPU });
    const history = named('p95 (ms)', 'P95 MS', 'p95_ms');
    assert.deepEqual(values({ 'p95 ms': [1], p95_ms: [3] }, history), { 'P95 MS': [1], p95_ms: [3] });
    assert.deepEqual(values({ 'P95-MS!': [2] }, named('x', 'p95 (ms)')), { 'p95 (ms)': [2] });
  });

  it('an exact match first, even when another metric differs from it only in case', () => {
    assert.deepEqual(values({ cpu: [1], CPU: [2] }, named('CPU', 'cpu')), { CPU: [2], cpu: [1] });
  });

  it('a series may name its metric by a number', () => {
    assert.deepEqual(values([{ id: 7, values: CPU }], named('7', 'cpu')), { '7': CPU });
  });

  it('a name of no letters or digits matches only itself', () => {
    assert.deepEqual(values({ '?': [1], '%': [2] }, named('%', 'cpu')), { '%': [2] });
    assert.deepEqual(values({ '?': [1] }, named('—', 'cpu')), {});
  });

  it('the first series given for a metric is kept', () => {
    assert.deepEqual(values({ cpu: CPU, CPU: [1, 2, 3], disk_free: DISK }), { cpu: CPU, disk_free: DISK });
    assert.deepEqual(
      values([
        { name: 'cpu', values: CPU },
        { name: 'CPU', values: [1] },
      ]),
      { cpu: CPU },
    );
  });

  it('names the metrics the data does not have, five at most, each cut to 40 characters', () => {
    assert.deepEqual(collect({ cpu: CPU, memory: [1, 2, 3], unit: '%', narrative: [1] }).warnings, [
      'The answer named metrics that are not in the data, ignored: memory.',
    ]);
    const many = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => [k, [1]]));
    assert.deepEqual(collect({ cpu: CPU, ...many }).warnings, [
      'The answer named metrics that are not in the data, ignored: a, b, c, d, e.',
    ]);
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name, values: [1] }));
    assert.deepEqual(collect([{ name: 'cpu', values: CPU }, ...rows]).warnings, [
      'The answer named metrics that are not in the data, ignored: a, b, c, d, e.',
    ]);
    assert.deepEqual(collect({ cpu: CPU, ['m'.repeat(60)]: [1] }).warnings, [
      `The answer named metrics that are not in the data, ignored: ${'m'.repeat(39)}….`,
    ]);
    assert.deepEqual(collect({ cpu: CPU, disk_free: DISK }).warnings, []);
    assert.deepEqual(collect({ cpu: CPU, t: [1, 2, 3], summary: 'up', notes: [1] }).warnings, []);
  });
});

describe('collecting one series per metric: shapes', () => {
  it('a map by metric name, with a time column that serves every metric of the same length', () => {
    const found = collect({ t: ['a', 'b', 'c'], cpu: CPU, disk_free: [1, 2] }).found;
    assert.deepEqual(found, { cpu: { values: CPU, times: ['a', 'b', 'c'] }, disk_free: { values: [1, 2] } });
    const own = collect({ t: ['a', 'b', 'c'], cpu: [[0, 1]], disk_free: { t: ['x', 'y', 'z'], values: DISK } }).found;
    assert.deepEqual(own['disk_free'], { values: DISK, times: ['x', 'y', 'z'] }, 'a series keeps its own times');
    assert.deepEqual(own['cpu'], { values: [1], times: [0] });
  });

  it('a time column named like a metric is a metric', () => {
    assert.deepEqual(collect({ t: [1, 2, 3], cpu: CPU }, named('t', 'cpu')).found, {
      t: { values: [1, 2, 3] },
      cpu: { values: CPU },
    });
  });

  it('an array of named series, and long rows of one metric and time each', () => {
    assert.deepEqual(
      values([
        { metric: 'cpu', forecast: CPU },
        { metric: 'disk_free', forecast: DISK },
      ]),
      { cpu: CPU, disk_free: DISK },
    );
    const long = [
      ...CPU.map((v, t) => ({ unique_id: 'cpu', ds: t, yhat: v })),
      ...DISK.map((v, t) => ({ unique_id: 'disk_free', ds: t, yhat: v })),
    ];
    assert.deepEqual(collect(long).found, {
      cpu: { values: CPU, times: [0, 1, 2] },
      disk_free: { values: DISK, times: [0, 1, 2] },
    });
    const series = [
      { name: 'cpu', values: { yhat: CPU } },
      { name: 'disk_free', values: { yhat: DISK } },
    ];
    assert.deepEqual(values(series), { cpu: CPU, disk_free: DISK }, 'named series whose point is a series');
  });

  it('a long table as columns', () => {
    const table = { unique_id: ['cpu', 'cpu', 'disk_free'], ds: [0, 1, 0], AutoETS: [61, 62, 120] };
    assert.deepEqual(collect(table).found, {
      cpu: { values: [61, 62], times: [0, 1] },
      disk_free: { values: [120], times: [0] },
    });
    assert.deepEqual(values({ unique_id: [], result: { cpu: CPU, disk_free: DISK } }), { cpu: CPU, disk_free: DISK });
  });

  it('a wide table as rows: a time and a column per metric; the last column of a metric named twice', () => {
    const rows = CPU.map((v, k) => ({ ds: `t${k}`, cpu: v, disk_free: DISK[k] }));
    assert.deepEqual(collect(rows).found, {
      cpu: { values: CPU, times: ['t0', 't1', 't2'] },
      disk_free: { values: DISK, times: ['t0', 't1', 't2'] },
    });
    const untimed = CPU.map((v, k) => ({ cpu: v, CPU: v + 100, disk_free: DISK[k] }));
    assert.deepEqual(values(untimed), { cpu: [161, 162, 163], disk_free: DISK });
    assert.deepEqual(values([{ cpu: 1 }, { disk_free: 2 }]), { cpu: [1, null], disk_free: [null, 2] });
  });

  it('an array that mixes objects with other things, or rows only some of which are named, is no table', () => {
    assert.deepEqual(values([null, { name: 'cpu', values: CPU }]), {});
    assert.deepEqual(values([{ name: 'cpu', values: CPU }, { values: DISK }]), {});
    assert.deepEqual(collect([], ONE).found, { cpu: { values: [] } }, 'an empty array is a single series, empty');
  });

  it('a wide table of rows without a time names no other column', () => {
    assert.deepEqual(collect(CPU.map((v, k) => ({ cpu: v, disk_free: DISK[k] }))).warnings, []);
  });

  it('after a long table or a wrapper that held nothing usable, the other readings are tried', () => {
    assert.deepEqual(values({ id: ['memory'], v: [1], result: { cpu: CPU, disk_free: DISK } }), {
      cpu: CPU,
      disk_free: DISK,
    });
    assert.deepEqual(values({ data: { x: 1 }, values: CPU }, ONE), { cpu: CPU });
  });

  it('wrappers, one inside another', () => {
    assert.deepEqual(values({ result: { data: { cpu: CPU, disk_free: DISK } } }), { cpu: CPU, disk_free: DISK });
    assert.deepEqual(values({ Output: [{ name: 'cpu', values: CPU }] }), { cpu: CPU });
    assert.deepEqual(values({ note: 'x', forecasts: 'none' }), {});
  });

  it('looks four levels deep, no deeper', () => {
    const wrap = (depth: number): unknown => (depth === 0 ? { cpu: CPU } : { result: wrap(depth - 1) });
    assert.deepEqual(values(wrap(4)), { cpu: CPU });
    assert.deepEqual(values(wrap(5)), {});
  });
});

describe('collecting the series of a single metric', () => {
  it('the bare series, an object of columns, or rows', () => {
    assert.deepEqual(values(CPU, ONE), { cpu: CPU });
    assert.deepEqual(values({ values: CPU, lower: CPU, upper: CPU }, ONE), { cpu: CPU });
    assert.deepEqual(
      values(
        CPU.map((v) => ({ yhat: v })),
        ONE,
      ),
      { cpu: CPU },
    );
  });

  it("a wrapper's array with its bounds next to it", () => {
    assert.deepEqual(collect({ forecast: CPU, lower: [1, 2, 3], upper: [7, 8, 9] }, ONE).found, {
      cpu: { values: CPU, lower: [1, 2, 3], upper: [7, 8, 9] },
    });
    assert.deepEqual(collect({ forecast: { values: CPU }, lower: [1, 2, 3], upper: [7, 8, 9] }, ONE).found, {
      cpu: { values: CPU },
    });
  });

  it("a wrapper's array of named series is not the series itself", () => {
    assert.deepEqual(collect({ forecasts: [{ name: 'memory', values: [1] }] }, ONE).warnings, [
      'The answer named metrics that are not in the data, ignored: memory.',
    ]);
  });

  it('series of another metric name are not taken for it', () => {
    assert.deepEqual(values({ memory: CPU }, ONE), {});
    assert.deepEqual(values([{ name: 'memory', values: CPU }], ONE), {});
  });

  it('with two metrics, a bare series is no one\u2019s', () => {
    assert.deepEqual(values(CPU), {});
    assert.deepEqual(values({ values: CPU }), {});
    assert.deepEqual(values({ forecast: CPU, lower: CPU, upper: CPU }), {});
  });
});
