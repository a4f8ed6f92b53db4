import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { dampedTrend, simpleExponentialSmoothing } from '../../../../../src/core/forecast/methods/exponential';
import { forecastAtOrigins } from '../../../../../src/core/forecast/methods/method';

/*
 * The two exponential smoothers against the textbook definitions, written the plain way:
 * every grid point run over the whole fit span, the first least squared one-step error wins.
 * The methods compute the same thing faster (runs stopped early, four at a time, warm
 * starts); their results must be bit for bit the plain ones.
 */
const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1];
const BETAS = [0.01, 0.05, 0.15];
const PHIS = [0.8, 0.9, 0.98];
const FIT_SPAN = 2016;

function plainSes(y: Float64Array, horizon: number): Float64Array {
  const from = Math.max(0, y.length - FIT_SPAN);
  let best = { sse: Infinity, level: y[y.length - 1] as number };
  for (const alpha of ALPHAS) {
    let l = y[from] as number;
    let sse = 0;
    for (let t = from + 1; t < y.length; t++) {
      const e = (y[t] as number) - l;
      sse += e * e;
      l += alpha * e;
    }
    if (sse < best.sse) best = { sse, level: l };
  }
  return new Float64Array(horizon).fill(best.level);
}

function plainDamped(y: Float64Array, horizon: number): Float64Array {
  const n = y.length;
  const from = Math.max(0, n - FIT_SPAN);
  const l0 = y[from] as number;
  const b0 = ((y[from + 3] as number) - l0) / 3;
  let best = { sse: Infinity, l: y[n - 1] as number, b: 0, phi: 0.9 };
  for (const a of ALPHAS)
    for (const beta of BETAS)
      for (const phi of PHIS) {
        let l = l0;
        let b = b0;
        let sse = 0;
        for (let t = from + 1; t < n; t++) {
          const pb = phi * b;
          const f = l + pb;
          const e = (y[t] as number) - f;
          sse += e * e;
          const lNew = f + a * e;
          b = pb + beta * (lNew - l - pb);
          l = lNew;
        }
        if (sse < best.sse) best = { sse, l, b, phi };
      }
  const out = new Float64Array(horizon);
  let damp = 0;
  for (let j = 0; j < horizon; j++) {
    damp += best.phi ** (j + 1);
    out[j] = best.l + damp * best.b;
  }
  return out;
}

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** Series of every kind the fit meets: trends, noise, steps, flat runs (ties), spikes and overflow. */
const seriesArb = fc
  .record({
    n: fc.integer({ min: 16, max: 120 }),
    level: fc.constantFrom(0, 50, -5, 1e6),
    slope: fc.constantFrom(0, 0.5, -0.3, 3),
    noise: fc.constantFrom(0, 1, 10),
    step: fc.constantFrom(0, 40),
    spike: fc.constantFrom(0, 1e200, 1e300),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ n, level, slope, noise, step, spike, seed }) => {
    let a = seed;
    const random = (): number => ((a = (a * 1103515245 + 12345) % 2147483648), a / 2147483648);
    const y = Float64Array.from(
      { length: n },
      (_, t) => level + slope * t + noise * (random() - 0.5) + (t > n / 2 ? step : 0),
    );
    if (spike) y[Math.floor(n * 0.7)] = spike;
    return y;
  });

describe('simple exponential smoothing: the grid’s first least-error α, its last level, flat', () => {
  const ses = simpleExponentialSmoothing();

  it('equals the plain grid search bit for bit, on series of every kind', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 30 }), (y, horizon) => {
        assert.equal(bits(ses.forecast(y, { horizon, periods: [] })), bits(plainSes(y, horizon)));
      }),
      { numRuns: 400 },
    );
  });

  it('reads only the last 2,016 steps of a long history', () => {
    const y = Float64Array.from({ length: 2100 }, (_, t) => (t < 84 ? 1e6 : 10 + (t % 7)));
    const out = ses.forecast(y, { horizon: 3, periods: [] });
    assert.equal(bits(out), bits(plainSes(y, 3)));
    assert.ok((out[0] as number) < 20, `the old level is out of the fit: ${out[0]}`);
  });

  it('forecasts the last value when it is all the fit has: a constant, the naive α = 1 on a random walk', () => {
    assert.deepEqual([...ses.forecast(new Float64Array(12).fill(7), { horizon: 2, periods: [] })], [7, 7]);
    const walk = Float64Array.from([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.deepEqual([...ses.forecast(walk, { horizon: 2, periods: [] })], [90, 90]);
  });

  it('is named ses and needs 8 steps', () => {
    const method = simpleExponentialSmoothing();
    assert.equal(method.id, 'ses');
    assert.equal(method.minLength, 8);
  });

  it('breaks ties by the grid’s order: when every α errs alike, the first (0.02) wins', () => {
    // no error until the last step, whose error is the same 4 for every α
    const y = Float64Array.from([5, 5, 5, 5, 5, 5, 5, 5, 5]);
    y[8] = 9;
    assert.deepEqual([...ses.forecast(y, { horizon: 1, periods: [] })], [5 + 0.02 * 4]);
  });
});

