import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { forecastAtOrigins } from '../../../../../src/core/forecast/methods/method';
import { seasonalAr } from '../../../../../src/core/forecast/methods/seasonalAr';

/*
 * The seasonal autoregression against its definition, written the plain way for one history
 * of n values: z = log y when asked and every value is positive, else y; k = the lags the
 * history allows, ⌊(n − 2p)/p⌋ between 1 and `lags`; each row t = k·p … n − 1 regresses z_t
 * on 1, z_{t−p}, …, z_{t−k·p} with weight 0.5^((n − 1 − t)/halfLife); the normal equations get
 * a ridge of 10⁻⁴·(trace without the intercept)/k + 10⁻⁹·(sum of weights) on the diagonal and
 * are solved by elimination; the forecast is recursive, plus ρʲ·e, e the last one-step residual
 * and ρ the lag-1 autocorrelation of the residuals of the last two periods (clamped to 0 … 0.98).
 */
/** Value i of an array (the arrays here are dense). */
const at = (a: ArrayLike<number>, i: number): number => a[i] as number;

/** Solves A·x = b (A size × size, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, size: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < size; c++) {
    let pivot = c;
    for (let r = c + 1; r < size; r++) if (Math.abs(at(m, r * size + c)) > Math.abs(at(m, pivot * size + c))) pivot = r;
    for (let j = 0; j < size; j++) {
      const swap = at(m, c * size + j);
      m[c * size + j] = at(m, pivot * size + j);
      m[pivot * size + j] = swap;
    }
    [x[c], x[pivot]] = [at(x, pivot), at(x, c)];
    for (let r = c + 1; r < size; r++) {
      const f = at(m, r * size + c) / at(m, c * size + c);
      for (let j = c; j < size; j++) m[r * size + j] = at(m, r * size + j) - f * at(m, c * size + j);
      x[r] = at(x, r) - f * at(x, c);
    }
  }
  for (let r = size - 1; r >= 0; r--) {
    let s = at(x, r);
    for (let j = r + 1; j < size; j++) s -= at(m, r * size + j) * at(x, j);
    x[r] = s / at(m, r * size + r);
  }
  return x;
}

function plainSeasonalAr(
  y: Float64Array,
  p: number,
  lags: number,
  halfLife: number,
  useLog: boolean,
  horizon: number,
): number[] {
  const n = y.length;
  const logged = useLog && y.every((v) => v > 0);
  const z = Array.from(y, (v) => (logged ? Math.log(v) : v));
  const k = Math.max(1, Math.min(lags, Math.floor((n - 2 * p) / p)));
  const size = k + 1;
  const features = (series: number[], t: number): number[] => [
    1,
    ...Array.from({ length: k }, (_, i) => at(series, t - (i + 1) * p)),
  ];
  const ata = new Float64Array(size * size);
  const atb = new Float64Array(size);
  let wsum = 0;
  for (let t = k * p; t < n; t++) {
    const w = 0.5 ** ((n - 1 - t) / halfLife);
    const x = features(z, t);
    for (let i = 0; i < size; i++) {
      atb[i] = at(atb, i) + w * at(x, i) * at(z, t);
      for (let j = 0; j < size; j++) ata[i * size + j] = at(ata, i * size + j) + w * at(x, i) * at(x, j);
    }
    wsum += w;
  }
  let trace = 0;
  for (let i = 1; i < size; i++) trace += at(ata, i * size + i);
  const ridge = (1e-4 * trace) / k + 1e-9 * wsum;
  for (let i = 0; i < size; i++) ata[i * size + i] = at(ata, i * size + i) + ridge;
  const coef = solve(ata, atb, size);
  const fitted = (series: number[], t: number): number =>
    features(series, t).reduce((sum, x, i) => sum + at(coef, i) * x, 0);
  const tail = Math.min(2 * p, n - k * p);
  const residuals = Array.from({ length: tail }, (_, i) => at(z, n - tail + i) - fitted(z, n - tail + i));
  let num = 0;
  let den = 0;
  for (let i = 1; i < tail; i++) {
    num += at(residuals, i) * at(residuals, i - 1);
    den += at(residuals, i - 1) ** 2;
  }
  const rho = den > 0 ? Math.min(0.98, Math.max(0, num / den)) : 0;
  const last = residuals[tail - 1] ?? 0;
  const ext = [...z];
  return Array.from({ length: horizon }, (_, j) => {
    const v = fitted(ext, n + j);
    ext.push(v);
    const corrected = v + last * rho ** (j + 1);
    return logged ? Math.exp(corrected) : corrected;
  });
}

/**
 * Whether the fit at origin o has at least twice as many rows as unknowns, and four more: with
 * fewer, the fit is (nearly) exact and its residuals are rounding noise, whose lag-1 correlation
 * two solvers need not agree on.
 */
