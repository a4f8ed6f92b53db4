import * as assert from 'node:assert/strict';
import { intervalSideOfKey, quantileOfKey } from '../../../../src/core/normalize/labelledBounds';
import { planFields } from '../../../../src/core/normalize/seriesFields';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { CPU, FIRST_TIME, normalizeText, REQUEST } from '../../../support/normalizeHelpers';

const HOUR = 3_600_000;
const iso = (k: number): string => new Date(FIRST_TIME + k * HOUR).toISOString();
const pandas = (k: number): string => iso(k).replace('T', ' ').replace('.000Z', '');
const firstPoint = (data: ForecastData, metric = 'cpu'): { value: number; lower: number; upper: number } => {
  const p = data.metrics.find((m) => m.name === metric)?.points[0];
  assert.ok(p);
  return p;
};
const rows = <T>(make: (k: number) => T): T[] => Array.from({ length: 6 }, (_, k) => make(k));

describe('normalization: keys that name quantiles and interval sides', () => {
  it('reads quantiles as tools name them', () => {
    const cases: [string, number | undefined][] = [
      ['0.025', 0.025],
      ['.975', 0.975],
      ['0.5', 0.5],
      ['2.5%', 0.025],
      ['median', 0.5],
      ['q05', 0.05],
      ['q5', 0.05],
      ['q50', 0.5],
      ['q95', 0.95],
      ['q025', 0.025],
      ['q975', 0.975],
      ['q_0.975', 0.975],
      ['q0.1', 0.1],
      ['quantile_0.9', 0.9],
      ['p2.5', 0.025],
      ['p97.5', 0.975],
      ['p05', 0.05],
      ['p50', 0.5],
      ['p95', 0.95],
      ['p975', 0.975],
      ['percentile_10', 0.1],
      ['p100', undefined],
      ['q0', undefined],
      ['1', undefined],
      ['1.5', undefined],
      ['values', undefined],
      ['p', undefined],
    ];
    for (const [key, q] of cases) assert.equal(quantileOfKey(key), q, key);
  });

  it('reads interval sides with their level and model', () => {
    assert.deepEqual(intervalSideOfKey('autoets_lo_95'), { q: 0.025, model: 'autoets' });
    assert.deepEqual(intervalSideOfKey('timegpt_hi_80'), { q: 0.9, model: 'timegpt' });
    assert.deepEqual(intervalSideOfKey('lower95'), { q: 0.025, model: undefined });
    assert.deepEqual(intervalSideOfKey('hi_99.5'), { q: 0.9975, model: undefined });
    assert.equal(intervalSideOfKey('yhat_lower'), undefined);
    assert.equal(intervalSideOfKey('lo_100'), undefined);
  });
});

