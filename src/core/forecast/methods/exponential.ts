import { firstLeastError } from './gridSearch';
import { type ForecastMethod } from './method';

const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1];
const BETAS = [0.01, 0.05, 0.15];
const PHIS = [0.8, 0.9, 0.98];
/** The fit reads at most this many recent points: enough for the parameters, bounded on long histories. */
const FIT_SPAN = 2016;

/**
 * Simple exponential smoothing, l_t = l_{t−1} + α(y_t − l_{t−1}), flat forecast l_n; α
 * minimises the one-step squared error over a fixed grid (α = 1 is the naive forecast).
 */
export function simpleExponentialSmoothing(): ForecastMethod {
  return {
    id: 'ses',
    minLength: 8,
    forecast(y, { horizon }) {
      const from = Math.max(0, y.length - FIT_SPAN);
      let best = { sse: Infinity, level: y[y.length - 1] as number };
      for (const alpha of ALPHAS) {
        let l = y[from] as number;
        let sse = 0;
        for (let t = from + 1; t < y.length && sse < best.sse; t++) {
          const e = (y[t] as number) - l;
          sse += e * e;
          l += alpha * e;
        }
        if (sse < best.sse) best = { sse, level: l };
      }
      return new Float64Array(horizon).fill(best.level);
    },
  };
}

/**
 * Damped-trend exponential smoothing (Gardner & McKenzie, ETS(A,Ad,N)):
 *   l_t = α y_t + (1−α)(l_{t−1} + φ b_{t−1}),  b_t = β(l_t − l_{t−1}) + (1−β) φ b_{t−1}
 *   ŷ_{n+h} = l_n + (φ + … + φ^h) b_n
 * (α, β, φ) minimise the one-step squared error over a fixed grid; deterministic. A trend
 * that levels off is the safe default for growth: it follows a ramp without promising
 * that it goes on for ever.
 *
 * The grid search is the costliest part of the built-in forecaster, so it is done in a way
 * that gives exactly the grid's first minimum (see `fitDamped`) with less work: the
 * backtest's origins are fitted in turn, each one starting from the previous origin's
 * winner.
 */
export function dampedTrend(): ForecastMethod {
  const forecastFrom = (y: Float64Array, horizon: number, guess: number): { out: Float64Array; winner: number } => {
    const best = fitDamped(y, guess);
    const out = new Float64Array(horizon);
    const powers = phiPowers(best.phi, horizon);
    let damp = 0;
    for (let j = 0; j < horizon; j++) {
      damp += powers[j] as number;
      out[j] = best.l + damp * best.b;
    }
    return { out, winner: best.index };
  };
  return {
    id: 'ets-damped',
    minLength: 16,
    forecast(y, { horizon }) {
      // Stryker disable next-line UnaryOperator: the grid point tried first only orders the search; the grid's first minimum wins
      return forecastFrom(y, horizon, -1).out;
    },
    forecastOrigins(y, origins, { horizon }) {
      // Stryker disable next-line UnaryOperator: the grid point tried first only orders the search; the grid's first minimum wins
      let guess = -1;
      return origins.map((o) => {
        const { out, winner } = forecastFrom(y.subarray(0, o), horizon, guess);
        guess = winner;
        return out;
      });
    },
  };
}

/** φ^1 … φ^h of each φ, computed once (by `**`, as the forecast did) and kept: the same for every forecast. */
const PHI_POWERS = new Map<number, Float64Array>();
function phiPowers(phi: number, horizon: number): Float64Array {
  const known = PHI_POWERS.get(phi);
  // Stryker disable next-line EqualityOperator: a kept array just as long as the horizon or computed again: the same powers
  if (known && known.length >= horizon) return known;
  // Stryker disable next-line LogicalOperator: how far a kept array grows ahead of need, not what it holds
  const powers = new Float64Array(Math.max(horizon, 2 * (known?.length ?? 0)));
  for (let j = 0; j < powers.length; j++) powers[j] = phi ** (j + 1);
  // only the grid's φ (and the fallback 0.9) are kept, so the cache stays three arrays
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,CallExpression: which powers are kept bounds memory; kept or not, they are the same
  if (PHIS.includes(phi) || phi === 0.9) PHI_POWERS.set(phi, powers);
  return powers;
}

/** The grid of the damped trend, α-major then β then φ (the order ties are broken in). */
const GRID = ALPHAS.flatMap((a) => BETAS.flatMap((beta) => PHIS.map((phi) => [a, beta, phi] as const)));
const GRID_ALPHA = Float64Array.from(GRID, (g) => g[0]);
const GRID_BETA = Float64Array.from(GRID, (g) => g[1]);
const GRID_PHI = Float64Array.from(GRID, (g) => g[2]);

/**
 * Four of fitDamped's grid runs through y[start, end), from and into their level, trend
 * and error, four chains at once (see `GridRuns`).
 */
