import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectLevelShift, hampel, median7 } from '../../../../src/core/forecast/regime';
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

/** The median of a window as the filter takes it: an insertion sort (a NaN stays where it was; −0 and 0 keep their order). */
function windowMedian(values: readonly number[]): number {
  const a = [...values];
  for (let i = 1; i < a.length; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= 0 && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
  const k = a.length >> 1;
  return a.length % 2 ? (a[k] as number) : ((a[k - 1] as number) + (a[k] as number)) / 2;
}

/** The median of the whole series' distances, as Float64Array's sort orders them (−0 before 0, NaN last). */
function sortedMedian(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const k = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[k] as number) : ((sorted[k - 1] as number) + (sorted[k] as number)) / 2;
}

/** The Hampel filter of the doc comment, written out the slow, plain way. */
function plainHampel(
  y: readonly number[],
  halfWidth: number,
  nSigma: number,
  periods: readonly number[],
): { values: number[]; replaced: number } {
  const n = y.length;
  const centre: number[] = [];
  const scale: number[] = [];
  for (let t = 0; t < n; t++) {
    const window = y.slice(Math.max(0, t - halfWidth), Math.min(n, t + halfWidth + 1));
    const m = windowMedian(window);
    centre.push(m);
    scale.push(window.length >= 3 ? 1.4826 * windowMedian(window.map((v) => Math.abs(v - m))) : Infinity);
  }
  const floor = n ? 1.4826 * sortedMedian(y.map((v, t) => Math.abs(v - (centre[t] as number)))) : 0;
  const sign = y.map((v, t) => {
    const sigma = Math.max(scale[t] as number, floor);
    const e = v - (centre[t] as number);
    return sigma > 0 && Math.abs(e) > nSigma * sigma ? Math.sign(e) : 0;
  });
  const values = [...y];
  let replaced = 0;
  for (let t = 0; t < n; t++) {
    const s = sign[t];
    if (s === 0 || periods.some((p) => p > 1 && (sign[t - p] === s || sign[t + p] === s))) continue;
    values[t] = centre[t] as number;
    replaced++;
  }
  return { values, replaced };
}

