import * as assert from 'node:assert/strict';
import { seasonalNaive } from '../../../../../src/core/forecast/methods/seasonalNaive';

describe('seasonal naive: each step repeats the value one period earlier', () => {
  it('is called naive for a period of one step, snaive-p otherwise, and needs one period', () => {
    assert.equal(seasonalNaive(1).id, 'naive');
    assert.equal(seasonalNaive(1).minLength, 1);
    assert.equal(seasonalNaive(24).id, 'snaive-24');
    assert.equal(seasonalNaive(24).minLength, 24);
  });

  it('repeats the last period, from its start, for as long as the horizon', () => {
    const y = Float64Array.from([9, 9, 1, 2, 3, 4]);
    assert.deepEqual([...seasonalNaive(4).forecast(y, { horizon: 6, periods: [4] })], [1, 2, 3, 4, 1, 2]);
    assert.deepEqual([...seasonalNaive(1).forecast(y, { horizon: 2, periods: [] })], [4, 4]);
  });
});
