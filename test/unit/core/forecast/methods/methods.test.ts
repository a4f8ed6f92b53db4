import * as assert from 'node:assert/strict';
import { seasonalNaive } from '../../../../../src/core/forecast/methods/seasonalNaive';
import { seasonalProfile } from '../../../../../src/core/forecast/methods/seasonalProfile';
import { seasonalAr } from '../../../../../src/core/forecast/methods/seasonalAr';
import { theilSenTrend } from '../../../../../src/core/forecast/methods/theilSen';
import { thetaDeseasonalized, seasonalIndices, ses } from '../../../../../src/core/forecast/methods/theta';
import { holtWintersDamped } from '../../../../../src/core/forecast/methods/holtWinters';
import { forecastAtOrigins } from '../../../../../src/core/forecast/methods/method';
import { dampedTrend } from '../../../../../src/core/forecast/methods/exponential';
import { combine } from '../../../../../src/core/forecast/ensemble';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const close = (actual: ArrayLike<number>, expected: number[], tol: number, what = ''): void => {
  assert.equal(actual.length, expected.length, `${what} length`);
  expected.forEach((e, i) =>
    assert.ok(Math.abs((actual[i] as number) - e) <= tol, `${what}[${i}] = ${actual[i]}, expected ${e} ± ${tol}`),
  );
};
/** A daily-periodic series: level + pattern[t mod p] (+ slope·t). */
const periodic = (n: number, pattern: number[], level = 100, slope = 0): Float64Array =>
  Float64Array.from({ length: n }, (_, t) => level + slope * t + (pattern[t % pattern.length] as number));