describe('normalization: which field is the point, which the bounds', () => {
  it('a value alias first, then a model column, then the median, then the one numeric column of a timed record', () => {
    assert.deepEqual(planFields({ mean: 1, median: 2, AutoETS: 3, 'AutoETS-lo-95': 0 }, 0.95)?.value, ['mean']);
    assert.deepEqual(planFields({ median: 2, AutoETS: 3, 'AutoETS-lo-95': 0, 'AutoETS-hi-95': 4 }, 0.95)?.value, [
      'AutoETS',
    ]);
    assert.deepEqual(planFields({ q05: 1, q50: 2, q95: 3 }, 0.95)?.value, ['q50']);
    assert.deepEqual(planFields({ unique_id: 'cpu', ds: 'x', MSTL: 3 }, 0.95)?.value, ['MSTL']);
    assert.equal(
      planFields({ unique_id: 'cpu', MSTL: 3 }, 0.95),
      undefined,
      'without a time, an unknown column is not a forecast',
    );
    assert.equal(planFields({ q05: 1, q95: 3 }, 0.95), undefined, 'bounds alone are not a forecast');
  });

  it('an alias is preferred by its rank, not by where it is in the object', () => {
    assert.deepEqual(planFields({ data: [1], values: [2] }, 0.95)?.value, ['values']);
    assert.deepEqual(planFields({ max: [9], hi: [8], value: [1], lo: [0] }, 0.95)?.upper, ['hi']);
  });

  it('lower/upper aliases beat labelled bounds; else the labelled bounds of the requested level', () => {
    const record = { mean: 1, lower: 0, upper: 2, 'lo-95': -1, 'hi-95': 3 };
    assert.deepEqual(planFields(record, 0.95), { value: ['mean'], lower: ['lower'], upper: ['upper'], notes: [] });
    const levels = {
      AutoETS: 1,
      'AutoETS-lo-80': 0.5,
      'AutoETS-hi-80': 1.5,
      'AutoETS-lo-95': 0,
      'AutoETS-hi-95': 2,
      'AutoETS-lo-99': -1,
      'AutoETS-hi-99': 3,
    };
    for (const [level, lo] of [
      [0.8, 'AutoETS-lo-80'],
      [0.95, 'AutoETS-lo-95'],
      [0.99, 'AutoETS-lo-99'],
    ] as const) {
      const plan = planFields(levels, level);
      assert.deepEqual(plan?.lower, [lo]);
      assert.equal(plan?.boundsNote, undefined);
    }
    const nearest = planFields(levels, 0.9);
    assert.deepEqual(
      [nearest?.lower, nearest?.upper],
      [['AutoETS-lo-95'], ['AutoETS-hi-95']],
      'a tie goes to the wider interval',
    );
    assert.match(
      nearest?.boundsNote ?? '',
      /0\.025 and 0\.975 quantiles \(a 95% interval\), not those of the 90% interval/,
    );
  });

  it('quantiles nearest to (1 − level)/2 and (1 + level)/2, each side on its own', () => {
    const q = { quantiles: { '0.05': 1, '0.1': 2, '0.5': 3, '0.9': 4, '0.99': 5 } };
    const at95 = planFields(q, 0.95);
    assert.deepEqual(
      [at95?.value, at95?.lower, at95?.upper],
      [
        ['quantiles', '0.5'],
        ['quantiles', '0.05'],
        ['quantiles', '0.99'],
      ],
    );
    assert.match(at95?.boundsNote ?? '', /the 0\.05 and 0\.99 quantiles \(a 94% interval\)/);
    const at80 = planFields(q, 0.8);
    assert.deepEqual(
      [at80?.lower, at80?.upper, at80?.boundsNote],
      [['quantiles', '0.1'], ['quantiles', '0.9'], undefined],
    );
  });

  it('the bounds of the model used, when several models are there', () => {
    const plan = planFields(
      {
        ds: 1,
        AutoARIMA: 1,
        'AutoARIMA-lo-95': 0,
        'AutoARIMA-hi-95': 2,
        AutoETS: 5,
        'AutoETS-lo-95': 4,
        'AutoETS-hi-95': 6,
      },
      0.95,
    );
    assert.deepEqual(
      [plan?.value, plan?.lower, plan?.upper],
      [['AutoARIMA'], ['AutoARIMA-lo-95'], ['AutoARIMA-hi-95']],
    );
    assert.match(plan?.notes.join() ?? '', /several models \(AutoARIMA, AutoETS\); AutoARIMA was used/);
  });
});

