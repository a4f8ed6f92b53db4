import * as assert from 'node:assert/strict';
import { NormalizationError } from '../../../../src/core/normalize/normalize';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { CPU, FIRST_TIME, normalizeText } from '../../../support/normalizeHelpers';

const HOUR = 3_600_000;
const iso = (k: number): string => new Date(FIRST_TIME + k * HOUR).toISOString();
const timed = (values: readonly unknown[], at = (k: number) => k) =>
  values.map((v, k) => ({ t: iso(at(k)), value: v }));
const NO_INTERVAL =
  '"cpu": the answer had no prediction interval; bounds were derived from the built-in forecaster\'s backtest errors.';
const read = (answer: unknown): ForecastData => normalizeText(JSON.stringify(answer));
const rows = (data: ForecastData) =>
  (data.metrics[0]?.points ?? []).map((p) => [p.value, p.lower, p.upper].map((x) => Math.round(x * 1000) / 1000));
const problems = (answer: unknown): readonly string[] => {
  try {
    read(answer);
  } catch (err) {
    if (err instanceof NormalizationError) return err.problems;
    throw err;
  }
  assert.fail('the answer should have been rejected');
};

describe('normalization of one series: lengths, times, bounds and what it says about them', () => {
  it('drops values beyond the points asked for, and says how many', () => {
    const data = read({ cpu: [...CPU, 70] });
    assert.deepEqual(data.warnings, ['"cpu": 7 values for 6 points; the extra 1 were dropped.', NO_INTERVAL]);
    assert.deepEqual(
      data.metrics[0]?.points.map((p) => p.value),
      CPU,
    );
  });

  it('carries the last value forward for one point short; two short is a problem', () => {
    const data = read({ cpu: CPU.slice(0, 5) });
    assert.deepEqual(data.warnings, ['"cpu": 5 values for 6 points; the last value was carried forward.', NO_INTERVAL]);
    assert.equal(data.metrics[0]?.points[5]?.value, CPU[4]);
    assert.deepEqual(problems({ cpu: CPU.slice(0, 4) }), ['"cpu" has 4 values for 6 points (more than 10% short)']);
  });

  it('places timed points by their time: a hole inside is interpolated, one missing at the end filled', () => {
    const hole = read({ cpu: timed(CPU).filter((_, k) => k !== 2) });
    assert.deepEqual(hole.warnings, [NO_INTERVAL]);
    assert.equal(hole.metrics[0]?.points[2]?.value, ((CPU[1] as number) + (CPU[3] as number)) / 2);
    const end = read({ cpu: timed(CPU).slice(0, 5) });
    assert.deepEqual(end.warnings, ['"cpu": 1 missing point was filled from its nearest neighbour.', NO_INTERVAL]);
    assert.equal(end.metrics[0]?.points[5]?.value, CPU[4]);
    const start = read({ cpu: timed(CPU).slice(1) });
    assert.equal(start.metrics[0]?.points[0]?.value, CPU[1]);
  });

  it('two timed points missing is a problem; points outside the horizon are dropped, with a count', () => {
    assert.deepEqual(problems({ cpu: timed(CPU).slice(1, 5) }), [
      '"cpu" covers 4 of the 6 points asked for (more than 10% missing)',
    ]);
    const extra = read({ cpu: [...timed(CPU), { t: iso(9), value: 1 }, { t: iso(-3), value: 1 }] });
    assert.equal(extra.warnings[0], '"cpu": 2 points outside the horizon were dropped.');
    assert.match(read({ cpu: [...timed(CPU), { t: iso(9), value: 1 }] }).warnings[0] ?? '', /^"cpu": 1 point outside/);
    assert.deepEqual(problems({ cpu: timed(CPU, (k) => k + 20) }), [
      '"cpu": none of its points fall within the horizon',
    ]);
    assert.deepEqual(problems({ cpu: CPU.map((v) => ({ t: 'soon', value: v })) }), [
      '"cpu": its timestamps could not be read',
    ]);
  });

  it('clips values beyond the physical range, bounds too, and counts the values', () => {
    const data = read({
      cpu: { values: [99, 101, 102, 98, 97, 96], lower: [95, 96, 97, 94, 93, 92], upper: [100, 103, 104, 100, 99, 98] },
    });
    assert.deepEqual(data.warnings, [
      '"cpu": 2 forecast values were outside the metric\'s physical range and clipped.',
    ]);
    assert.deepEqual(rows(data), [
      [99, 95, 100],
      [100, 96, 100],
      [100, 97, 100],
      [98, 94, 100],
      [97, 93, 99],
      [96, 92, 98],
    ]);
    assert.match(
      read({ cpu: [101, ...CPU.slice(1)] }).warnings[0] ?? '',
      /^"cpu": 1 forecast value was outside the metric's physical range and clipped\.$/,
    );
  });

  it('widens an interval that misses its forecast, step by step, and says at how many steps', () => {
    const all = read({ cpu: { values: CPU, lower: CPU.map((v) => v + 1), upper: CPU.map((v) => v + 3) } });
    assert.deepEqual(all.warnings, [
      '"cpu": the answer\'s interval did not contain its forecast at 6 steps; it was widened to contain it.',
    ]);
    assert.deepEqual(rows(all)[0], [61.2, 61.2, 64.2]);
    const one = read({
      cpu: { values: CPU, lower: CPU.map((v, i) => (i === 0 ? v + 1 : v - 1)), upper: CPU.map((v) => v + 3) },
    });
    assert.deepEqual(one.warnings, [
      '"cpu": the answer\'s interval did not contain its forecast at 1 step; it was widened to contain it.',
    ]);
    assert.deepEqual(rows(one).slice(0, 2), [
      [61.2, 61.2, 64.2],
      [62, 61, 65],
    ]);
    const above = read({ cpu: { values: CPU, lower: CPU.map((v) => v - 3), upper: CPU.map((v) => v - 1) } });
    assert.deepEqual(rows(above)[0], [61.2, 58.2, 61.2]);
  });

  it('swaps inverted bounds and says so (the README promises a warning)', () => {
    const data = read({ cpu: { values: CPU, lower: CPU.map((v) => v + 2), upper: CPU.map((v) => v - 2) } });
    assert.deepEqual(data.warnings, [
      '"cpu": the answer\'s lower bound was above its upper bound at 6 steps; they were swapped.',
    ]);
    assert.deepEqual(rows(data)[0], [61.2, 59.2, 63.2]);
    const one = read({
      cpu: {
        values: CPU,
        lower: CPU.map((v, i) => (i ? v - 2 : v + 2)),
        upper: CPU.map((v, i) => (i ? v + 2 : v - 2)),
      },
    });
    assert.deepEqual(one.warnings, [
      '"cpu": the answer\'s lower bound was above its upper bound at 1 step; they were swapped.',
    ]);
  });

  it('bounds that cannot be read are replaced by derived ones, with a warning', () => {
    const data = read({
      cpu: { values: CPU, lower: CPU.map((v, i) => (i === 1 ? 'n/a' : v - 1)), upper: CPU.map((v) => v + 1) },
    });
    assert.deepEqual(data.warnings, [
      '"cpu": the answer\'s bounds were unusable, so they were derived from the built-in forecaster\'s backtest errors.',
    ]);
  });

  it('non-finite values and values far beyond the history are problems that say where', () => {
    assert.deepEqual(problems({ cpu: CPU.map((v, i) => (i === 2 ? 'n/a' : v)) }), [
      '"cpu": 1 value is not a finite number (point 2)',
    ]);
    assert.deepEqual(problems({ cpu: CPU.map(() => 'x') }), [
      '"cpu": 6 values are not a finite number (points 0, 1, 2, 3, 4, …)',
    ]);
    assert.deepEqual(problems({ cpu: CPU.map((v, i) => (i === 2 || i === 4 ? null : v)) }), [
      '"cpu": 2 values are not a finite number (points 2, 4)',
    ]);
    assert.deepEqual(problems({ cpu: CPU.map((v, i) => (i === 3 ? 1e6 : v)) }), [
      '"cpu": values up to 1.00e+6 are far outside anything in the history (largest 63.2)',
    ]);
    assert.equal(
      read({ cpu: CPU.map((v, i) => (i === 3 ? 60_000 : v)) }).metrics.length,
      1,
      'a thousand times is still read',
    );
  });
});