const wellPosed = (o: number, p: number, lags: number): boolean => {
  const k = Math.max(1, Math.min(lags, Math.floor((o - 2 * p) / p)));
  return o - k * p >= 2 * (k + 1) + 4;
};

const close = (actual: ArrayLike<number>, expected: number[], tol: number, what = ''): void => {
  assert.equal(actual.length, expected.length, `${what} length`);
  expected.forEach((e, i) =>
    assert.ok(
      Math.abs((actual[i] as number) - e) <= tol * Math.max(1, Math.abs(e)),
      `${what}[${i}] = ${actual[i]}, expected ${e}`,
    ),
  );
};

/** A seasonal series of some scale, positive or not, with noise, a trend and sometimes a zero. */
const caseArb = fc
  .record({
    period: fc.constantFrom(1, 2, 3, 4, 6),
    periods: fc.integer({ min: 3, max: 14 }),
    extra: fc.integer({ min: 0, max: 5 }),
    lags: fc.constantFrom(1, 2, 3, 7),
    halfLife: fc.constantFrom(5, 24, 200),
    useLog: fc.boolean(),
    scale: fc.constantFrom(1, 100, 1e-3),
    level: fc.constantFrom(20, 0),
    noise: fc.constantFrom(0.5, 3),
    zero: fc.constantFrom('none', 'early', 'late', 'none'),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ period, periods, extra, scale, level, noise, zero, seed, ...rest }) => {
    let a = seed;
    const random = (): number => ((a = (a * 1103515245 + 12345) % 2147483648), a / 2147483648);
    const shape = Array.from({ length: period }, () => 10 * random());
    const n = period * periods + extra + 30;
    const y = Float64Array.from(
      { length: n },
      (_, t) => scale * (level + (shape[t % period] as number) + 0.02 * t + noise * (random() - 0.5)),
    );
    if (zero === 'early') y[1] = 0;
    if (zero === 'late') y[Math.floor(n / 2) + 1] = 0;
    return { y, period, ...rest };
  });