describe('normalization: output of forecasting tools, end to end', () => {
  const lo = CPU.map((v) => v - 5);
  const hi = CPU.map((v) => v + 5);

  it('Prophet rows with pandas timestamps, in any order, placed by time', () => {
    const data = normalizeText(
      JSON.stringify(
        rows((k) => ({ ds: pandas(5 - k), yhat: CPU[5 - k], yhat_lower: lo[5 - k], yhat_upper: hi[5 - k], trend: 0 })),
      ),
    );
    assert.deepEqual(firstPoint(data), { ...firstPoint(data), value: CPU[0], lower: lo[0], upper: hi[0] });
    assert.equal(data.metrics[0]?.points[5]?.value, CPU[5]);
  });

  it('Prophet columns for one metric, and pandas index-keyed columns', () => {
    const columns = normalizeText(JSON.stringify({ ds: rows(pandas), yhat: CPU, yhat_lower: lo, yhat_upper: hi }));
    assert.equal(firstPoint(columns).lower, lo[0]);
    const indexed = (xs: unknown[]): Record<string, unknown> => Object.fromEntries(xs.map((x, i) => [String(i), x]));
    const pandasJson = normalizeText(
      JSON.stringify({ ds: indexed(rows(iso)), yhat: indexed(CPU), yhat_lower: indexed(lo), yhat_upper: indexed(hi) }),
    );
    assert.equal(firstPoint(pandasJson).upper, hi[0]);
  });

  it('a series array of {name, points} with points as numbers, pairs or objects', () => {
    for (const points of [
      CPU,
      rows((k) => [iso(k), CPU[k]]),
      rows((k) => ({ x: k + 1, y: CPU[k] })),
      rows((k) => ({ timestamp: iso(k), v: CPU[k], lo: lo[k], hi: hi[k] })),
    ]) {
      const data = normalizeText(JSON.stringify({ series: [{ name: 'cpu', points }] }));
      assert.equal(firstPoint(data).value, CPU[0], JSON.stringify(points[0]));
    }
  });

  it('TimeGPT rows, the level asked for among several', () => {
    const answer = rows((k) => ({
      unique_id: 'cpu',
      ds: iso(k),
      TimeGPT: CPU[k],
      'TimeGPT-lo-80': (lo[k] as number) + 2,
      'TimeGPT-hi-80': (hi[k] as number) - 2,
      'TimeGPT-lo-95': lo[k],
      'TimeGPT-hi-95': hi[k],
    }));
    const at95 = normalizeText(JSON.stringify(answer));
    assert.deepEqual([firstPoint(at95).lower, firstPoint(at95).upper], [lo[0], hi[0]]);
    const at80 = normalizeText(JSON.stringify(answer), 'one', { ...REQUEST, level: 0.8 });
    assert.deepEqual([firstPoint(at80).lower, firstPoint(at80).upper], [(lo[0] as number) + 2, (hi[0] as number) - 2]);
    assert.ok(!at80.warnings.some((w) => w.includes('quantiles')), at80.warnings.join(' | '));
  });

  it('quantile columns with the median as the point, and a warning when their interval is not the one asked for', () => {
    const exact = normalizeText(JSON.stringify({ cpu: { '0.025': lo, '0.5': CPU, '0.975': hi } }));
    assert.deepEqual([firstPoint(exact).value, firstPoint(exact).lower], [CPU[0], lo[0]]);
    assert.ok(!exact.warnings.some((w) => w.includes('quantiles')));
    const other = normalizeText(JSON.stringify({ cpu: { p10: lo, p50: CPU, p90: hi } }));
    assert.equal(firstPoint(other).upper, hi[0]);
    assert.ok(
      other.warnings.some((w) =>
        w.includes(
          '"cpu": its bounds are the 0.1 and 0.9 quantiles (a 80% interval), not those of the 95% interval asked for',
        ),
      ),
      other.warnings.join(' | '),
    );
  });

  it('a wide table (time and a column per metric) and a map from time to value', () => {
    const wide = normalizeText(JSON.stringify(rows((k) => ({ ds: iso(5 - k), cpu: CPU[5 - k] }))), 'one');
    assert.equal(firstPoint(wide).value, CPU[0], 'placed by time, not by order');
    const map = normalizeText(JSON.stringify({ cpu: Object.fromEntries(rows((k) => [iso(5 - k), CPU[5 - k]])) }));
    assert.equal(firstPoint(map).value, CPU[0]);
  });

  it('"__proto__" in a table is a key like any other', () => {
    const data = normalizeText(
      `{"metric": ["cpu","cpu","cpu","cpu","cpu","cpu"], "__proto__": [1,2,3,4,5,6], "t": [1,2,3,4,5,6], "value": ${JSON.stringify(CPU)}}`,
    );
    assert.equal(firstPoint(data).value, CPU[0]);
  });
});
