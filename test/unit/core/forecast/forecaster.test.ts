import * as assert from 'node:assert/strict';
import { fittingHistory, forecastSeries } from '../../../../src/core/forecast/forecaster';
import { type ForecastMethod } from '../../../../src/core/forecast/methods/method';

/** A ramp rising by 2 a step: 0, 2, 4, … (the naive forecast's error grows by 2 a step ahead). */
const ramp = (n: number): Float64Array => Float64Array.from({ length: n }, (_, t) => 2 * t);

/** Carries the ramp on from the last value, `offset` too high at every step. */
function rampPlus(id: string, offset: number): ForecastMethod {
  return {
    id,
    minLength: 2,
    forecast: (h, { horizon }) =>
      Float64Array.from({ length: horizon }, (_, j) => (h[h.length - 1] as number) + 2 * (j + 1) + offset),
  };
}

/** Repeats the last value, one too high at the first step only: its backtest errors sit at step 0. */
const firstStepOff: ForecastMethod = {
  id: 'first-step-off',
  minLength: 1,
  forecast: (h, { horizon }) =>
    Float64Array.from({ length: horizon }, (_, j) => (h[h.length - 1] as number) + (j === 0 ? 1 : 0)),
};

const close = (actual: number | null, expected: number): void =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

describe('forecastSeries', () => {
  // On the ramp with horizon 2 and no seasonality, seasonal naive is the last value: its errors are 2 and 4,
  // scaled by the in-sample step 2, a MASE of 1.5. The offsets 1, 1.1 and 1.4 score 0.5, 0.55 and 0.7,
  // all within 1.5 × the best, so the three are combined.
  const pool = [rampPlus('plus-1', 1), rampPlus('plus-1.1', 1.1), rampPlus('plus-1.4', 1.4)];

  it('combines the chosen methods by their mean', () => {
    const result = forecastSeries(ramp(60), { horizon: 2, level: 0.9, periods: [], pool });
    assert.deepEqual(result.chosen, ['plus-1', 'plus-1.1', 'plus-1.4']);
    // from the last value 118: 120 and 122, plus the mean offset 3.5 / 3 (the median would add 1.1)
    close(result.point[0] as number, 120 + 3.5 / 3);
    close(result.point[1] as number, 122 + 3.5 / 3);
  });

  it('skill is one minus the combination’s backtest error over seasonal naive’s', () => {
    const result = forecastSeries(ramp(60), { horizon: 2, level: 0.9, periods: [], pool });
    // the mean is 3.5 / 3 too high at each step: MASE (3.5 / 3) / 2 against naive's 1.5
    close(result.skill, 1 - 3.5 / 3 / 2 / 1.5);
  });

  it('has no skill to report when seasonal naive makes no error in the backtest', () => {
    const result = forecastSeries(new Float64Array(120).fill(10), {
      horizon: 12,
      level: 0.95,
      periods: [],
      pool: [firstStepOff],
    });
    assert.equal(result.skill, null);
  });

  it('pools residual scales over a quarter of the horizon when there is no season', () => {
    // the backtest errs at step 0 only, so only steps 0…3 (12 / 4 = 3 away) get an interval of any width
    const result = forecastSeries(new Float64Array(120).fill(10), {
      horizon: 12,
      level: 0.95,
      periods: [],
      pool: [firstStepOff],
    });
    const wide = [...result.upper].map((u, j) => u - (result.lower[j] as number) > 0);
    assert.deepEqual(wide, [true, true, true, true, false, false, false, false, false, false, false, false]);
  });

  it('pools residual scales over a quarter of the shortest season when it is shorter than the horizon', () => {
    // period 8, horizon 24: 8 / 4 = 2 steps either side
    const result = forecastSeries(new Float64Array(120).fill(10), {
      horizon: 24,
      level: 0.95,
      periods: [8],
      pool: [firstStepOff],
    });
    const wide = [...result.upper].map((u, j) => u - (result.lower[j] as number) > 0);
    assert.deepEqual(
      wide,
      Array.from({ length: 24 }, (_, j) => j <= 2),
    );
  });

  it('clamps the point and both bounds to the physical range', () => {
    const unclamped = forecastSeries(new Float64Array(120).fill(10), {
      horizon: 12,
      level: 0.95,
      periods: [],
      pool: [firstStepOff],
    });
    // without a range: 11 then 10, and at step 0 bounds 1 either side
    assert.deepEqual([...unclamped.point.slice(0, 2)], [11, 10]);
    close(unclamped.lower[0] as number, 10);
    close(unclamped.upper[0] as number, 12);
    const clamped = forecastSeries(new Float64Array(120).fill(10), {
      horizon: 12,
      level: 0.95,
      periods: [],
      pool: [firstStepOff],
      min: 10.5,
      max: 10.75,
    });
    for (const values of [clamped.point, clamped.lower, clamped.upper])
      for (const v of values) assert.ok(v >= 10.5 && v <= 10.75, `${v}`);
    assert.deepEqual([...clamped.point.slice(0, 2)], [10.75, 10.5]);
    assert.equal(clamped.lower[0], 10.5);
    assert.equal(clamped.upper[0], 10.75);
  });
});

describe('fittingHistory', () => {
  it('moves the history before a level shift by the shift, in the fitted and the observed copies alike', () => {
    // 10 / 11 alternating for 90 steps, then 50 / 51: a shift of 40 at step 90
    const y = Float64Array.from({ length: 120 }, (_, t) => (t < 90 ? 10 : 50) + (t % 2));
    const { history, observed, levelShift, spikes } = fittingHistory(y, []);
    assert.deepEqual(levelShift, { index: 90, before: 10.5, after: 50.5, delta: 40 });
    assert.equal(spikes, 0);
    const expected = Array.from({ length: 120 }, (_, t) => (y[t] as number) + (t < 90 ? 40 : 0));
    assert.deepEqual([...history], expected);
    assert.deepEqual([...observed], expected);
    // the input is left as it was
    assert.equal(y[0], 10);
  });

  it('fits on a history with an isolated spike replaced, and keeps the spike in the observed values', () => {
    const y = Float64Array.from({ length: 60 }, (_, t) => 10 + (t % 2) + (t === 30 ? 40 : 0));
    const { history, observed, levelShift, spikes } = fittingHistory(y, []);
    assert.equal(levelShift, null);
    assert.equal(spikes, 1);
    assert.equal(history[30], 11);
    assert.equal(observed[30], 50);
  });
});
