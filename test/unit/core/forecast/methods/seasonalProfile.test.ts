import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { seasonalProfile } from '../../../../../src/core/forecast/methods/seasonalProfile';

/*
 * The seasonal profile against its definition, written the plain way on number arrays:
 * season c is the c-th last full period (c = 0 the latest); the median variant without
 * trend centres each season on its median, takes the median deviation per phase (smoothed
 * by a circular moving average of ±⌊p/144⌋ phases) and puts it on the median of the last
 * season minus the profile; the other variants centre each season on its mean (and, with a
 * trend, on its Theil–Sen line through the season means) and take the median or the
 * decay^age-weighted mean of the deviations.
 */
type Weighting = 'median' | 'ewm';

const sortedMedian = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const average = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

function plainProfile(
  y: Float64Array,
  p: number,
  seasons: number,
  weighting: Weighting,
  trend: boolean,
  decay: number,
  horizon: number,
): number[] {
  const n = y.length;
  const k = Math.min(seasons, Math.floor(n / p));
  const season = (c: number): number[] => Array.from(y.subarray(n - (c + 1) * p, n - c * p));
  const all = Array.from({ length: k }, (_, c) => season(c));
  const phases = Array.from({ length: p }, (_, phase) => phase);
  if (weighting === 'median' && !trend) {
    const centres = all.map(sortedMedian);
    let profile = phases.map((phase) => sortedMedian(all.map((s, c) => (s[phase] as number) - (centres[c] as number))));
    const half = Math.floor(p / 144);
    if (half >= 1) {
      const raw = profile;
      profile = phases.map((phase) => {
        let sum = 0;
        for (let i = phase - half; i <= phase + half; i++) sum += raw[(i + p) % p] as number;
        return sum / (2 * half + 1);
      });
    }
    const level = sortedMedian((all[0] as number[]).map((v, phase) => v - (profile[phase] as number)));
    return Array.from({ length: horizon }, (_, j) => level + (profile[j % p] as number));
  }
  const means = all.map(average);
  const pairSlopes: number[] = [];
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) pairSlopes.push(((means[a] as number) - (means[b] as number)) / ((b - a) * p));
  const slope = trend && k >= 3 ? sortedMedian(pairSlopes) : 0;
  const centre = (p - 1) / 2;
  const deviation = (c: number, phase: number): number =>
    ((all[c] as number[])[phase] as number) - (means[c] as number) - slope * (phase - centre);
  const profile = phases.map((phase) => {
    const column = all.map((_, c) => deviation(c, phase));
    if (weighting === 'median') return sortedMedian(column);
    const weights = column.map((_, c) => decay ** c);
    return column.reduce((sum, d, c) => sum + (weights[c] as number) * d, 0) / weights.reduce((s, w) => s + w, 0);
  });
  return Array.from(
    { length: horizon },
    (_, j) => (means[0] as number) + slope * (j + 1 + centre) + (profile[j % p] as number),
  );
}

const close = (actual: ArrayLike<number>, expected: number[], what = ''): void => {
  assert.equal(actual.length, expected.length, `${what} length`);
  expected.forEach((e, i) => {
    const tol = 1e-9 * Math.max(1, Math.abs(e));
    assert.ok(Math.abs((actual[i] as number) - e) <= tol, `${what}[${i}] = ${actual[i]}, expected ${e}`);
  });
};
const forecast = (
  y: Float64Array,
  p: number,
  seasons: number,
  weighting: Weighting,
  trend: boolean,
  horizon: number,
  decay?: number,
): Float64Array => seasonalProfile(p, seasons, weighting, trend, decay).forecast(y, { horizon, periods: [p] });