describe('damped trend: the grid’s first least-error (α, β, φ), then l + (φ + … + φ^h)·b', () => {
  const damped = dampedTrend();

  it('equals the plain grid search bit for bit, on series of every kind and any horizon', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 60 }), (y, horizon) => {
        assert.equal(bits(damped.forecast(y, { horizon, periods: [] })), bits(plainDamped(y, horizon)));
      }),
      { numRuns: 300 },
    );
  });

  it('from several origins at once, with each origin’s winner starting the next, equals the plain search at each', () => {
    fc.assert(
      fc.property(
        seriesArb.filter((y) => y.length >= 40),
        fc.integer({ min: 1, max: 40 }),
        (y, horizon) => {
          const origins = [16, 20, Math.floor(y.length / 2), y.length - 1, y.length];
          const together = forecastAtOrigins(damped, y, origins, { horizon, periods: [] });
          origins.forEach((o, i) =>
            assert.equal(
              bits(together[i] as Float64Array),
              bits(plainDamped(y.subarray(0, o), horizon)),
              `origin ${o}`,
            ),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('continues a straight line upward, each step adding a little less (a trend that levels off)', () => {
    const y = Float64Array.from({ length: 48 }, (_, t) => 10 + 2 * t);
    const out = damped.forecast(y, { horizon: 12, periods: [] });
    assert.equal(bits(out), bits(plainDamped(y, 12)));
    let previous = y[47] as number;
    let rise = Infinity;
    for (const v of out) {
      assert.ok(v > previous, `${v} after ${previous}`);
      assert.ok(v - previous <= rise + 1e-9, 'the rise shrinks');
      rise = v - previous;
      previous = v;
    }
    assert.ok((out[11] as number) < 10 + 2 * 59, 'below the undamped line');
  });

  it('reads only the last 2,016 steps, and a history whose every fit overflows is forecast flat at its last value', () => {
    const long = Float64Array.from({ length: 2100 }, (_, t) => (t < 84 ? -1e6 : 5 + 0.01 * t));
    assert.equal(bits(damped.forecast(long, { horizon: 5, periods: [] })), bits(plainDamped(long, 5)));
    const wild = Float64Array.from({ length: 20 }, (_, t) => (t % 2 ? 1e300 : -1e300));
    assert.deepEqual([...damped.forecast(wild, { horizon: 3, periods: [] })], [1e300, 1e300, 1e300]);
  });

  it('is named ets-damped and needs 16 steps', () => {
    const method = dampedTrend();
    assert.equal(method.id, 'ets-damped');
    assert.equal(method.minLength, 16);
  });

  it('breaks ties by the grid’s order: when every grid point errs alike, the first wins', () => {
    // flat, then one step up at the very end: every grid point has the same single error
    const y = new Float64Array(20).fill(5);
    y[19] = 9;
    const alone = damped.forecast(y, { horizon: 3, periods: [] });
    assert.equal(bits(alone), bits(plainDamped(y, 3)));
    // the first grid point: α = 0.02, β = 0.01, φ = 0.8, from level 5 + 0.02·4 and trend 0.01·0.08
    const l = 5 + 0.02 * 4;
    const b = 0.01 * (l - 5);
    const expected = [l + 0.8 * b, l + (0.8 + 0.64) * b, l + (0.8 + 0.64 + 0.512) * b];
    expected.forEach((e, j) => assert.ok(Math.abs((alone[j] as number) - e) < 1e-12, `${alone[j]} ≠ ${e}`));
  });

  it('a longer horizon after a shorter one gets all its steps', () => {
    const y = Float64Array.from({ length: 40 }, (_, t) => 3 * t + (t % 3));
    for (const horizon of [2, 5, 11, 70, 3, 200]) {
      const out = damped.forecast(y, { horizon, periods: [] });
      assert.equal(out.length, horizon);
      assert.equal(bits(out), bits(plainDamped(y, horizon)), `horizon ${horizon}`);
    }
  });
});
