import * as assert from 'node:assert/strict';
import { findKey, planFields } from '../../../../src/core/normalize/seriesFields';

const plan = (record: Record<string, unknown>, level = 0.95) => {
  const p = planFields(record, level);
  return p === undefined ? undefined : { ...p };
};

describe('reading a record: which key is which', () => {
  it('the most preferred alias wins wherever it is, and the first of two keys that are the same alias', () => {
    assert.deepEqual(plan({ values: [2], data: [1] })?.value, ['values']);
    assert.deepEqual(plan({ data: [1], values: [2] })?.value, ['values']);
    assert.deepEqual(plan({ values: [1], VALUES: [2] })?.value, ['values']);
    assert.equal(findKey({ foo: 1, values: 2, bar: 3 }, ['values']), 'values');
    assert.equal(findKey({ foo: 1 }, ['values']), undefined);
  });

  it('bounds inside an interval object; another object is not one, nor an interval that is not an object', () => {
    assert.deepEqual(plan({ value: [1], extra: { lower: [0], upper: [2] } }), { value: ['value'], notes: [] });
    assert.deepEqual(plan({ value: [1], bounds: [0, 2] }), { value: ['value'], notes: [] });
  });

  it('an interval object needs both sides; the first that has them is used', () => {
    assert.deepEqual(plan({ value: [1], interval: { lower: [0] } }), { value: ['value'], notes: [] });
    assert.deepEqual(plan({ value: [1], bounds: { lower: [0] }, interval: { lower: [1], upper: [2] } }), {
      value: ['value'],
      notes: [],
      lower: ['interval', 'lower'],
      upper: ['interval', 'upper'],
    });
    assert.deepEqual(plan({ value: [1], bounds: { upper: [0] }, interval: { lo: [1], hi: [2] } }), {
      value: ['value'],
      notes: [],
      lower: ['interval', 'lo'],
      upper: ['interval', 'hi'],
    });
  });
});

describe('reading a record: the point when no alias names it', () => {
  it("a model's column: the first of several, named in a note (five at most)", () => {
    const models = ['A', 'B', 'C', 'D', 'E', 'F'];
    const record = Object.fromEntries(
      models.flatMap((m) => [
        [m, [1]],
        [`${m}-lo-95`, [0]],
        [`${m}-hi-95`, [2]],
      ]),
    );
    assert.deepEqual(plan(record)?.notes, [
      'the answer held the forecasts of several models (A, B, C, D, E); A was used',
    ]);
  });

  it("the bounds of the model used, not another model's", () => {
    const record = {
      AutoETS: [1],
      'AutoETS-lo-80': [0],
      'AutoETS-hi-80': [2],
      'Naive-lo-95': [-1],
      'Naive-hi-95': [3],
    };
    const p = plan(record);
    assert.deepEqual([p?.value, p?.lower, p?.upper], [['AutoETS'], ['AutoETS-lo-80'], ['AutoETS-hi-80']]);
  });

  it('in a record with a time, its one other numeric column; a labelled bound is not that column', () => {
    assert.deepEqual(plan({ ds: 'x', 'lo-80': 1, MSTL: 2 })?.value, ['MSTL']);
    assert.deepEqual(plan({ ds: 'x', 'lo-80': 1, MSTL: 2 })?.notes, []);
    assert.deepEqual(plan({ ds: 'x', q10: 1, MSTL: 2 })?.value, ['MSTL']);
    assert.deepEqual(plan({ ds: 'x', foo: 'bar', MSTL: 2 }), { value: ['MSTL'], notes: [], time: ['ds'] });
    assert.deepEqual(plan({ ds: ['a', 'b'], MSTL: [1, 2] })?.value, ['MSTL'], 'a column is numeric');
    assert.deepEqual(plan({ ds: { '0': 'a' }, MSTL: { '0': 1 } })?.value, ['MSTL'], 'so is an index-keyed column');
    assert.equal(plan({ ds: 'x', unit: '%' }), undefined, 'nothing else');
    assert.equal(plan({ ds: 'x' }), undefined);
  });

  it('several such columns: the first, named in a note (five at most)', () => {
    assert.deepEqual(plan({ ds: 'x', A: 1, B: 2, C: 3, D: 4, E: 5, F: 6 }), {
      value: ['A'],
      notes: ['the answer held several forecast columns (A, B, C, D, E); A was used'],
      time: ['ds'],
    });
  });
});

describe('reading a record: labelled bounds', () => {
  it('a lower bound is below the median and an upper bound above it; one side alone is no interval', () => {
    assert.deepEqual(plan({ q50: [1], q95: [2] }), { value: ['q50'], notes: [] });
    assert.deepEqual(plan({ q05: [0], q50: [1] }), { value: ['q50'], notes: [] });
  });

  it('the requested quantiles on both sides, or a note', () => {
    assert.deepEqual(plan({ '2.5%': [0], median: [1], '97.5%': [2] }), {
      value: ['median'],
      notes: [],
      lower: ['2.5%'],
      upper: ['97.5%'],
    });
    assert.equal(
      plan({ '2.5%': [0], median: [1], q90: [2] })?.boundsNote,
      'its bounds are the 0.025 and 0.9 quantiles (a 87.5% interval), not those of the 95% interval asked for; they were used as they are',
    );
    assert.equal(
      plan({ q10: [0], median: [1], '97.5%': [2] })?.boundsNote,
      'its bounds are the 0.1 and 0.975 quantiles (a 87.5% interval), not those of the 95% interval asked for; they were used as they are',
    );
  });

  it('equally near the requested quantile: the one farther out; the same quantile twice: the first', () => {
    // level 0.9 asks for 0.05 and 0.95: 0.04 and 0.06 are as near
    const p = plan({ '0.06': [1], '0.04': [0], '0.5': [2], '0.96': [4], '0.94': [3] }, 0.9);
    assert.deepEqual([p?.lower, p?.upper], [['0.04'], ['0.96']]);
    const same = plan({ q05: [0], p5: [9], q50: [1], q95: [2], p95: [8] }, 0.9);
    assert.deepEqual([same?.lower, same?.upper], [['q05'], ['q95']]);
  });
});
