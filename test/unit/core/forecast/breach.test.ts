import * as assert from 'node:assert/strict';
import { breachSteps, crossingStep, normalCdf, normalQuantile } from '../../../../src/core/forecast/breach';

const close = (actual: number | null, expected: number, tolerance = 1e-6, what = '') =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${what} ${actual} ≈ ${expected}`);

describe('breach sides: both sides of each threshold', () => {
  it('above: a last value at capacity is already breached, one just under is not', () => {
    assert.equal(breachSteps(90, [80], [70], [85], 90, 'above', 0.95).alreadyBreached, true);
    assert.equal(breachSteps(89.99, [80], [70], [85], 90, 'above', 0.95).alreadyBreached, false);
  });

  it('below: a last value at capacity is already breached, one just over is not', () => {
    assert.equal(breachSteps(40, [50], [45], [55], 40, 'below', 0.95).alreadyBreached, true);
    const above = breachSteps(40.01, [50], [45], [55], 40, 'below', 0.95);
    assert.deepEqual([above.alreadyBreached, above.expected, above.probability < 1], [false, null, true]);
  });

  it('a path that reaches the capacity exactly crosses there, on either side', () => {
    assert.equal(crossingStep(80, [85, 90], 90, 'above'), 2);
    assert.equal(crossingStep(50, [45, 40], 40, 'below'), 2);
    assert.equal(crossingStep(90, [80], 90, 'above'), 0, 'starting at capacity');
    assert.equal(crossingStep(40, [50], 40, 'below'), 0);
    assert.equal(crossingStep(50, [60, 70], 40, 'below'), null, 'moving away never crosses');
    assert.equal(crossingStep(80, [70, 60], 90, 'above'), null);
  });

  it('a path that dips beyond the capacity and comes back still crosses at the dip', () => {
    assert.equal(crossingStep(50, [42, 38, 45], 40, 'below'), 1 + (40 - 42) / (38 - 42));
  });

  it('below: earliest comes from the lower bound, latest from the upper one', () => {
    const s = breachSteps(50, [46, 42, 38], [44, 38, 32], [48, 46, 44], 40, 'below', 0.95);
    close(s.expected, 2 + (40 - 42) / (38 - 42), 1e-12, 'expected');
    close(s.earliest, 1 + (40 - 44) / (38 - 44), 1e-12, 'earliest');
    assert.equal(s.latest, null);
  });

  it('above: the latest crossing comes from the lower bound when it crosses too', () => {
    const s = breachSteps(80, [88, 96], [86, 92], [90, 100], 90, 'above', 0.95);
    close(s.latest, 1 + (90 - 86) / (92 - 86), 1e-12, 'latest');
    assert.equal(s.earliest, 1);
  });
});

describe('breach probability', () => {
  it('below: the normal tail under the capacity', () => {
    // point 45, 95% bounds 35–55 → σ = 20/3.92; P(y ≤ 40) = Φ(−5/σ) = Φ(−0.98)
    close(breachSteps(50, [45], [35], [55], 40, 'below', 0.95).probability, 0.16354, 1e-4);
  });

  it('the interval level sets σ: the same bounds at 80% mean a wider distribution', () => {
    // σ = 10/1.2816: P(y ≥ 90) = 1 − Φ(1.2816) = 0.1
    close(breachSteps(50, [80], [70], [90], 90, 'above', 0.8).probability, 0.1, 1e-4);
  });

  it('takes the worst step, not the last or the first', () => {
    const s = breachSteps(50, [60, 85, 60], [50, 75, 50], [70, 95, 70], 90, 'above', 0.95);
    close(s.probability, 1 - normalCdf(5 / (10 / 1.959964)), 1e-6);
  });

  it('without a spread, a point at or beyond capacity is certain and one short of it impossible', () => {
    assert.equal(breachSteps(50, [90], [90], [90], 90, 'above', 0.95).probability, 1);
    assert.equal(breachSteps(50, [89], [89], [89], 90, 'above', 0.95).probability, 0);
    assert.equal(breachSteps(50, [40], [40], [40], 40, 'below', 0.95).probability, 1);
    assert.equal(breachSteps(50, [41], [41], [41], 40, 'below', 0.95).probability, 0);
  });

  it('no forecast points: 0, or 1 when already breached', () => {
    assert.equal(breachSteps(50, [], [], [], 90, 'above', 0.95).probability, 0);
    assert.equal(breachSteps(95, [], [], [], 90, 'above', 0.95).probability, 1);
  });
});

describe('the normal distribution', () => {
  it('CDF: symmetric around 0, with the tails of the tables', () => {
    close(normalCdf(0), 0.5, 1e-7);
    close(normalCdf(-1.959964), 0.025, 1e-6);
    close(normalCdf(1), 0.841345, 1e-6);
    close(normalCdf(-1), 0.158655, 1e-6);
    close(normalCdf(3), 0.99865, 1e-5);
  });

  it('quantile: the centre, both tails on either side of where the approximation switches, and the ends', () => {
    close(normalQuantile(0.5), 0, 1e-12);
    close(normalQuantile(0.9), 1.281552, 1e-5);
    close(normalQuantile(0.1), -1.281552, 1e-5);
    close(normalQuantile(0.03), -1.880794, 1e-5);
    close(normalQuantile(0.02), -2.053749, 1e-5);
    close(normalQuantile(0.97), 1.880794, 1e-5);
    close(normalQuantile(0.98), 2.053749, 1e-5);
    close(normalQuantile(0.001), -3.090232, 1e-5);
    assert.equal(normalQuantile(0), -Infinity);
    assert.equal(normalQuantile(-0.1), -Infinity);
    assert.equal(normalQuantile(1), Infinity);
    assert.equal(normalQuantile(1.1), Infinity);
  });
});
