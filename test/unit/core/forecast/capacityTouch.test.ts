import * as assert from 'node:assert/strict';
import { lastTouch } from '../../../../src/core/forecast/capacityTouch';

describe('lastTouch: when a history last reached its capacity', () => {
  const series = (values: number[]) => ({ start: 1000, stepMs: 10, values: Float64Array.from(values) });

  it('gives the time of the last value at or above the capacity', () => {
    assert.equal(lastTouch(series([1, 5, 9, 5, 2]), 5, 'above'), 1030);
    assert.equal(lastTouch(series([1, 9, 2, 2]), 5, 'above'), 1010);
  });

  it('for a capacity breached below, the last value at or below it', () => {
    assert.equal(lastTouch(series([50, 8, 30, 40]), 10, 'below'), 1010);
  });

  it('is null for a history that never reached it', () => {
    assert.equal(lastTouch(series([1, 2, 3]), 5, 'above'), null);
    assert.equal(lastTouch(series([]), 5, 'above'), null);
  });
});
