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
/** Steps run between checks of the bound. */
const CHUNK = 64;

/**
 * Four of fitDamped's grid runs through y[start, end), from and into their level, trend
 * and error, four chains at once. A small function of its own, as is runOne: V8 optimizes it
 * within the first series, where as a loop inside fitDamped it ran unoptimized for longer
 * (and the code V8 compiled for the loop was dropped at each chunk's end).
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
 * grid order among equals, and its final level and trend; with none finite, the last
 * value and no trend. The same result as running the grid in order with each run stopped
 * once its error reaches the best so far, computed faster:
 * - `guess` (a grid index, e.g. the previous origin's winner) is run first, and its error
 *   bounds the others: a run is dropped once its error exceeds the bound. Errors only grow
 *   along a run (a sum of squares), so a dropped run could not have been the minimum; a run
 *   that ties the bound goes on, so ties are still broken by grid order.
 * - the other runs go four at a time through the data, independent chains the processor
 *   overlaps, checked against the bound every CHUNK steps.
 * Every run does the very same floating-point operations, in the same order, as a run on
 * its own: the results are bit for bit those of the plain grid search.
 */
function fitDamped(y: Float64Array, guess: number): { l: number; b: number; phi: number; index: number } {
  const n = y.length;
  const from = Math.max(0, n - FIT_SPAN);
  const l0 = y[from] as number;
  const b0 = ((y[from + 3] as number) - l0) / 3;
  let bound = Infinity;
  // Stryker disable next-line UnaryOperator: the index is kept only when nothing fits, as the next origin's first try
  let best = { l: y[n - 1] as number, b: 0, phi: 0.9, index: -1 };
  if (guess >= 0) {
    const a = GRID_ALPHA[guess] as number;
    const beta = GRID_BETA[guess] as number;
    const phi = GRID_PHI[guess] as number;
    let l = l0;
    let b = b0;
    let sse = 0;
    for (let t = from + 1; t < n && sse < Infinity; t++) {
      const pb = phi * b;
      const f = l + pb;
      const e = (y[t] as number) - f;
      sse += e * e;
      const lNew = f + a * e;
      b = pb + beta * (lNew - l - pb);
      l = lNew;
    }
    if (sse < Infinity) {
      bound = sse;
      best = { l, b, phi, index: guess };
    }
  }
  const size = GRID.length;
  const level = new Float64Array(size).fill(l0);
  const trend = new Float64Array(size).fill(b0);
  const error = new Float64Array(size);
  const active = new Int32Array(size);
  let m = 0;
  for (let i = 0; i < size; i++) if (i !== guess) active[m++] = i;
  for (let start = from + 1; start < n && m > 0; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    let q = 0;
    // Stryker disable next-line ConditionalExpression: the runs not taken four at a time go one at a time, the same steps
    for (; q + 4 <= m; q += 4) {
      const i0 = active[q] as number;
      const i1 = active[q + 1] as number;
      const i2 = active[q + 2] as number;
      const i3 = active[q + 3] as number;
      runFour(y, start, end, i0, i1, i2, i3, level, trend, error);
    }
    for (; q < m; q++) {
      runOne(y, start, end, active[q] as number, level, trend, error);
    }
    // keep, in grid order, the runs still at or under the bound (NaN and ∞ never win)
    let kept = 0;
    for (let k = 0; k < m; k++) {
      const i = active[k] as number;
      const sse = error[i] as number;
      // Stryker disable next-line LogicalOperator: a finite run kept above the bound only grows, and cannot win at the end
      if (sse <= bound && sse < Infinity) active[kept++] = i;
    }
    m = kept;
  }
  for (let k = 0; k < m; k++) {
    const i = active[k] as number;
    const sse = error[i] as number;
    if (sse < bound || (sse === bound && i < best.index)) {
      bound = sse;
      best = { l: level[i] as number, b: trend[i] as number, phi: GRID_PHI[i] as number, index: i };
    }
  }
  return best;
}
