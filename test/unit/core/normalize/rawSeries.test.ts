import * as assert from 'node:assert/strict';
import { toRaw } from '../../../../src/core/normalize/rawSeries';

const raw = (node: unknown, level = 0.95) => {
  const r = toRaw(node, level);
  return r === undefined ? undefined : { ...r };
};

describe('raw series: the shapes one series is written in', () => {
  it('an array of numbers (or of anything but arrays and objects) is the values', () => {
    assert.deepEqual(raw([1, '2', null]), { values: [1, '2', null] });
    assert.deepEqual(raw([]), { values: [] });
  });

  it('an array of [time, value] pairs, with [time, value, lower, upper] when every row has four', () => {
    assert.deepEqual(
      raw([
        ['t0', 1],
        ['t1', 2],
      ]),
      { times: ['t0', 't1'], values: [1, 2] },
    );
    assert.deepEqual(
      raw([
        ['t0', 1, 0, 2],
        ['t1', 2, 1, 3],
      ]),
      { times: ['t0', 't1'], values: [1, 2], lower: [0, 1], upper: [2, 3] },
    );
    assert.deepEqual(
      raw([
        ['t0', 1, 0, 2],
        ['t1', 2, 1],
      ]),
      { times: ['t0', 't1'], values: [1, 2] },
      'bounds only when every row has them',
    );
  });

  it('an array of one-element arrays is the values, the first of each', () => {
    assert.deepEqual(raw([[1], [2, 3]]), { values: [1, 2] });
    assert.deepEqual(raw([[], [2, 3]]), { values: [undefined, 2] });
  });

  it('an array of row objects, read by what their keys mean', () => {
    assert.deepEqual(
      raw([
        { ds: 'a', yhat: 1, yhat_lower: 0, yhat_upper: 2 },
        { ds: 'b', yhat: 2, yhat_lower: 1 },
      ]),
      { values: [1, 2], lower: [0, 1], upper: [2, undefined], times: ['a', 'b'] },
    );
    assert.deepEqual(
      raw([{ value: 1 }, { value: 2, lower: 1 }]),
      { values: [1, 2] },
      'a lower bound alone is no interval',
    );
    assert.deepEqual(raw([{ value: 1 }, { value: 2, upper: 3 }]), { values: [1, 2] }, 'an upper bound alone neither');
    assert.equal(raw([{ a: 1 }, { b: 2 }]), undefined, 'rows without a point');
  });

  it('row objects with their bounds in an interval object, read through it (a row without one has no bounds)', () => {
    assert.deepEqual(
      raw([
        { t: 'a', value: 1, interval: { lower: 0, upper: 2 } },
        { t: 'b', value: 2, interval: null },
        { t: 'c', value: 3, interval: { lower: 1, upper: 4 } },
        { t: 'd', value: 4 },
      ]),
      {
        values: [1, 2, 3, 4],
        lower: [0, undefined, 1, undefined],
        upper: [2, undefined, 4, undefined],
        times: ['a', 'b', 'c', 'd'],
      },
    );
  });

  it('an array mixing scalars, arrays and objects is not a series', () => {
    assert.equal(raw([1, [2, 3]]), undefined);
    assert.equal(raw([1, { value: 2 }]), undefined);
    assert.equal(raw([[1, 2], { value: 2 }]), undefined);
  });

  it('an object of columns, arrays or pandas index-keyed objects', () => {
    assert.deepEqual(raw({ t: ['a', 'b'], values: [1, 2], lower: [0, 1], upper: [2, 3] }), {
      values: [1, 2],
      lower: [0, 1],
      upper: [2, 3],
      times: ['a', 'b'],
    });
    assert.deepEqual(raw({ values: { '0': 1, '1': 2 }, lower: { '0': 0, '1': 1 }, upper: [2, 3] }), {
      values: [1, 2],
      lower: [0, 1],
      upper: [2, 3],
    });
    assert.deepEqual(raw({ values: [1, 2], lower: [0, 1] }), { values: [1, 2] }, 'no interval without both sides');
    assert.deepEqual(raw({ values: [1, 2], upper: [2, 3] }), { values: [1, 2] });
    assert.deepEqual(raw({ values: [1, 2], lower: 0, upper: 3 }), { values: [1, 2] }, 'bounds that are not columns');
    assert.deepEqual(raw({ values: [1, 2], lower: [0, 1], upper: 3 }), { values: [1, 2] }, 'one side not a column');
    assert.deepEqual(raw({ values: [1, 2], lower: 0, upper: [2, 3] }), { values: [1, 2] });
    assert.deepEqual(
      raw({ q10: [0], q50: [1], q90: 2 }),
      { values: [1] },
      'no interval, so nothing said about its quantiles',
    );
    assert.deepEqual(raw({ values: [1, 2], t: 'a' }), { values: [1, 2] }, 'a time that is not a column');
    assert.equal(raw({ values: 5 }), undefined, 'a point that is neither a column nor a series');
    assert.equal(raw({ values: 'soon' }), undefined);
  });

  it('a series nested in a series, a few levels deep', () => {
    const nest = (depth: number): unknown => (depth === 0 ? [1, 2] : { forecast: nest(depth - 1) });
    assert.deepEqual(raw(nest(1)), { values: [1, 2] });
    assert.deepEqual(raw(nest(7)), { values: [1, 2] });
    assert.equal(raw(nest(8)), undefined);
    assert.deepEqual(raw({ forecast: { values: [1, 2], lower: [0, 1], upper: [2, 3] }, t: ['a', 'b'] }), {
      values: [1, 2],
      lower: [0, 1],
      upper: [2, 3],
      times: ['a', 'b'],
    });
    assert.deepEqual(
      raw({ forecast: { t: ['a', 'b'], values: [1, 2] }, lower: [0, 1], upper: [2, 3] }),
      { values: [1, 2], times: ['a', 'b'], lower: [0, 1], upper: [2, 3] },
      "the outer bounds join the inner series' times",
    );
  });

  it('a map from time to value', () => {
    assert.deepEqual(raw({ '2026-01-15T00:00:00Z': 1, '2026-01-15T01:00:00Z': 2 }), {
      values: [1, 2],
      times: ['2026-01-15T00:00:00Z', '2026-01-15T01:00:00Z'],
    });
    assert.equal(raw({ soon: 1 }), undefined);
    assert.equal(raw('1, 2, 3'), undefined);
    assert.equal(raw(null), undefined);
    assert.equal(raw(7), undefined);
  });

  it('the choices made reading it are kept as notes, from the rows or the columns and from a nested series', () => {
    const models = {
      ds: ['a'],
      AutoETS: [1],
      'AutoETS-lo-95': [0],
      'AutoETS-hi-95': [2],
      Naive: [1],
      'Naive-lo-95': [0],
    };
    assert.deepEqual(raw(models)?.notes, [
      'the answer held the forecasts of several models (AutoETS, Naive); AutoETS was used',
    ]);
    const rows = [{ ds: 'a', AutoETS: 1, 'AutoETS-lo-95': 0, 'AutoETS-hi-95': 2, Naive: 1, 'Naive-lo-95': 0 }];
    assert.deepEqual(raw(rows)?.notes, [
      'the answer held the forecasts of several models (AutoETS, Naive); AutoETS was used',
    ]);
    const quantiles = { q10: [0], q50: [1], q90: [2] };
    const note =
      'its bounds are the 0.1 and 0.9 quantiles (a 80% interval), not those of the 95% interval asked for; they were used as they are';
    assert.deepEqual(raw(quantiles), { values: [1], lower: [0], upper: [2], notes: [note] });
    assert.deepEqual(raw([{ q10: 0, q50: 1, q90: 2 }]), { values: [1], lower: [0], upper: [2], notes: [note] });
    assert.deepEqual(raw({ q10: [0], q50: [1], q90: [2] }, 0.8), { values: [1], lower: [0], upper: [2] });
    assert.deepEqual(raw({ forecast: models }, 0.95)?.notes, [
      'the answer held the forecasts of several models (AutoETS, Naive); AutoETS was used',
    ]);
    assert.deepEqual(raw({ forecast: models, note: 1 })?.notes?.length, 1);
    assert.equal(raw({ values: [1] })?.notes, undefined, 'no notes, no notes key');
    assert.equal('notes' in (raw([{ value: 1 }]) ?? {}), false);
  });
});
