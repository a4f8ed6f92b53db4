import * as assert from 'node:assert/strict';
import { holdBeyondCapacity } from '../../../../src/core/forecast/saturation';

describe('holdBeyondCapacity: which histories hold their forecast at the capacity', () => {
  const forecast = () => ({
    point: Float64Array.from([80, 70]),
    lower: Float64Array.from([60, 50]),
    upper: Float64Array.from([85, 75]),
  });

  it('a history beyond its capacity from its first value on is held, point and pessimistic bound', () => {
    const f = forecast();
    assert.equal(holdBeyondCapacity([95, 96, 97], f, 90, 'above'), true);
    assert.deepEqual([...f.point, ...f.upper, ...f.lower], [90, 90, 90, 90, 60, 50]);
    assert.equal(holdBeyondCapacity([95], forecast(), 90, 'above'), true);
  });

  it('a history that ends exactly on its capacity is beyond it, on either side', () => {
    assert.equal(holdBeyondCapacity([50, 90], forecast(), 90, 'above'), true);
    const f = {
      point: Float64Array.from([30, 40]),
      lower: Float64Array.from([20, 35]),
      upper: Float64Array.from([40, 50]),
    };
    assert.equal(holdBeyondCapacity([50, 10], f, 10, 'below'), true);
    assert.deepEqual([...f.point, ...f.lower, ...f.upper], [10, 10, 10, 10, 40, 50]);
  });

  it('an excursion beyond capacity that ended, even at the very first value, means it can come back: not held', () => {
    const f = forecast();
    assert.equal(holdBeyondCapacity([95, 50, 95], f, 90, 'above'), false);
    assert.deepEqual([...f.point, ...f.lower, ...f.upper], [80, 70, 60, 50, 85, 75]);
    assert.equal(holdBeyondCapacity([5, 50, 5], forecast(), 10, 'below'), false);
  });

  it('an empty history, or one that ends inside its capacity, is not held', () => {
    assert.equal(holdBeyondCapacity([], forecast(), 90, 'above'), false);
    assert.equal(holdBeyondCapacity([95, 89.9], forecast(), 90, 'above'), false);
  });
});