/** Noisy seasonal series with a trend and now and then an odd season, sometimes shorter than `seasons` periods. */
const caseArb = fc
  .record({
    period: fc.constantFrom(2, 3, 5, 24),
    seasons: fc.integer({ min: 1, max: 6 }),
    full: fc.integer({ min: 1, max: 8 }),
    extra: fc.integer({ min: 0, max: 4 }),
    slope: fc.constantFrom(0, 0.4, -2),
    noise: fc.constantFrom(0, 1, 15),
    odd: fc.boolean(),
    weighting: fc.constantFrom<Weighting>('median', 'ewm'),
    trend: fc.boolean(),
    decay: fc.constantFrom(0.6, 0.3, 0.9),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ period, full, extra, slope, noise, odd, seed, ...rest }) => {
    let a = seed;
    const random = (): number => ((a = (a * 1103515245 + 12345) % 2147483648), a / 2147483648);
    const n = full * period + extra;
    const shape = Array.from({ length: period }, () => 20 * random());
    const y = Float64Array.from(
      { length: n },
      (_, t) => 100 + slope * t + (shape[t % period] as number) + noise * (random() - 0.5),
    );
    if (odd) for (let t = n - 2 * period; t < n - period; t++) if (t >= 0) y[t] = (y[t] as number) * 3;
    return { y, period, ...rest };
  });

