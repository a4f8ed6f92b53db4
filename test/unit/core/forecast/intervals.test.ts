import * as assert from 'node:assert/strict';
import fc from 'fast-check';
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

/** The method as its comment states it, step by step, with plain loops and a whole sort. */
function statedBounds(
  forecast: readonly number[],
  residuals: readonly (readonly number[])[],
  level: number,
  neighbourhood: number,
): { lower: number[]; upper: number[]; multiplier: number } {
  const h = forecast.length;
  const sigma = forecast.map((_, j) => {
    const near = residuals.flatMap((r) => r.filter((_, i) => i < h && Math.abs(i - j) <= neighbourhood));
    return near.length ? near.reduce((s, v) => s + Math.abs(v), 0) / near.length : 0;
  });
  const scores = residuals.flatMap((r) =>
    r.flatMap((v, j) => (j < h && (sigma[j] as number) > 0 ? [Math.abs(v) / (sigma[j] as number)] : [])),
  );
  const multiplier = conformalQuantile(
    scores.sort((a, b) => a - b),
    level,
  );
  return {
    lower: forecast.map((f, j) => f - multiplier * (sigma[j] as number)),
    upper: forecast.map((f, j) => f + multiplier * (sigma[j] as number)),
    multiplier,
  };
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('conformal intervals: the stated method, windows of any length', () => {
  it('gives the bounds and multiplier the method states, for windows shorter or longer than the horizon', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 10 }), { maxLength: 6 }),
        fc.constantFrom(0.5, 0.8, 0.9, 0.95, 0.99),
        fc.integer({ min: 0, max: 3 }),
        (forecast, residuals, level, neighbourhood) => {
          const got = conformalBounds(
            Float64Array.from(forecast),
            residuals.map((r) => Float64Array.from(r)),
            level,
            neighbourhood,
          );
          const want = statedBounds(forecast, residuals, level, neighbourhood);
          assert.ok(close(got.multiplier, want.multiplier), `multiplier ${got.multiplier} ≠ ${want.multiplier}`);
          forecast.forEach((_, j) => {
            assert.ok(close(got.lower[j] as number, want.lower[j] as number), `lower ${j}`);
            assert.ok(close(got.upper[j] as number, want.upper[j] as number), `upper ${j}`);
          });
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });

  it('one score: it is the multiplier, at any level', () => {
    const { lower, upper, multiplier } = conformalBounds(Float64Array.of(5), [Float64Array.of(3)], 0.95, 0);
    assert.equal(multiplier, 1);
    assert.deepEqual([...lower, ...upper], [2, 8]);
  });

  it('no error in any window: no width', () => {
    const { lower, upper, multiplier } = conformalBounds(Float64Array.of(1, 2), [new Float64Array(2)], 0.9, 1);
    assert.equal(multiplier, 0);
    assert.deepEqual([...lower, ...upper], [1, 2, 1, 2]);
  });

  it('a step no window reaches keeps no width, the others theirs', () => {
    const { lower, upper } = conformalBounds(
      Float64Array.of(0, 0, 0),
      [Float64Array.of(2), Float64Array.of(-2)],
      0.5,
      0,
    );
    assert.deepEqual([...lower], [-2, 0, 0]);
    assert.deepEqual([...upper], [2, 0, 0]);
  });

  it('takes the N-th score itself when ⌈(N + 1)·level⌉ is exactly N; one score is itself past N', () => {
    assert.equal(conformalQuantile([1, 2, 4], 0.75), 4); // ⌈4·0.75⌉ = 3 = N
    assert.equal(conformalQuantile([3], 0.9), 3);
    assert.equal(conformalQuantile([], 0.9), 0);
  });
});

describe('leave-one-out coverage: the edges', () => {
  const calm = Array.from({ length: 5 }, (_, w) => Float64Array.from({ length: 6 }, (_, j) => ((j + w) % 2 ? 1 : -1)));

  it('is measured from two windows on', () => {
    const two = leaveOneOutCoverage([Float64Array.of(1, -1), Float64Array.of(-1, 1)], 0.5, 0);
    assert.equal(two, 1);
  });

  it('counts a held-out error outside the interval on either side', () => {
    const above = leaveOneOutCoverage([...calm, Float64Array.from({ length: 6 }, () => 50)], 0.9, 1);
    const below = leaveOneOutCoverage([...calm, Float64Array.from({ length: 6 }, () => -50)], 0.9, 1);
    assert.ok(above !== null && above < 1, String(above));
    assert.equal(below, above, 'the intervals are symmetric: the sign of an error does not matter');
  });
});
