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
 */
export function autocorrelations(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = (y[i] as number) - mean;
  fft(re, im);
  for (let i = 0; i < size; i++) {
    re[i] = (re[i] as number) ** 2 + (im[i] as number) ** 2;
    im[i] = 0;
  }
  fft(re, im, true);
  const acf = new Float64Array(maxLag + 1);
  const c0 = re[0] as number;
  acf[0] = 1;
  if (!(c0 > 0)) return acf;
  for (let k = 1; k <= maxLag && k < n; k++) acf[k] = (re[k] as number) / c0;
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
  const from = Math.max(0, n - Math.max(4 * m, 3 * m + 1));
  // the same values: a view of a typed array, a copy of anything else
  const tail: ArrayLike<number> =
    y instanceof Float64Array ? y.subarray(from) : (Array.prototype.slice.call(y, from) as number[]);
  const acf = autocorrelations(tail, m);
  let sum = 0;
  for (let k = 1; k < m; k++) sum += (acf[k] as number) ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * sum) / tail.length);
  return (acf[m] as number) > limit;
}

/** The seasonal periods of a series: the candidates for its step that pass the test, shortest first. */
export function detectPeriods(y: ArrayLike<number>, stepMs: number): number[] {
  return candidatePeriods(stepMs).filter((m) => isSeasonal(y, m));
}