function runFour(
  y: Float64Array,
  start: number,
  end: number,
  i0: number,
  i1: number,
  i2: number,
  i3: number,
  level: Float64Array,
  trend: Float64Array,
  error: Float64Array,
): void {
  const a0 = GRID_ALPHA[i0] as number;
  const a1 = GRID_ALPHA[i1] as number;
  const a2 = GRID_ALPHA[i2] as number;
  const a3 = GRID_ALPHA[i3] as number;
  const c0 = GRID_BETA[i0] as number;
  const c1 = GRID_BETA[i1] as number;
  const c2 = GRID_BETA[i2] as number;
  const c3 = GRID_BETA[i3] as number;
  const p0 = GRID_PHI[i0] as number;
  const p1 = GRID_PHI[i1] as number;
  const p2 = GRID_PHI[i2] as number;
  const p3 = GRID_PHI[i3] as number;
  let l0 = level[i0] as number;
  let l1 = level[i1] as number;
  let l2 = level[i2] as number;
  let l3 = level[i3] as number;
  let b0 = trend[i0] as number;
  let b1 = trend[i1] as number;
  let b2 = trend[i2] as number;
  let b3 = trend[i3] as number;
  let s0 = error[i0] as number;
  let s1 = error[i1] as number;
  let s2 = error[i2] as number;
  let s3 = error[i3] as number;
  for (let t = start; t < end; t++) {
    const yt = y[t] as number;
    let pb = p0 * b0;
    let f = l0 + pb;
    let e = yt - f;
    s0 += e * e;
    let lNew = f + a0 * e;
    b0 = pb + c0 * (lNew - l0 - pb);
    l0 = lNew;
    pb = p1 * b1;
    f = l1 + pb;
    e = yt - f;
    s1 += e * e;
    lNew = f + a1 * e;
    b1 = pb + c1 * (lNew - l1 - pb);
    l1 = lNew;
    pb = p2 * b2;
    f = l2 + pb;
    e = yt - f;
    s2 += e * e;
    lNew = f + a2 * e;
    b2 = pb + c2 * (lNew - l2 - pb);
    l2 = lNew;
    pb = p3 * b3;
    f = l3 + pb;
    e = yt - f;
    s3 += e * e;
    lNew = f + a3 * e;
    b3 = pb + c3 * (lNew - l3 - pb);
    l3 = lNew;
  }
  level[i0] = l0;
  level[i1] = l1;
  level[i2] = l2;
  level[i3] = l3;
  trend[i0] = b0;
  trend[i1] = b1;
  trend[i2] = b2;
  trend[i3] = b3;
  error[i0] = s0;
  error[i1] = s1;
  error[i2] = s2;
  error[i3] = s3;
}

/** One of fitDamped's grid runs through y[start, end), from and into its level, trend and error. */
function runOne(
  y: Float64Array,
  start: number,
  end: number,
  i: number,
  level: Float64Array,
  trend: Float64Array,
  error: Float64Array,
): void {
  const a = GRID_ALPHA[i] as number;
  const beta = GRID_BETA[i] as number;
  const phi = GRID_PHI[i] as number;
  let l = level[i] as number;
  let b = trend[i] as number;
  let sse = error[i] as number;
  for (let t = start; t < end; t++) {
    const pb = phi * b;
    const f = l + pb;
    const e = (y[t] as number) - f;
    sse += e * e;
    const lNew = f + a * e;
    b = pb + beta * (lNew - l - pb);
    l = lNew;
  }
  level[i] = l;
  trend[i] = b;
  error[i] = sse;
}

/**
 * The grid point with the least one-step squared error over the fit span, the first in
 * grid order among equals (found by `firstLeastError`; `guess`, a grid index such as the
 * previous origin's winner, is run first), and its final level and trend; with none
 * finite, the last value and no trend.
 */
function fitDamped(y: Float64Array, guess: number): { l: number; b: number; phi: number; index: number } {
  const n = y.length;
  const from = Math.max(0, n - FIT_SPAN);
  const l0 = y[from] as number;
  const b0 = ((y[from + 3] as number) - l0) / 3;
  const level = new Float64Array(GRID.length).fill(l0);
  const trend = new Float64Array(GRID.length).fill(b0);
  const error = new Float64Array(GRID.length);
  const best = firstLeastError(
    {
      error,
      four: (start, end, i0, i1, i2, i3) => runFour(y, start, end, i0, i1, i2, i3, level, trend, error),
      one: (start, end, i) => runOne(y, start, end, i, level, trend, error),
    },
    from + 1,
    n,
    guess,
  );
  // Stryker disable next-line UnaryOperator: the index is kept only when nothing fits, as the next origin's first try
  if (best < 0) return { l: y[n - 1] as number, b: 0, phi: 0.9, index: -1 };
  return { l: level[best] as number, b: trend[best] as number, phi: GRID_PHI[best] as number, index: best };
}
