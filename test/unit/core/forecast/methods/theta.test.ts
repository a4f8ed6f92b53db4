import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { forecastAtOrigins } from '../../../../../src/core/forecast/methods/method';
import { seasonalIndices, ses, thetaDeseasonalized } from '../../../../../src/core/forecast/methods/theta';

/*
 * The theta method against its definition, written the plain way:
 * - seasonal indices by classical decomposition: a centred moving average of order p (2×p
 *   when p is even), y/MA (or y − MA) averaged by phase, normalised to mean 1 (or 0);
 * - simple exponential smoothing from l = y₀, α the first of 0.05, 0.10, … 1.00 with the
 *   least one-step squared error (every α run over the whole series);
 * - the forecast: the SES level of the seasonally adjusted series plus half its least-squares
 *   slope, b/2 · (h − 1 + 1/α − (1 − α)ⁿ/α) (Hyndman & Billah), the season put back.
 * The method runs the α grid four at a time, drops hopeless runs early and starts each
 * backtest origin from the previous one's α: its results must be bit for bit the plain ones.
 */
const bits = (a: ArrayLike<number>): string => Buffer.from(Float64Array.from(a).buffer).toString('hex');
const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = ''): void => {
  assert.equal(actual.length, expected.length, `${what} length`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const a = actual[i] as number;
    assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}] = ${a}, expected ${e}`);
  }
};

/** Classical decomposition, each moving average summed afresh, at every centre whose window fits. */
function plainIndices(y: Float64Array, p: number, multiplicative: boolean): number[] {
  const n = y.length;
  const half = Math.floor(p / 2);
  const weights = p % 2 ? Array<number>(p).fill(1 / p) : [0.5, ...Array<number>(p - 1).fill(1), 0.5].map((w) => w / p);
  const sums = Array<number>(p).fill(0);
  const counts = Array<number>(p).fill(0);
  const lastCentre = n - half - 1;
  for (let t = half; t <= lastCentre; t++) {
    let ma = 0;
    weights.forEach((w, i) => (ma += w * (y[t - half + i] as number)));
    sums[t % p] = (sums[t % p] as number) + (multiplicative ? (y[t] as number) / ma : (y[t] as number) - ma);
    counts[t % p] = (counts[t % p] as number) + 1;
  }
  const raw = sums.map((s, k) => ((counts[k] as number) > 0 ? s / (counts[k] as number) : multiplicative ? 1 : 0));
  const avg = raw.reduce((s, v) => s + v, 0) / p;
  return raw.map((v) => (multiplicative ? v / avg : v - avg));
}

const ALPHAS: number[] = [];
for (let alpha = 0.05; alpha <= 1.0001; alpha += 0.05) ALPHAS.push(alpha);

function plainSes(y: Float64Array): { level: number; alpha: number } {
  let best = { sse: Infinity, alpha: 0.5, level: y[y.length - 1] as number };
  for (const alpha of ALPHAS) {
    let l = y[0] as number;
    let sse = 0;
    for (let t = 1; t < y.length; t++) {
      const e = (y[t] as number) - l;
      sse += e * e;
      l += alpha * e;
    }
    if (sse < best.sse) best = { sse, alpha, level: l };
  }
  return { level: best.level, alpha: best.alpha };
}

/** The whole method on top of the decomposition (whose indices are pinned by their own tests below). */
function plainTheta(y: Float64Array, p: number, horizon: number): Float64Array {
  const n = y.length;
  const multiplicative = y.every((v) => v > 0);
  const index = seasonalIndices(y, p, multiplicative);
  const adj = y.map((v, t) => (multiplicative ? v / (index[t % p] as number) : v - (index[t % p] as number)));
  let sum = 0;
  for (let t = 0; t < n; t++) sum += adj[t] as number;
  const tMean = (n - 1) / 2;
  const yMean = sum / n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * ((adj[t] as number) - yMean);
    sxx += (t - tMean) ** 2;
  }
  const slope = sxy / sxx;
  const { level, alpha } = plainSes(adj);
  return Float64Array.from({ length: horizon }, (_, j) => {
    const base = level + (slope / 2) * (j + 1 / alpha - (1 - alpha) ** n / alpha);
    const s = index[(n + j) % p] as number;
    return multiplicative ? base * s : base + s;
  });
}

/** Seasonal series of every kind: positive or not, with a zero, a trend, noise, a step, an overflowing spike. */
const seriesArb = fc
  .record({
    period: fc.constantFrom(1, 2, 3, 4, 7, 12),
    extra: fc.integer({ min: 2, max: 150 }),
    level: fc.constantFrom(50, 1e6, 0, -5),
    slope: fc.constantFrom(0, 0.5, -0.3),
    amplitude: fc.constantFrom(0, 5, 20),
    noise: fc.constantFrom(0, 1, 10),
    step: fc.constantFrom(0, 40),
    zero: fc.boolean(),
    spike: fc.constantFrom(0, 0, 1e200),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ period, extra, level, slope, amplitude, noise, step, zero, spike, seed }) => {
    const n = 2 * period + extra;
    let a = seed;
    const random = (): number => ((a = (a * 1103515245 + 12345) % 2147483648), a / 2147483648);
    const shape = Array.from({ length: period }, () => amplitude * random());
    const y = Float64Array.from(
      { length: n },
      (_, t) => level + slope * t + (shape[t % period] as number) + noise * random() + (t > n / 2 ? step : 0),
    );
    if (zero) y[Math.floor(n / 3)] = 0;
    if (spike) y[Math.floor(n * 0.7)] = spike;
    return { y, period };
  });

describe('seasonal indices: classical decomposition by phase', () => {
  it('multiplicative, even period: the figure of R’s decompose()', () => {
    // R: decompose(ts(y, frequency = 4), type = "multiplicative")$figure
    const y = Float64Array.from([
      112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114,
      140,
    ]);
    close(
      seasonalIndices(y, 4, true),
      [0.9637942397696813, 0.9764889406082553, 1.0305015609245298, 1.0292152586975334],
      1e-14,
    );
  });

  it('additive, odd period: R’s decompose() figure, the last centred average (around z[19]) included', () => {
    const z = Float64Array.from([3, -1, 4, 1, -5, 9, 2, -6, 5, 3, -5, 8, 9, -7, 9, 3, -2, 3, 8, -4]);
    // R: decompose(ts(z, frequency = 3))$figure; without the last average (z[1:19]) R gives
    // 1.8037037037037036, -6.0962962962962965, 4.2925925925925927
    close(seasonalIndices(z, 3, false), [2.2407407407407409, -6.3148148148148149, 4.0740740740740744], 1e-14);
    close(seasonalIndices(z, 3, false), plainIndices(z, 3, false), 1e-12);
    close(
      seasonalIndices(z.subarray(0, 19), 3, false),
      [1.8037037037037036, -6.0962962962962965, 4.2925925925925927],
      1e-14,
    );
  });

  it('equals the plain decomposition on series of every kind, long or as short as one period', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5, 12),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1_000_000 }),
        (p, extra, multiplicative, seed) => {
          let a = seed;
          const random = (): number => ((a = (a * 1103515245 + 12345) % 2147483648), a / 2147483648);
          const y = Float64Array.from({ length: p + extra }, (_, t) => 20 + 10 * random() + (t % p) * 3);
          close(
            seasonalIndices(y, p, multiplicative),
            plainIndices(y, p, multiplicative),
            1e-9,
            `p=${p} n=${y.length}`,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a phase no centred average reaches gets the neutral index before normalising', () => {
    // period 4 over 6 values: averages only at t = 2 and 3
    const y = Float64Array.from([10, 20, 30, 40, 50, 60]);
    // t = 2: MA = (5 + 20 + 30 + 40 + 25)/4 = 30; t = 3: MA = 40; ratios 1 and 1, phases 0 and 1 neutral
    close(seasonalIndices(y, 4, true), [1, 1, 1, 1], 1e-15);
    // additive: differences 0 and 0, phases 0 and 1 at 0
    close(seasonalIndices(y, 4, false), [0, 0, 0, 0], 1e-15);
    const bumpy = Float64Array.from([10, 20, 36, 34, 50, 60]);
    // t = 2: MA = (5 + 20 + 36 + 34 + 25)/4 = 30, ratio 1.2; t = 3: MA = 40, ratio 0.85; phases 0 and 1
    // neutral; then each divided by their mean, 1.0125
    close(seasonalIndices(bumpy, 4, true), [1 / 1.0125, 1 / 1.0125, 1.2 / 1.0125, 0.85 / 1.0125], 1e-12);
    // additive: differences +6 and −6, phases 0 and 1 at 0; their mean is 0
    close(seasonalIndices(bumpy, 4, false), [0, 0, 6, -6], 1e-12);
  });

  it('a pure additive pattern is its own index; a pure multiplicative one its own ratios', () => {
    const pattern = [3, -4, 6, -5];
    close(
      seasonalIndices(
        Float64Array.from({ length: 16 }, (_, t) => 9 + (pattern[t % 4] as number)),
        4,
        false,
      ),
      pattern,
      1e-12,
    );
    const factors = [0.5, 1.5, 1.25, 0.75];
    close(
      seasonalIndices(
        Float64Array.from({ length: 15 }, (_, t) => 80 * (factors[t % 4] as number)),
        4,
        true,
      ),
      factors,
      1e-12,
    );
  });
});

describe('ses: simple exponential smoothing with α from the grid 0.05 … 1.00', () => {
  it('equals the plain grid search bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 140, size: 'max' }),
        (xs) => {
          const y = Float64Array.from(xs);
          const got = ses(y);
          const want = plainSes(y);
          assert.equal(bits([got.level, got.alpha]), bits([want.level, want.alpha]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('breaks ties by the grid’s order: every α fits [0, 10] equally, the first (0.05) wins', () => {
    assert.deepEqual(ses(Float64Array.from([0, 10])), { level: 0.5, alpha: 0.05 });
    // errors 0 until the last step: the same error for every α
    const late = ses(Float64Array.from([4, 4, 4, 4, 10]));
    assert.equal(late.alpha, 0.05);
    assert.ok(Math.abs(late.level - 4.3) < 1e-12, `${late.level}`);
  });

  it('one value: the first α and the value itself', () => {
    assert.deepEqual(ses(Float64Array.from([7])), { level: 7, alpha: 0.05 });
  });

  it('a steady climb is followed most closely by the last α, 1.00: the level is the last value', () => {
    const { level, alpha } = ses(Float64Array.from({ length: 30 }, (_, t) => 4 * t));
    assert.ok(Math.abs(alpha - 1) < 1e-12, `${alpha}`);
    assert.ok(Math.abs(level - 116) < 1e-9, `${level}`);
  });

  it('noise around a constant is smoothed with a small α', () => {
    const y = Float64Array.from({ length: 200 }, (_, t) => 50 + (t % 2 ? 3 : -3) + ((t * 7919) % 5) - 2);
    const { level, alpha } = ses(y);
    assert.ok(alpha <= 0.1, `${alpha}`);
    assert.ok(Math.abs(level - 50) < 2, `${level}`);
  });
});

describe('theta: SES of the seasonally adjusted series plus half its drift, the season put back', () => {
  it('equals the plain method bit for bit, on series of every kind', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 30 }), ({ y, period }, horizon) => {
        const out = thetaDeseasonalized(period).forecast(y, { horizon, periods: [period] });
        assert.equal(bits(out), bits(plainTheta(y, period, horizon)));
      }),
      { numRuns: 250 },
    );
  });

  it('from several origins at once, each starting from the previous one’s α, equals the plain method at each', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 20 }), ({ y, period }, horizon) => {
        const method = thetaDeseasonalized(period);
        const first = method.minLength;
        const origins = [first, Math.max(first, Math.floor(y.length * 0.6)), y.length - 1, y.length];
        const together = forecastAtOrigins(method, y, origins, { horizon, periods: [period] });
        origins.forEach((o, i) =>
          assert.equal(
            bits(together[i] as Float64Array),
            bits(plainTheta(y.subarray(0, o), period, horizon)),
            `origin ${o}`,
          ),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('after an origin with a fitted α, a history whose every fit overflows is forecast from its last value with α = 0.5', () => {
    const y = Float64Array.from({ length: 40 }, (_, t) => 10 + (t % 3));
    y[30] = 1e200; // one squared error past the largest number: no α has a finite error from here on
    const method = thetaDeseasonalized(1);
    const [early, late] = forecastAtOrigins(method, y, [20, 40], { horizon: 2, periods: [1] });
    assert.equal(bits(early as Float64Array), bits(plainTheta(y.subarray(0, 20), 1, 2)));
    assert.equal(bits(late as Float64Array), bits(plainTheta(y, 1, 2)));
    assert.ok(Number.isFinite(plainSes(y.subarray(0, 20)).level));
    assert.equal(plainSes(y).alpha, 0.5);
  });

  it('is named for its period and needs two periods and two steps', () => {
    const method = thetaDeseasonalized(24);
    assert.equal(method.id, 'theta-24');
    assert.equal(method.minLength, 50);
    assert.equal(thetaDeseasonalized(1).minLength, 4);
  });

  it('on a straight line: the last value, then half the slope per step (the θ = 0 and θ = 2 lines averaged)', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => 5 + 3 * t);
    // α = 1 follows the line with the least error, so the level is the last value, 92
    close(thetaDeseasonalized(1).forecast(y, { horizon: 4, periods: [] }), [93.5, 95, 96.5, 98], 1e-9);
    const down = Float64Array.from({ length: 30 }, (_, t) => -5 - 3 * t);
    close(thetaDeseasonalized(1).forecast(down, { horizon: 2, periods: [] }), [-93.5, -95], 1e-9);
  });

  it('a flat multiplicative pattern is repeated, scaled on the level, from where the history ends', () => {
    const factors = [0.5, 1.5, 1.25, 0.75];
    const y = Float64Array.from({ length: 22 }, (_, t) => 80 * (factors[t % 4] as number));
    // 22 values end at phase 1: the forecast goes on at phase 2
    close(thetaDeseasonalized(4).forecast(y, { horizon: 5, periods: [4] }), [100, 60, 40, 120, 100], 1e-9);
  });

  it('a positive series is decomposed by ratios, one with a value at or below zero by differences', () => {
    // the season grows with the level: ratios describe it, differences do not
    const growing = Float64Array.from({ length: 48 }, (_, t) => (100 + 10 * t) * (t % 2 ? 1.2 : 0.8));
    const ratios = thetaDeseasonalized(2).forecast(growing, { horizon: 2, periods: [2] });
    assert.equal(bits(ratios), bits(plainTheta(growing, 2, 2)));
    const withZero = Float64Array.from(growing);
    withZero[0] = 0;
    const differences = thetaDeseasonalized(2).forecast(withZero, { horizon: 2, periods: [2] });
    assert.equal(bits(differences), bits(plainTheta(withZero, 2, 2)));
    // by ratios the adjusted series is the line 100 + 10t: its last value 570 plus half the slope
    // per step (575, 580), times 0.8 and 1.2
    close(ratios, [460, 696], 1e-9);
    // by differences the season is a fixed ±67 around the level, too narrow for the 0.8 : 1.2 shape
    assert.ok((differences[1] as number) / (differences[0] as number) < 1.3, `${[...differences]}`);
  });
});