const bits = (values: ArrayLike<number>): string[] => Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('the seven-value median of the spike filter (regime.ts)', () => {
  it('is the median of the window and 1.4826 × the median of its distances from it, bit for bit', () => {
    // plain values (finite, no −0), with ties: the only values it is given
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 7, maxLength: 7 }), (window) => {
        const y = Float64Array.from(window, (v) => (Object.is(v, -0) ? 0 : v));
        const centre = new Float64Array(1);
        const scale = new Float64Array(1);
        median7(y, 0, centre, scale, 0);
        const plain = Array.from(y);
        const m = windowMedian(plain);
        assert.deepEqual(
          bits([centre[0] as number, scale[0] as number]),
          bits([m, 1.4826 * windowMedian(plain.map((v) => Math.abs(v - m)))]),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the Hampel filter, exactly (regime.ts)', () => {
  const settings = fc.record({
    halfWidth: fc.oneof(fc.constant(3), fc.integer({ min: 0, max: 5 })),
    nSigma: fc.constantFrom(0, 0.5, 1, 1.5, 2, 3, 4),
    periods: fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 3 }),
  });
  // levels with noise of changing size, repeated values and the odd far outlier
  const value = fc.oneof(
    { arbitrary: fc.integer({ min: 95, max: 105 }), weight: 6 },
    { arbitrary: fc.double({ min: 80, max: 120, noNaN: true }), weight: 3 },
    { arbitrary: fc.integer({ min: -1000, max: 1000 }), weight: 1 },
  );

  it('is the Hampel filter of its definition: window medians and MADs, the series’ floor, seasons that recur', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), settings, (y, { halfWidth, nSigma, periods }) => {
        const got = hampel(Float64Array.from(y), halfWidth, nSigma, periods);
        const want = plainHampel(y, halfWidth, nSigma, periods);
        assert.equal(got.replaced, want.replaced);
        assert.deepEqual(bits(got.values), bits(want.values));
      }),
      { numRuns: 400 },
    );
  });

  it('with NaN, ±Infinity or −0 among the values gives the same medians, bit for bit', () => {
    const odd = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 2, 7, 100);
    fc.assert(
      fc.property(fc.array(odd, { maxLength: 40 }), settings, (y, { halfWidth, nSigma, periods }) => {
        const got = hampel(Float64Array.from(y), halfWidth, nSigma, periods);
        const want = plainHampel(y, halfWidth, nSigma, periods);
        assert.equal(got.replaced, want.replaced);
        assert.deepEqual(bits(got.values), bits(want.values));
      }),
      { numRuns: 300 },
    );
    // a −0 among zeros: the median the sort of its window puts in the middle
    const zeros = Float64Array.from([0, -0, 0, -0, 0, 0, 0, 9, 0, -0, 1, 0, 0]);
    assert.deepEqual(bits(hampel(zeros, 3, 0).values), bits(plainHampel([...zeros], 3, 0, []).values));
    // the insertion sort keeps 0 before −0 as they came: its middle here is −0, where a sort by sign would give 0
    const signed = Float64Array.from([-1, 1, 0, 9, -0, -2, 2]);
    assert.deepEqual(bits(hampel(signed).values), ['-1', '1', '0', '-0', '-0', '-2', '2']);
  });

  const wobble = [10, 11, 9, 10, 12, 9, 11, 10, 9, 11, 10, 12, 10, 9, 11, 10];

  it('replaces a spike at either end by the median of the shorter window there', () => {
    const first = Float64Array.from(wobble);
    first[0] = 500;
    // the window of the first step is itself and the three after it: 500, 11, 9, 10
    assert.deepEqual(Array.from(hampel(first).values), [10.5, ...wobble.slice(1)]);
    assert.equal(hampel(first).replaced, 1);
    const last = Float64Array.from(wobble);
    last[15] = -500;
    // the last step's window: 10, 9, 11 and itself
    assert.deepEqual(Array.from(hampel(last).values), [...wobble.slice(0, 15), 9.5]);
    for (const t of [1, 2, 12, 13, 14]) {
      const y = Float64Array.from(wobble);
      y[t] = 500;
      const { values, replaced } = hampel(y);
      assert.equal(replaced, 1, `a spike at ${t}`);
      assert.deepEqual(Array.from(values), plainHampel(wobble.with(t, 500), 3, 3, []).values, `a spike at ${t}`);
      assert.ok((values[t] as number) >= 9 && (values[t] as number) <= 12, `a spike at ${t}: ${values[t]}`);
    }
  });

  it('counts what it replaced, and leaves every other value as it was', () => {
    const y = Float64Array.from(wobble);
    y[4] = 300;
    y[10] = -300;
    const { values, replaced } = hampel(y);
    assert.equal(replaced, 2);
    assert.deepEqual(
      Array.from(values).map((v, t) => (v === y[t] ? '=' : v)),
      ['=', '=', '=', '=', 10, '=', '=', '=', '=', '=', 10, '=', '=', '=', '=', '='],
    );
    assert.deepEqual(hampel(Float64Array.from(wobble)), { values: Float64Array.from(wobble), replaced: 0 });
    assert.deepEqual(hampel(new Float64Array(0)), { values: new Float64Array(0), replaced: 0 });
  });

  it('judges nothing where the values around do not vary (a flat or stepwise series): there is no scale', () => {
    const flat = Float64Array.from({ length: 20 }, (_, t) => (t === 10 ? 6 : 5));
    assert.deepEqual(hampel(flat), { values: flat, replaced: 0 });
    const spiked = Float64Array.from({ length: 20 }, (_, t) => (t === 10 ? 5000 : 5));
    assert.equal(hampel(spiked).replaced, 0);
    // two values only: no window of three to take a scale from
    assert.equal(hampel(Float64Array.from([1, 1000]), 3, 0).replaced, 0);
    assert.equal(hampel(Float64Array.from([1, 1000, 1]), 1, 0).replaced, 1);
  });

  it('judges a value by its own window’s MAD: 3 above a median with a MAD of 3 is 0.6745 robust deviations out', () => {
    const flat = Array<number>(30).fill(100);
    // the three below the median far off, the three above near: the MAD is the largest near one
    const above = Float64Array.from([-200, -100, 0, 103, 100, 101, 102, ...flat]);
    assert.equal(hampel(above, 3, 0.67).values[3], 100);
    assert.equal(hampel(above, 3, 0.68).values[3], 103);
    // and the other way round
    const below = Float64Array.from([400, 300, 200, 97, 100, 99, 98, ...flat]);
    assert.equal(hampel(below, 3, 0.67).values[3], 100);
    assert.equal(hampel(below, 3, 0.68).values[3], 97);
  });

  it('keeps a run of more than halfWidth values at a new level, and replaces a shorter one', () => {
    for (const halfWidth of [1, 2, 3, 4]) {
      const run = (length: number): Float64Array =>
        Float64Array.from(wobble.concat(wobble), (v, t) => (t >= 12 && t < 12 + length ? v + 400 : v));
      assert.equal(hampel(run(halfWidth), halfWidth).replaced, halfWidth, `a run of ${halfWidth}`);
      assert.equal(hampel(run(halfWidth + 1), halfWidth).replaced, 0, `a run of ${halfWidth + 1}`);
    }
  });

  it('keeps an outlier that recurs the same way a season before or after; a dip after a peak is no recurrence', () => {
    const days = wobble.concat(wobble, wobble);
    const peaks = Float64Array.from(days, (v, t) => (t === 5 || t === 21 ? v + 400 : v));
    assert.equal(hampel(peaks, 3, 3, [16]).replaced, 0, 'a peak one season after another');
    assert.equal(hampel(peaks, 3, 3, [15]).replaced, 2, 'a season of another length');
    assert.equal(hampel(peaks, 3, 3, [16, 7]).replaced, 0, 'one season of several is enough');
    const dips = Float64Array.from(days, (v, t) => (t === 21 || t === 37 ? v - 400 : v));
    assert.equal(hampel(dips, 3, 3, [16]).replaced, 0, 'a dip one season after another');
    const both = Float64Array.from(days, (v, t) => (t === 5 ? v + 400 : t === 21 ? v - 400 : v));
    assert.equal(hampel(both, 3, 3, [16]).replaced, 2, 'a peak, then a dip a season later');
  });

  it('takes no season of one step or none: two spikes side by side are two spikes', () => {
    const pair = Float64Array.from(wobble, (v, t) => (t === 7 || t === 8 ? v + 400 : v));
    assert.equal(hampel(pair, 3, 3, [1]).replaced, 2);
    assert.equal(hampel(pair, 3, 3, [0]).replaced, 2);
    assert.equal(hampel(pair, 3, 3, [-1]).replaced, 2);
    assert.equal(hampel(pair).replaced, 2);
  });
});

