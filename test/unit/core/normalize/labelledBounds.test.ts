import * as assert from 'node:assert/strict';
import { intervalSideOfKey, quantileOfKey } from '../../../../src/core/normalize/labelledBounds';

describe('labelled bounds: the quantile a key names, at the edges of each form', () => {
  it('percentages: one or more digits, with or without decimals', () => {
    const cases: [string, number | undefined][] = [
      ['5%', 0.05],
      ['25%', 0.25],
      ['2.25%', 0.0225],
      ['x5%', undefined],
      ['5%x', undefined],
    ];
    for (const [key, q] of cases) assert.equal(quantileOfKey(key), q, key);
  });

  it('prefixed: a decimal below 1 after q or quantile is the quantile itself; otherwise a percentage', () => {
    const cases: [string, number | undefined][] = [
      ['q0.5', 0.5],
      ['quantile_0.05', 0.05],
      ['q2.5', 0.025],
      ['q1.0', 0.01],
      ['p0.5', 0.005],
      ['percentile_0.5', 0.005],
      ['pct_2.5', 0.025],
      ['xq05', undefined],
      ['q05x', undefined],
    ];
    for (const [key, q] of cases) assert.equal(quantileOfKey(key), q, key);
  });

  it('interval sides: a level as a fraction or a percentage, strictly between 0 and 1', () => {
    assert.deepEqual(intervalSideOfKey('lo_0.9'), { q: 0.05, model: undefined });
    assert.deepEqual(intervalSideOfKey('lo_1'), { q: 0.495, model: undefined });
    assert.deepEqual(intervalSideOfKey('hi_99.75'), { q: 0.99875, model: undefined });
    assert.deepEqual(intervalSideOfKey('model_upper_90'), { q: 0.95, model: 'model' });
    assert.deepEqual(intervalSideOfKey('high80'), { q: 0.9, model: undefined });
    for (const key of ['lo_0', 'hi_0.0', 'hi_150', 'lo_95x', 'lo', 'hi_'])
      assert.equal(intervalSideOfKey(key), undefined, key);
  });
});