describe('seasonal profile: the shape of the last seasons on the current level', () => {
  it('equals the plain definition, for every weighting, with and without trend, and for any history length', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 30 }), ({ y, period, seasons, weighting, trend, decay }, h) => {
        close(
          forecast(y, period, seasons, weighting, trend, h, decay),
          plainProfile(y, period, seasons, weighting, trend, decay, h),
          `${weighting}${trend ? ' trend' : ''} p=${period} seasons=${seasons} n=${y.length}`,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is named for its period, weighting, seasons and trend, and needs at least two seasons', () => {
    const robust = seasonalProfile(24, 3, 'median', false);
    assert.equal(robust.id, 'profile-24-median3');
    assert.equal(robust.minLength, 72);
    const trending = seasonalProfile(168, 4, 'ewm', true);
    assert.equal(trending.id, 'profile-168-ewm4-trend');
    assert.equal(trending.minLength, 672);
    assert.equal(seasonalProfile(24, 1, 'ewm', false).minLength, 48);
  });

  it('repeats a pure seasonal pattern exactly, in every variant', () => {
    const pattern = [5, -2, 9, -12];
    const y = Float64Array.from({ length: 18 }, (_, t) => 40 + (pattern[t % 4] as number));
    // 18 steps: the forecast goes on at phase 2 of the pattern
    const expected = [49, 28, 45, 38, 49, 28];
    for (const [weighting, trend] of [
      ['median', false],
      ['median', true],
      ['ewm', false],
      ['ewm', true],
    ] as const)
      close(forecast(y, 4, 4, weighting, trend, 6), expected, `${weighting} ${trend}`);
  });

  it('with a trend extrapolates a straight seasonal line exactly, from three seasons on', () => {
    const pattern = [3, -1, -2];
    const y = Float64Array.from({ length: 9 }, (_, t) => 7 + 0.5 * t + (pattern[t % 3] as number));
    const next = Array.from({ length: 5 }, (_, j) => 7 + 0.5 * (9 + j) + (pattern[j % 3] as number));
    close(forecast(y, 3, 3, 'median', true, 5), next, 'median');
    close(forecast(y, 3, 3, 'ewm', true, 5), next, 'ewm');
  });

  it('with fewer than three seasons the trend is not estimated: the last season’s mean carries on flat', () => {
    const y = Float64Array.from([0, 2, 10, 12]); // season means 1 and 11
    close(forecast(y, 2, 2, 'median', true, 4), [10, 12, 10, 12]);
    close(forecast(y, 2, 2, 'ewm', true, 4), [10, 12, 10, 12]);
  });

  it('without a trend a rising series is forecast on the level of the last season', () => {
    const y = Float64Array.from({ length: 12 }, (_, t) => t + (t % 2 ? 1 : -1));
    // last season [9, 12] (t = 10, 11): mean 10.5, every season's deviation ±1.5
    close(forecast(y, 2, 4, 'ewm', false, 3), [9, 12, 9]);
  });

  it('the ewm profile weighs each older season by another factor of decay', () => {
    // seasons, latest first: deviations ±1, ±3, ±5 (phase 0 below the mean)
    const y = Float64Array.from([5, 15, 7, 13, 9, 11]);
    // weights 1, 0.5, 0.25: (1·1 + 0.5·3 + 0.25·5) / 1.75 = 2.142857…
    const d = (1 + 0.5 * 3 + 0.25 * 5) / 1.75;
    close(forecast(y, 2, 3, 'ewm', false, 2, 0.5), [10 - d, 10 + d]);
    // the default decay is 0.6: weights 1, 0.6, 0.36
    const d6 = (1 + 0.6 * 3 + 0.36 * 5) / 1.96;
    close(forecast(y, 2, 3, 'ewm', false, 2), [10 - d6, 10 + d6]);
    // the median of the same deviations is the middle season's
    close(forecast(y, 2, 3, 'median', true, 2), [7, 13]);
  });

  it('reads only the last `seasons` periods of a longer history', () => {
    const y = Float64Array.from([100, -100, 100, -100, 1, 3, 1, 3]);
    for (const weighting of ['median', 'ewm'] as const)
      close(forecast(y, 2, 2, weighting, false, 2), [1, 3], weighting);
  });

  it('from a history shorter than `seasons` periods uses the full seasons there are', () => {
    // a partial season (1), then seasons of mean 5 with deviations ±3 and, the latest, ±1
    const y = Float64Array.from([1, 2, 8, 4, 6]);
    close(forecast(y, 2, 5, 'ewm', false, 2, 0.5), [5 - 5 / 3, 5 + 5 / 3]);
    close(forecast(y, 2, 5, 'median', false, 2), [3, 7]);
  });

  it('the robust variant ignores one odd season in three: a burst moves neither the shape nor the level', () => {
    const pattern = [0, 10, 30, 10, 0, -10];
    const y = Float64Array.from({ length: 18 }, (_, t) => 50 + (pattern[t % 6] as number));
    for (let t = 6; t < 12; t++) y[t] = (y[t] as number) + 500 + 40 * (t % 3);
    close(forecast(y, 6, 3, 'median', false, 6), [50, 60, 80, 60, 50, 40]);
  });

  it('the robust variant’s level is the last season’s median after the profile, not its mean', () => {
    // seasons [10, 20, 30] twice, then [13, 20, 33]: each centred on 20, the profile [−10, 0, 10];
    // the last season minus the profile is [23, 20, 23], whose median is 23 (its mean would be 22)
    const y = Float64Array.from([10, 20, 30, 10, 20, 30, 13, 20, 33]);
    close(forecast(y, 3, 3, 'median', false, 4), [13, 23, 33, 13]);
  });

  it('the robust variant smooths the profile of a fine-grained season (⌊p/144⌋ phases each side)', () => {
    // period 144: one spike phase is spread over three; period 143: left as it is
    for (const period of [143, 144, 288]) {
      const half = Math.floor(period / 144);
      const y = Float64Array.from({ length: 3 * period }, (_, t) => (t % period === 10 ? 90 : 0));
      const out = forecast(y, period, 3, 'median', false, period);
      const expected = Array.from({ length: period }, (_, phase) =>
        Math.abs(phase - 10) <= half ? 90 / (2 * half + 1) : 0,
      );
      close(out, expected, `period ${period}`);
    }
  });

  it('the smoothing wraps around the end of the season', () => {
    const period = 288;
    const y = Float64Array.from({ length: 2 * period }, (_, t) => (t % period === 0 ? 50 : 0));
    const out = forecast(y, period, 2, 'median', false, period);
    // phases 286, 287, 0, 1, 2 share the spike at phase 0
    const expected = Array.from({ length: period }, (_, phase) => (phase <= 2 || phase >= 286 ? 10 : 0));
    close(out, expected);
  });
});