describe('level shifts, threshold by threshold (regime.ts)', () => {
  /** n steps of f(t), exactly: no noise unless f adds it. */
  const series = (n: number, f: (t: number) => number): Float64Array =>
    Float64Array.from({ length: n }, (_, t) => f(t));
  const step = (n: number, at: number, from = 0, to = 10): Float64Array => series(n, (t) => (t < at ? from : to));
  /** a noise of robust standard deviation 1.4826 (its values −1, 0, 1 in turn: median 0, MAD 1) */
  const wiggle = (t: number): number => [-1, 0, 1][t % 3] as number;
  const daily = (t: number): number => 10 * Math.sin(((t % 24) / 24) * 2 * Math.PI);

  it('says where the new level starts, the levels either side and the shift', () => {
    assert.deepEqual(detectLevelShift(step(60, 30, 0, 10), []), { index: 30, before: 0, after: 10, delta: 10 });
    assert.deepEqual(detectLevelShift(step(60, 30, 50, 20), []), { index: 30, before: 50, after: 20, delta: -30 });
    // one step a season is no season
    assert.deepEqual(detectLevelShift(step(60, 30), [1]), detectLevelShift(step(60, 30), []));
    assert.equal(
      detectLevelShift(
        series(100, () => 5),
        [],
      ),
      null,
      'a constant series',
    );
    assert.equal(detectLevelShift(new Float64Array(0), []), null, 'nothing');
  });

  it('needs four runs of six steps without a season (24 steps), four seasons with one', () => {
    assert.equal(detectLevelShift(step(23, 12), []), null);
    assert.deepEqual(detectLevelShift(step(24, 12), []), { index: 12, before: 0, after: 10, delta: 10 });
    const days = (n: number): Float64Array => series(n, (t) => (t < n - 24 ? 30 : 70) + daily(t));
    assert.equal(detectLevelShift(days(95), [24]), null);
    assert.equal(detectLevelShift(days(96), [24])?.index, 72);
  });

  it('splits with at least six steps either side: a step nearer an end is reported at the nearest split', () => {
    assert.equal(detectLevelShift(step(30, 6), [])?.index, 6);
    assert.deepEqual(detectLevelShift(step(30, 5), []), { index: 6, before: 0, after: 10, delta: 10 });
    assert.equal(detectLevelShift(step(30, 24), [])?.index, 24);
    // a level of five steps at the end: reported six steps before the end, five of six being new
    assert.deepEqual(detectLevelShift(step(30, 25), []), { index: 24, before: 0, after: 10, delta: 10 });
    // the same with a daily season: the split can be no later than a day before the end
    const young = (length: number): Float64Array => series(240, (t) => (t < 240 - length ? 30 : 70) + daily(t));
    assert.equal(detectLevelShift(young(19), [24]), null, 'a level of 19 steps');
    assert.equal(detectLevelShift(young(20), [24])?.index, 216, 'a level of 20 steps');
    assert.equal(detectLevelShift(young(24), [24])?.index, 216, 'a level of a day');
  });

  it('searches the last 96 steps without a season, the last seven seasons with one', () => {
    assert.equal(detectLevelShift(step(150, 50), []), null, '100 steps back');
    assert.deepEqual(detectLevelShift(step(150, 60), []), { index: 60, before: 0, after: 10, delta: 10 });
    const days = series(240, (t) => (t < 100 ? 30 : 70) + daily(t));
    assert.deepEqual(detectLevelShift(days, [24]), { index: 100, before: 30, after: 70, delta: 40 });
    const older = series(280, (t) => (t < 100 ? 30 : 70) + daily(t));
    assert.equal(detectLevelShift(older, [24]), null, '180 steps back: older than seven days');
  });

  it('takes a shift of more than four robust standard deviations of the noise, and no less', () => {
    const noisy = (shift: number): Float64Array => series(48, (t) => (t < 24 ? 0 : shift) + wiggle(t));
    assert.equal(detectLevelShift(noisy(4 * 1.4826), []), null, 'exactly four');
    assert.equal(detectLevelShift(noisy(5.9), []), null);
    assert.deepEqual(detectLevelShift(noisy(5.95), []), { index: 24, before: 0, after: 5.95, delta: 5.95 });
    // without noise any shift is one, however small it is, except a change of a billionth (rounding)
    assert.deepEqual(detectLevelShift(step(30, 15, 0, 0.1), []), { index: 15, before: 0, after: 0.1, delta: 0.1 });
    assert.equal(detectLevelShift(step(30, 15, 1e6, 1e6 + 1e-4), []), null);
    assert.equal(detectLevelShift(step(30, 15, 1e6, 1e6 + 1e-2), [])?.index, 15);
    assert.equal(detectLevelShift(step(30, 15, -1e6, -1e6 + 1e-4), []), null, 'a negative level as well');
    const seasonal = (shift: number): Float64Array => series(240, (t) => 1e12 + (t < 180 ? 0 : shift) + daily(t));
    assert.equal(detectLevelShift(seasonal(1e3), [24]), null, 'a billionth of a seasonal level');
    assert.equal(detectLevelShift(seasonal(1e5), [24])?.index, 180);
  });

  it('takes a change only if abrupt: across the split the six steps either side already differ by more than 60% of it', () => {
    // …0, 0, 0, a, a, a | 10 − a, 10 − a, 10 − a, 10, 10, 10…: the six either side differ by 10 − a
    const ramp = (a: number): Float64Array => series(48, (t) => (t < 21 ? 0 : t < 24 ? a : t < 27 ? 10 - a : 10));
    assert.equal(detectLevelShift(ramp(4), []), null, 'exactly 60%');
    assert.equal(detectLevelShift(ramp(5), []), null);
    // the shift returned is the one across the split
    assert.deepEqual(detectLevelShift(ramp(3), []), { index: 24, before: 1.5, after: 10, delta: 7 });
  });

  it('takes a new level only if at least 80% of the steps since lie nearer it than the old one', () => {
    // 20 steps since the split, the last k back at the old level (or midway, which is not nearer)
    const back = (k: number, old = 0, level = 10, last = old): Float64Array =>
      series(40, (t) => (t < 20 ? old : t < 40 - k ? level : last));
    assert.equal(detectLevelShift(back(4), [])?.index, 20, '16 of 20');
    assert.equal(detectLevelShift(back(5), []), null, '15 of 20');
    assert.equal(detectLevelShift(back(5, 0, 10, 5), []), null, 'five midway');
    assert.deepEqual(detectLevelShift(back(4, 100, 110), []), { index: 20, before: 100, after: 110, delta: 10 });
    assert.equal(detectLevelShift(back(5, 100, 110), []), null, '15 of 20, at 100 and 110');
    assert.equal(detectLevelShift(back(5, -100, -90), []), null, '15 of 20, at −100 and −90');
  });

  it('returns the latest of several breaks, following at most three', () => {
    const two = series(96, (t) => (t < 60 ? 0 : t < 78 ? 100 : 110));
    assert.deepEqual(detectLevelShift(two, []), { index: 78, before: 100, after: 110, delta: 10 });
    // the second break in the last 24 steps: still four runs of six after the first
    const late = series(96, (t) => (t < 72 ? 0 : t < 84 ? 100 : 110));
    assert.deepEqual(detectLevelShift(late, []), { index: 84, before: 100, after: 110, delta: 10 });
    const four = series(96, (t) => (t < 24 ? 0 : t < 48 ? 1000 : t < 72 ? 1100 : t < 84 ? 1110 : 1111));
    assert.deepEqual(detectLevelShift(four, []), { index: 72, before: 1100, after: 1110.5, delta: 10 });
  });

  it('gives the level before as the median of the last season or six steps before the break, whichever is longer', () => {
    // older history outside the search does not count
    const older = series(200, (t) => (t < 100 ? 50 : t < 170 ? 10 : 20));
    assert.deepEqual(detectLevelShift(older, []), { index: 170, before: 10, after: 20, delta: 10 });
    // one odd value right before the break does not set it
    const odd = series(60, (t) => (t < 30 ? (t === 29 ? 4 : 0) : 20));
    assert.deepEqual(detectLevelShift(odd, []), { index: 30, before: 0, after: 20, delta: 20 });
    assert.deepEqual(detectLevelShift(odd, [4]), { index: 30, before: 0, after: 20, delta: 20 });
  });

  it('removes the season first, even one of two steps', () => {
    const alternating = series(60, (t) => (t % 2 ? 10 : -10) + (t < 30 ? 0 : 5));
    assert.deepEqual(detectLevelShift(alternating, [2]), { index: 30, before: 0, after: 5, delta: 5 });
    assert.equal(detectLevelShift(alternating, []), null, 'unseen, the season is noise that hides the shift');
  });
});
