import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { holtWintersDamped } from '../../../../../src/core/forecast/methods/holtWinters';

/*
 * Damped additive Holt-Winters against the textbook recurrence, written the plain way: the
 * initial state from the first two periods, every grid point run over the whole history
 * (no run stopped early), the first least squared one-step error wins, then the forecast
 * l + (φ + … + φ^h)·b + s. The method stops hopeless runs early; its result must be bit for
 * bit the plain one.
 */
const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];
const BETAS = [0.001, 0.01, 0.05, 0.15];
const GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.35];
const PHIS = [0.9, 0.95, 0.98];

interface State {
  level: number;
  trend: number;
  season: number[];
  sse: number;
}

/** l₀ the mean of the first period, b₀ the change of the period means per step, s₀ the first period around l₀. */
function initialState(y: Float64Array, p: number): State {
  let first = 0;
  let second = 0;
  for (let i = 0; i < p; i++) {
    first += y[i] as number;
    second += y[p + i] as number;
  }
  const level = first / p;
  const trend = (second / p - level) / p;
  return { level, trend, season: Array.from({ length: p }, (_, i) => (y[i] as number) - level), sse: 0 };
}

/** The recurrence from t = p to the end, summing the squared one-step errors. */
function run(y: Float64Array, p: number, a: number, b: number, g: number, phi: number): State {
  const state = initialState(y, p);
  let { level: l, trend: tr } = state;
  const s = state.season;
  let sse = 0;
  for (let t = p; t < y.length; t++) {
    const previous = s[t % p] as number;
    const yt = y[t] as number;
    const e = yt - (l + phi * tr + previous);
    sse += e * e;
    const lNew = a * (yt - previous) + (1 - a) * (l + phi * tr);
    tr = b * (lNew - l) + (1 - b) * phi * tr;
    s[t % p] = g * (yt - lNew) + (1 - g) * previous;
    l = lNew;
  }
  return { level: l, trend: tr, season: s, sse };
}

function plainHoltWinters(y: Float64Array, p: number, horizon: number): Float64Array {
  let best = { sse: Infinity, a: 0.2, b: 0.01, g: 0.1, phi: 0.95 };
  for (const a of ALPHAS)
    for (const b of BETAS)
      for (const g of GAMMAS)
        for (const phi of PHIS) {
          const { sse } = run(y, p, a, b, g, phi);
          if (sse < best.sse) best = { sse, a, b, g, phi };
        }
  const final = run(y, p, best.a, best.b, best.g, best.phi);
  const out = new Float64Array(horizon);
  let damp = 0;
  for (let j = 0; j < horizon; j++) {
    damp += best.phi ** (j + 1);
    out[j] = final.level + damp * final.trend + (final.season[(y.length + j) % p] as number);
  }
  return out;
}

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** Short seasonal series of every kind the fit meets: trend, season, noise, a step, a spike that overflows. */
const seriesArb = fc
  .record({
    period: fc.constantFrom(2, 3, 4, 7),
    extra: fc.integer({ min: 2, max: 40 }),
    level: fc.constantFrom(0, 50, -5, 1e6),
    slope: fc.constantFrom(0, 0.5, -0.3, 3),
    amplitude: fc.constantFrom(0, 4, 20),
    noise: fc.constantFrom(0, 1, 10),
    step: fc.constantFrom(0, 40),
    spike: fc.constantFrom(0, 0, 1e200, 1e300),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ period, extra, level, slope, amplitude, noise, step, spike, seed }) => {
    const n = 2 * period + extra;
    let a = seed;
    const random = (): number => ((a = (a * 1103515245 + 12345) % 2147483648), a / 2147483648);
    const shape = Array.from({ length: period }, () => amplitude * (random() - 0.5));
    const y = Float64Array.from(
      { length: n },
      (_, t) => level + slope * t + (shape[t % period] as number) + noise * (random() - 0.5) + (t > n / 2 ? step : 0),
    );
    if (spike) y[Math.floor(n * 0.7)] = spike;
    return { y, period };
  });

describe('damped Holt-Winters: the grid’s first least-error (α, β, γ, φ), then l + (φ + … + φ^h)·b + s', () => {
  it('equals the plain grid search over the textbook recurrence bit for bit, on series of every kind', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 1, max: 20 }), ({ y, period }, horizon) => {
        const out = holtWintersDamped(period).forecast(y, { horizon, periods: [period] });
        assert.equal(bits(out), bits(plainHoltWinters(y, period, horizon)));
      }),
      { numRuns: 120 },
    );
  });

  it('is named for its period and needs two periods and two steps', () => {
    const method = holtWintersDamped(24);
    assert.equal(method.id, 'hw-damped-24');
    assert.equal(method.minLength, 50);
    assert.equal(holtWintersDamped(3).minLength, 8);
  });

  it('repeats a pure seasonal pattern on a constant level exactly, whatever the horizon', () => {
    const pattern = [4, -1, 7, -10];
    const y = Float64Array.from({ length: 22 }, (_, t) => 30 + (pattern[t % 4] as number));
    const out = holtWintersDamped(4).forecast(y, { horizon: 9, periods: [4] });
    // the history ends at phase 2 (22 mod 4): the forecast goes on from there
    assert.deepEqual(
      [...out].map((v) => Math.round(v * 1e9) / 1e9),
      [37, 20, 34, 29, 37, 20, 34, 29, 37],
    );
  });

  it('a constant series is forecast constant', () => {
    const out = holtWintersDamped(3).forecast(new Float64Array(12).fill(-4.5), { horizon: 5, periods: [3] });
    assert.deepEqual([...out], [-4.5, -4.5, -4.5, -4.5, -4.5]);
  });

  it('continues a rising seasonal series, each period’s rise smaller than the last (the trend is damped)', () => {
    const pattern = [0, 6, -3];
    const y = Float64Array.from({ length: 60 }, (_, t) => 10 + 2 * t + (pattern[t % 3] as number));
    const out = holtWintersDamped(3).forecast(y, { horizon: 30, periods: [3] });
    assert.equal(bits(out), bits(plainHoltWinters(y, 3, 30)));
    // each step above the same phase one period earlier, by less every time
    let previousRise = Infinity;
    for (let j = 3; j < 30; j++) {
      const rise = (out[j] as number) - (out[j - 3] as number);
      assert.ok(rise > 0, `step ${j} rises: ${rise}`);
      assert.ok(rise < previousRise, `step ${j} rises less (${rise}) than the one before (${previousRise})`);
      previousRise = rise;
    }
    // the first step continues the line (the next value would be 10 + 2·60 + 0)
    assert.ok(Math.abs((out[0] as number) - 130) < 2, `${out[0]}`);
    assert.ok((out[29] as number) < 10 + 2 * 89 + (pattern[89 % 3] as number), 'below the undamped line');
  });

  it('a falling trend is followed downward', () => {
    const y = Float64Array.from({ length: 40 }, (_, t) => 500 - 5 * t + (t % 2 ? 3 : -3));
    const out = holtWintersDamped(2).forecast(y, { horizon: 6, periods: [2] });
    assert.equal(bits(out), bits(plainHoltWinters(y, 2, 6)));
    assert.ok((out[5] as number) < (out[1] as number) && (out[4] as number) < (out[0] as number), `${[...out]}`);
    assert.ok((out[0] as number) < 500 - 5 * 39, `${out[0]}`);
  });
});
