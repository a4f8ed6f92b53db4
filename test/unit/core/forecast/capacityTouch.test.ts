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

describe('lastTouch: the ends of the history and the capacity itself', () => {
  const series = (values: number[]) => ({ start: 1000, stepMs: 10, values: Float64Array.from(values) });

  it('finds a touch at the very first value', () => {
    assert.equal(lastTouch(series([9, 1, 2]), 5, 'above'), 1000);
    assert.equal(lastTouch(series([3, 50, 40]), 10, 'below'), 1000);
  });

  it('a value equal to the capacity touches it, on either side', () => {
    assert.equal(lastTouch(series([1, 5, 2]), 5, 'above'), 1010);
    assert.equal(lastTouch(series([50, 10, 30]), 10, 'below'), 1010);
  });
});
