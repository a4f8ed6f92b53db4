import * as assert from 'node:assert/strict';
import { detectLevelShift, hampel } from '../../../../src/core/forecast/regime';
import { holdBeyondCapacity, levelShiftSentence } from '../../../../src/core/forecast/saturation';
import { seededRandom } from '../../../support/helpers';

const noisy = (n: number, f: (t: number) => number, seed = 1): Float64Array => {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, (_, t) => f(t) + (random() - 0.5));
};
const daily = (t: number): number => 10 * Math.sin(((t % 24) / 24) * 2 * Math.PI);

describe('spikes and level shifts (regime.ts)', () => {
  it('the Hampel filter replaces a lone spike by its neighbours’ median and leaves the rest', () => {
    const y = noisy(24 * 14, (t) => 50 + daily(t));
    y[200] = 500;
    const { values, replaced } = hampel(y, 3, 3, [24, 168]);
    assert.ok(Math.abs((values[200] as number) - 50 - daily(200)) < 3, `${values[200]}`);
    assert.ok(replaced < 10, `${replaced} values replaced`);
    assert.equal(values[199], y[199]);
  });

  it('keeps a sharp peak that recurs every day, and a run at a new level', () => {
    const y = noisy(24 * 14, (t) => (t % 24 === 15 ? 400 : 50) + (t >= 24 * 14 - 5 ? 100 : 0));
    const { values } = hampel(y, 3, 3, [24, 168]);
    for (let t = 15; t < y.length; t += 24)
      assert.equal(values[t], y[t], `the 15:00 peak of day ${Math.floor(t / 24)}`);
    for (let t = y.length - 5; t < y.length; t++) assert.equal(values[t], y[t], 'the last five steps at a new level');
  });

  it('finds a step up and where it happened; not a ramp, not one odd day, not a spike', () => {
    const n = 24 * 21;
    const step = detectLevelShift(
      noisy(n, (t) => (t < n - 40 ? 30 : 70) + daily(t)),
      [24, 168],
    );
    assert.ok(step);
    assert.ok(Math.abs(step.index - (n - 40)) <= 2, `${step.index}`);
    assert.ok(Math.abs(step.delta - 40) < 3 && step.before < 45 && step.after > 55);
    assert.equal(
      detectLevelShift(
        noisy(n, (t) => 20 + 0.2 * t + daily(t)),
        [24, 168],
      ),
      null,
      'a ramp',
    );
    const oddDay = (t: number): number => 50 + (t >= n - 72 && t < n - 48 ? 40 : 0) + daily(t);
    assert.equal(detectLevelShift(noisy(n, oddDay), [24, 168]), null, 'a day at another level that came back');
    const spiked = noisy(n, (t) => 50 + daily(t));
    spiked[n - 10] = 5000;
    assert.equal(detectLevelShift(hampel(spiked, 3, 3, [24, 168]).values, [24, 168]), null, 'a spike');
    assert.equal(detectLevelShift(spiked, [24, 168]), null, 'a spike, even unfiltered');
  });

  it('a new level must have lasted a season before it is called a break', () => {
    const n = 24 * 21;
    assert.equal(
      detectLevelShift(
        noisy(n, (t) => (t < n - 12 ? 30 : 70) + daily(t)),
        [24, 168],
      ),
      null,
    );
  });

  it('searches only the last seven seasons of a long series (200,000 steps): an old step is history, not a break', () => {
    const y = noisy(200_000, (t) => (t < 150_000 ? 10 : 20) + daily(t));
    const shift = detectLevelShift(hampel(y, 3, 3, [288, 2016]).values, [288, 2016]);
    assert.equal(shift, null, 'the step is older than the seven seasons searched');
  });
});

describe('saturation (saturation.ts)', () => {
  const forecast = (): { point: Float64Array; lower: Float64Array; upper: Float64Array } => ({
    point: Float64Array.from([80, 60, 40]),
    lower: Float64Array.from([70, 50, 30]),
    upper: Float64Array.from([90, 70, 50]),
  });

  it('holds a metric pinned beyond capacity there when it has never come back', () => {
    const f = forecast();
    assert.equal(holdBeyondCapacity([30, 35, 40, 95, 99, 99], f, 90, 'above'), true);
    assert.deepEqual([...f.point], [90, 90, 90]);
    assert.deepEqual([...f.upper], [90, 90, 90]);
    assert.deepEqual([...f.lower], [70, 50, 30], 'the optimistic bound still says how far it could come back');
  });

  it('lets it come back when the history shows it coming back, or when it is not beyond capacity', () => {
    const f = forecast();
    assert.equal(holdBeyondCapacity([30, 95, 40, 95, 99], f, 90, 'above'), false);
    assert.equal(holdBeyondCapacity([30, 35, 40], f, 90, 'above'), false);
    assert.deepEqual([...f.point], [80, 60, 40]);
  });

  it('works the other way for a metric that breaches below (free disk at zero)', () => {
    const f = forecast();
    assert.equal(holdBeyondCapacity([50, 30, 5, 0], f, 10, 'below'), true);
    assert.deepEqual([...f.point], [10, 10, 10]);
    assert.deepEqual([...f.lower], [10, 10, 10]);
  });

  it('says the break in one sentence', () => {
    assert.equal(
      levelShiftSentence('cpu', '%', { t: '2026-11-20T10:00:00.000Z', before: 34, after: 99 }),
      '"cpu" stepped up from 34 % to 99 % at 2026-11-20T10:00:00.000Z; forecast from the new level.',
    );
  });
});
