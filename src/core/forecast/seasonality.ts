import { fft } from './fft';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Candidate seasonal periods (in steps) for a sampling step: a day and a week, when whole numbers of steps. */
export function candidatePeriods(stepMs: number): number[] {
  return [DAY_MS, WEEK_MS].filter((span) => span % stepMs === 0 && span / stepMs >= 2).map((span) => span / stepMs);
}

/**
 * Sample autocorrelations r_0 … r_maxLag, r_k = Σ_{i≥k} (y_i − ȳ)(y_{i−k} − ȳ) / Σ (y_i − ȳ)²,
 * computed through the FFT (the power spectrum of the zero-padded series), O(n log n).
 *
 * The series is real, so both transforms are done at half the length: the even and odd
 * samples go in as one complex sequence of N/2 points, the spectrum is untangled from it
 * (X_k = E_k + W^k O_k), and the power spectrum, real and even, goes back the same way
 * (its even and odd lags come out as the real and imaginary parts).
 */
export function autocorrelations(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  let size = 2;
  while (size < 2 * n) size <<= 1;
  const half = size >> 1;
  const re = new Float64Array(half);
  const im = new Float64Array(half);
  for (let i = 0; i < n; i++) {
    if (i & 1) im[i >> 1] = (y[i] as number) - mean;
    else re[i >> 1] = (y[i] as number) - mean;
  }
  fft(re, im);
  // the power spectrum |X_k|², k = 0 … N/2 (the rest mirrors it)
  const power = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    const a = k === half ? 0 : k;
    const b = (half - k) % half;
    // E_k = (Z_k + conj Z_{M−k}) / 2, O_k = (Z_k − conj Z_{M−k}) / 2i
    const er = ((re[a] as number) + (re[b] as number)) / 2;
    const ei = ((im[a] as number) - (im[b] as number)) / 2;
    const or = ((im[a] as number) + (im[b] as number)) / 2;
    const oi = ((re[b] as number) - (re[a] as number)) / 2;
    const angle = (-2 * Math.PI * k) / size;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    const xr = er + wr * or - wi * oi;
    const xi = ei + wr * oi + wi * or;
    power[k] = xr * xr + xi * xi;
  }
  // back: Y_k = (P_k + P_{k+M}) + i·W^{−k}(P_k − P_{k+M}), with P_{k+M} = P_{M−k}
  // Stryker disable next-line EqualityOperator: a step past the end writes beyond the arrays, where writes are dropped
  for (let k = 0; k < half; k++) {
    const s = (power[k] as number) + (power[half - k] as number);
    const d = (power[k] as number) - (power[half - k] as number);
    const angle = (2 * Math.PI * k) / size;
    re[k] = s - d * Math.sin(angle);
    im[k] = d * Math.cos(angle);
  }
  fft(re, im, true);
  const acf = new Float64Array(maxLag + 1);
  const c0 = re[0] as number;
  acf[0] = 1;
  if (!(c0 > 0)) return acf;
  for (let k = 1; k <= maxLag && k < n; k++) acf[k] = ((k & 1 ? im[k >> 1] : re[k >> 1]) as number) / c0;
  return acf;
}

/**
 * Seasonality test (as M4's Naive2 benchmark uses): period m is seasonal when the
 * autocorrelation at lag m exceeds 1.645·√((1 + 2·Σ_{k<m} r_k²) / n), Bartlett's
 * standard error at 90% one-sided, and the history holds at least two full periods.
 * Long series are tested on their last 4·m points at most, which keeps it fast.
 */
export function isSeasonal(y: ArrayLike<number>, m: number): boolean {
  const n = y.length;
  if (m < 2 || n < 2 * m) return false;
  const from = Math.max(0, n - 4 * m);
  // the same values: a view of a typed array, a copy of anything else
  const tail: ArrayLike<number> =
    y instanceof Float64Array ? y.subarray(from) : (Array.prototype.slice.call(y, from) as number[]);
  const acf = autocorrelations(tail, m);
  let sum = 0;
  // r · r, not r ** 2: the same number (V8's pow squares by multiplying), without a call per lag
  for (let k = 1; k < m; k++) {
    const r = acf[k] as number;
    sum += r * r;
  }
  const limit = 1.645 * Math.sqrt((1 + 2 * sum) / tail.length);
  return (acf[m] as number) > limit;
}

/** The seasonal periods of a series: the candidates for its step that pass the test, shortest first. */
export function detectPeriods(y: ArrayLike<number>, stepMs: number): number[] {
  return candidatePeriods(stepMs).filter((m) => isSeasonal(y, m));
}