describe('forecasting methods on hand-computed series', () => {
  it('seasonal naive repeats the last period', () => {
    close(seasonalNaive(3).forecast(f64([1, 2, 3, 4, 5, 6]), { horizon: 4, periods: [3] }), [4, 5, 6, 4], 0);
  });

  it('naive (period 1) repeats the last value', () => {
    close(seasonalNaive(1).forecast(f64([3, 1, 7]), { horizon: 3, periods: [] }), [7, 7, 7], 0);
  });

  it('seasonal profile (median) puts the pattern on the last season mean', () => {
    const y = periodic(12, [0, 10, -10], 50);
    y[1] = 1000; // one outlier in an old season does not move the median profile
    close(seasonalProfile(3, 3, 'median', false).forecast(y, { horizon: 3, periods: [3] }), [50, 60, 40], 1e-9);
  });

  it('seasonal profile with trend continues the slope of the season means', () => {
    // seasons with means 10, 13, 16, 19 (slope 1 per step over period 3)
    const y = periodic(12, [0, 3, -3], 9, 1);
    const out = seasonalProfile(3, 4, 'median', true).forecast(y, { horizon: 3, periods: [3] });
    // next values: 9 + 12..14 + pattern
    close(out, [21, 25, 20], 1e-9);
  });

  it('Theil–Sen extends a straight line exactly', () => {
    const y = Float64Array.from({ length: 40 }, (_, t) => 5 + 2 * t);
    close(theilSenTrend().forecast(y, { horizon: 3, periods: [] }), [85, 87, 89], 1e-9);
  });

  it('Theil–Sen ignores a few wild points', () => {
    const y = Float64Array.from({ length: 64 }, (_, t) => 5 + 2 * t);
    y[10] = 9999;
    y[30] = -500;
    close(theilSenTrend().forecast(y, { horizon: 1, periods: [] }), [5 + 2 * 64], 1e-6);
  });

  it('seasonal indices of an additive pattern are the pattern', () => {
    close(seasonalIndices(periodic(24, [2, -1, -1], 50), 3, false), [2, -1, -1], 1e-9);
  });

  it('SES on a constant series forecasts the constant', () => {
    assert.equal(ses(f64([4, 4, 4, 4, 4])).level, 4);
  });

  it('Theta on a flat seasonal series returns the seasonal pattern', () => {
    const y = periodic(48, [10, 20, 30, 40], 100);
    close(thetaDeseasonalized(4).forecast(y, { horizon: 4, periods: [4] }), [110, 120, 130, 140], 1e-6);
  });

  it('seasonal AR reproduces a pure periodic series', () => {
    const y = periodic(
      24 * 30,
      Array.from({ length: 24 }, (_, h) => 30 * Math.sin((h / 24) * 2 * Math.PI)),
      100,
    );
    const expected = Array.from({ length: 48 }, (_, j) => 100 + 30 * Math.sin((((720 + j) % 24) / 24) * 2 * Math.PI));
    close(seasonalAr(7, 168, false).forecast(y, { horizon: 48, periods: [24] }), expected, 0.25, 'sar');
    close(seasonalAr(7, 168, true).forecast(y, { horizon: 48, periods: [24] }), expected, 0.25, 'sar-log'); // within 0.25% of the level: the ridge shrinks the weights slightly
  });

  it('seasonal AR from many origins in one pass equals one fit per origin', () => {
    const y = Float64Array.from(
      { length: 600 },
      (_, t) => 50 + 10 * Math.sin(t / 3.8) + 0.05 * t + ((t * 7919) % 13) / 3,
    );
    const method = seasonalAr(7, 100, true);
    const origins = [300, 400, 550, 600];
    const together = forecastAtOrigins(method, y, origins, { horizon: 24, periods: [24] });
    origins.forEach((o, i) =>
      close(
        together[i] as Float64Array,
        Array.from(method.forecast(y.subarray(0, o), { horizon: 24, periods: [24] })),
        1e-9,
        `origin ${o}`,
      ),
    );
  });

  it('damped Holt-Winters follows a flat seasonal series', () => {
    const y = periodic(
      24 * 10,
      Array.from({ length: 24 }, (_, h) => (h < 12 ? 5 : -5)),
      50,
    );
    close(
      holtWintersDamped(24).forecast(y, { horizon: 24, periods: [24] }),
      Array.from({ length: 24 }, (_, h) => (h < 12 ? 55 : 45)),
      0.5,
    );
  });

  it('every method is deterministic', () => {
    const y = Float64Array.from({ length: 400 }, (_, t) => 20 + Math.sin(t / 4) * 5 + (t % 7));
    for (const m of [
      seasonalAr(7, 168, true),
      theilSenTrend(),
      thetaDeseasonalized(24),
      holtWintersDamped(24),
      seasonalProfile(24, 3, 'ewm', false),
    ]) {
      assert.deepEqual(
        m.forecast(y, { horizon: 24, periods: [24] }),
        m.forecast(y, { horizon: 24, periods: [24] }),
        m.id,
      );
    }
  });

  it('combines forecasts by mean and by median', () => {
    const a = f64([1, 10]);
    const b = f64([2, 20]);
    const c = f64([9, 30]);
    close(combine([a, b, c], 'mean'), [4, 20], 1e-12);
    close(combine([a, b, c], 'median'), [2, 20], 1e-12);
  });
});

describe('methods whose backtest shares work across origins', () => {
  /** A few hundred steps of trend, season and noise; some series not positive. */
  const series = (seed: number, n: number): Float64Array => {
    let a = seed;
    const random = (): number => ((a = (a * 1103515245 + 12345) % 2147483648), a / 2147483648);
    const slope = random() * 0.2 - 0.1;
    const level = random() < 0.3 ? -5 : 50;
    return Float64Array.from({ length: n }, (_, t) => level + slope * t + 8 * Math.sin(t / 4) + 3 * (random() - 0.5));
  };

  for (const method of [dampedTrend(), thetaDeseasonalized(24)])
    it(`${method.id}: forecasts from several origins at once are bit for bit those of each origin alone`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const y = series(seed, 400 + 37 * seed);
        const origins = [120, 200, 280, y.length];
        const together = forecastAtOrigins(method, y, origins, { horizon: 60, periods: [24] });
        origins.forEach((o, i) => {
          const alone = method.forecast(y.subarray(0, o), { horizon: 60, periods: [24] });
          assert.deepEqual(
            Buffer.from((together[i] as Float64Array).buffer),
            Buffer.from(alone.buffer),
            `seed ${seed} origin ${o}`,
          );
        });
      }
    });
});