describe('seasonal AR: weighted least squares on the seasonal lags, recursive, with an AR(1) on the residuals', () => {
  it('equals the plain definition, on series of every kind', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 20 }), ({ y, period, lags, halfLife, useLog }, horizon) => {
        fc.pre(wellPosed(y.length, period, lags));
        const out = seasonalAr(lags, halfLife, useLog).forecast(y, { horizon, periods: [period] });
        close(
          out,
          plainSeasonalAr(y, period, lags, halfLife, useLog, horizon),
          1e-6,
          `n=${y.length} p=${period} k≤${lags}`,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('from several origins in one pass, whatever lags each allows, equals the plain definition at each', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 12 }), ({ y, period, lags, halfLife, useLog }, horizon) => {
        const n = y.length;
        // a short first origin (one lag, when it is well posed), some between, the whole history;
        // with a value at or below zero inside, origins before it are logged and those after it not
        const origins = [...new Set([3 * period, 4 * period + 1, 25, Math.floor(n / 2), n - 1, n])]
          .filter((o) => o >= 3 * period && o <= n && wellPosed(o, period, lags))
          .sort((a, b) => a - b);
        const method = seasonalAr(lags, halfLife, useLog);
        const together = forecastAtOrigins(method, y, origins, { horizon, periods: [period] });
        origins.forEach((o, i) =>
          close(
            together[i] as Float64Array,
            plainSeasonalAr(y.subarray(0, o), period, lags, halfLife, useLog, horizon),
            1e-6,
            `origin ${o}`,
          ),
        );
      }),
      { numRuns: 120 },
    );
  });

  it('keeps each origin’s fit apart: its deferred forecast, made in any order after the pass, is the forecast of that origin', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 12 }), ({ y, period, lags, halfLife, useLog }, horizon) => {
        const n = y.length;
        const origins = [...new Set([3 * period, 25, Math.floor(n / 2), n])]
          .filter((o) => o >= 3 * period && o <= n && wellPosed(o, period, lags))
          .sort((a, b) => a - b);
        const method = seasonalAr(lags, halfLife, useLog);
        const context = { horizon, periods: [period] };
        const deferred = method.deferOrigins?.(y, origins, context) ?? [];
        assert.equal(deferred.length, origins.length);
        // the latest first, then each again: every one from its own origin's normal equations
        const late = [...deferred].reverse().map((f) => f());
        const again = deferred.map((f) => f());
        origins.forEach((o, i) => {
          const alone = method.forecast(y.subarray(0, o), context);
          assert.equal(JSON.stringify([...(late[origins.length - 1 - i] as Float64Array)]), JSON.stringify([...alone]));
          assert.equal(JSON.stringify([...(again[i] as Float64Array)]), JSON.stringify([...alone]));
        });
      }),
      { numRuns: 80 },
    );
  });

  it('is named for its lags, log and half-life; takes its shortest history as given; shares one pass across origins', () => {
    const logged = seasonalAr(7, 168, true, 25);
    assert.equal(logged.id, 'sar-7-log-hl168');
    assert.equal(logged.minLength, 25);
    assert.equal(logged.originsInOnePass, true);
    const plain = seasonalAr(14, 336, false);
    assert.equal(plain.id, 'sar-14-hl336');
    assert.equal(plain.minLength, 0);
  });

  it('a value after an origin does not decide its log: each origin is fitted as its own history', () => {
    const y = Float64Array.from({ length: 80 }, (_, t) => 30 + 8 * Math.sin(t) + (t % 4));
    y[70] = 0;
    const method = seasonalAr(3, 24, true);
    const [early] = forecastAtOrigins(method, y, [60], { horizon: 4, periods: [4] });
    close(early as Float64Array, plainSeasonalAr(y.subarray(0, 60), 4, 3, 24, true, 4), 1e-6, 'logged');
    // the same origin backtested with one after the zero: still logged (both have 3 lags)
    const [before, after] = forecastAtOrigins(method, y, [60, 75], { horizon: 4, periods: [4] });
    close(before as Float64Array, plainSeasonalAr(y.subarray(0, 60), 4, 3, 24, true, 4), 1e-6, 'logged, in a pass');
    close(after as Float64Array, plainSeasonalAr(y.subarray(0, 75), 4, 3, 24, false, 4), 1e-6, 'not logged, in a pass');
    close(method.forecast(y, { horizon: 4, periods: [4] }), plainSeasonalAr(y, 4, 3, 24, false, 4), 1e-6, 'not logged');
  });

  it('from a history under three periods: one lag, and the residuals of what follows it', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => 40 + 6 * Math.sin(t / 2) + ((t * 37) % 7));
    close(
      seasonalAr(7, 24, false).forecast(y, { horizon: 5, periods: [12] }),
      plainSeasonalAr(y, 12, 7, 24, false, 5),
      1e-6,
    );
  });

  it('an all-zero history is forecast zero: no residual to carry on', () => {
    const out = seasonalAr(3, 24, true).forecast(new Float64Array(48), { horizon: 4, periods: [4] });
    assert.deepEqual([...out], [0, 0, 0, 0]);
  });

  it('without seasonal periods the lags are the previous steps', () => {
    // y_t = 0.5·y_{t−1} + 10 from 2: the lag is the previous step, and the forecast stays by the fixed point 20
    const y = Float64Array.from({ length: 60 });
    y[0] = 2;
    for (let t = 1; t < 60; t++) y[t] = 0.5 * (y[t - 1] as number) + 10;
    const out = seasonalAr(1, 1000, false).forecast(y, { horizon: 3, periods: [] });
    close(out, plainSeasonalAr(y, 1, 1, 1000, false, 3), 1e-6);
    close(out, [20, 20, 20], 0.01);
  });
});
