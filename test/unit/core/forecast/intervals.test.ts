import * as assert from 'node:assert/strict';
import { conformalBounds, conformalQuantile, leaveOneOutCoverage } from '../../../../src/core/forecast/intervals';

describe('conformal intervals', () => {
  it('takes the ⌈(N + 1)·level⌉-th smallest score (finite-sample correction)', () => {
    const scores = Array.from({ length: 19 }, (_, i) => i + 1); // 1…19
    assert.equal(conformalQuantile(scores, 0.9), 18); // ⌈20·0.9⌉ = 18
    assert.equal(conformalQuantile(scores, 0.5), 10); // ⌈20·0.5⌉ = 10
  });

  it('widens past the largest score when the level needs more than N scores', () => {
    assert.equal(conformalQuantile([1, 2, 4], 0.95), 6); // ⌈4·0.95⌉ = 4 > 3: 4 + (4 − 2)
  });

  it('bounds are the forecast ± multiplier × step scale', () => {
    // two windows with residuals ±1 at every step: σ = 1, all scores 1 → multiplier 1
    const residuals = [Float64Array.from([1, -1, 1, -1]), Float64Array.from([-1, 1, -1, 1])];
    const { lower, upper, multiplier } = conformalBounds(Float64Array.from([10, 20, 30, 40]), residuals, 0.9, 1);
    assert.equal(multiplier, 1);
    assert.deepEqual([...lower], [9, 19, 29, 39]);
    assert.deepEqual([...upper], [11, 21, 31, 41]);
  });

  it('widens where the backtest errors were larger', () => {
    const residuals = [Float64Array.from([0.1, 0.1, 5, 5]), Float64Array.from([-0.1, -0.1, -5, -5])];
    const { lower, upper } = conformalBounds(new Float64Array(4), residuals, 0.8, 0);
    assert.ok((upper[3] as number) - (lower[3] as number) > 10 * ((upper[0] as number) - (lower[0] as number)));
  });

  it('leave-one-out coverage is low when one window is much worse than the others', () => {
    const calm = Array.from({ length: 5 }, (_, w) =>
      Float64Array.from({ length: 10 }, (_, j) => ((j + w) % 2 ? 1 : -1)),
    );
    const wild = Float64Array.from({ length: 10 }, () => 50);
    const covered = leaveOneOutCoverage(calm, 0.9, 2);
    const withWild = leaveOneOutCoverage([...calm, wild], 0.9, 2);
    assert.equal(covered, 1);
    assert.ok(withWild !== null && withWild < 1);
    assert.equal(leaveOneOutCoverage([wild], 0.9, 2), null);
  });
});
