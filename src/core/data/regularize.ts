import { type BreachSide, type MetricSeries } from '../forecast/schema';
import { formatDuration } from '../format';
import { DataError } from './dataError';

/** Gaps of at most this many missing steps are filled quietly; longer ones are filled and reported. */
export const SHORT_GAP_STEPS = 3;

export interface RawSeries {
  readonly name: string;
  unit?: string;
  capacity?: number;
  breach?: BreachSide;
  times: number[] | Float64Array;
  values: number[] | Float64Array;
}

/**
 * Puts one metric's observations on a regular grid:
 * - sorts them by time (and says so when they were not in order);
 * - merges duplicate timestamps into their mean (and counts them);
 * - the step is the median spacing; each time snaps to the nearest grid point;
 * - missing grid points are filled by linear interpolation between their neighbours
 *   (for a gap longer than a day, from the same time the day before, when there is one);
 *   gaps longer than SHORT_GAP_STEPS steps are reported.
 */
export function regularize(raw: RawSeries, file: string, warnings: string[]): MetricSeries & { readonly stepMs: number } {
  const n = raw.times.length;
  if (n === 0) throw new DataError(file, `metric "${raw.name}" has no values`);
  const order = Array.from({ length: n }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < n; i++) if ((raw.times[i] as number) < (raw.times[i - 1] as number)) { sorted = false; break; }
  if (!sorted) {
    order.sort((a, b) => (raw.times[a] as number) - (raw.times[b] as number));
    warnings.push(`"${raw.name}": rows were not in time order; they were sorted.`);
  }
  // merge duplicates
  const times: number[] = [];
  const values: number[] = [];
  let duplicates = 0;
  let run = 1;
  for (const i of order) {
    const t = raw.times[i] as number;
    const v = raw.values[i] as number;
    if (times.length && times[times.length - 1] === t) {
      duplicates++;
      run++;
      values[values.length - 1] = (values[values.length - 1] as number) + (v - (values[values.length - 1] as number)) / run;
    } else {
      times.push(t);
      values.push(v);
      run = 1;
    }
  }
  if (duplicates) warnings.push(`"${raw.name}": ${duplicates} duplicate timestamp${duplicates > 1 ? 's' : ''}; values at the same time were averaged.`);
  if (times.length < 2) throw new DataError(file, `metric "${raw.name}" has only one distinct timestamp; a forecast needs a history`);
  const diffs = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) diffs[i - 1] = (times[i] as number) - (times[i - 1] as number);
  diffs.sort();
  const stepMs = niceStep(diffs[(diffs.length - 1) >> 1] as number);
  const start = times[0] as number;
  const count = Math.round(((times[times.length - 1] as number) - start) / stepMs) + 1;
  if (count > 50_000_000) throw new DataError(file, `metric "${raw.name}" would span ${count} steps of ${formatDuration(stepMs)}; check its timestamps`);
  const grid = new Float64Array(count).fill(NaN);
  for (let i = 0; i < times.length; i++) {
    const k = Math.round(((times[i] as number) - start) / stepMs);
    const current = grid[k] as number;
    grid[k] = Number.isNaN(current) ? (values[i] as number) : (current + (values[i] as number)) / 2;
  }
  const daySteps = Math.round(86_400_000 / stepMs);
  let filled = 0;
  let longGaps = 0;
  let longest = 0;
  let longestAt = 0;
  for (let k = 0; k < count; k++) {
    if (!Number.isNaN(grid[k] as number)) continue;
    let end = k;
    while (end < count && Number.isNaN(grid[end] as number)) end++;
    const length = end - k;
    const before = grid[k - 1] as number;
    const after = grid[end] as number;
    for (let j = k; j < end; j++) {
      const sameTimeYesterday = j - daySteps >= 0 ? (grid[j - daySteps] as number) : NaN;
      grid[j] = length > daySteps && !Number.isNaN(sameTimeYesterday)
        ? sameTimeYesterday
        : before + ((after - before) * (j - k + 1)) / (length + 1);
    }
    filled += length;
    if (length > SHORT_GAP_STEPS) {
      longGaps++;
      if (length > longest) { longest = length; longestAt = start + k * stepMs; }
    }
    k = end;
  }
  if (longGaps) {
    warnings.push(`"${raw.name}": ${longGaps} gap${longGaps > 1 ? 's' : ''} longer than ${formatDuration((SHORT_GAP_STEPS + 0.5) * stepMs)} filled (longest ${formatDuration(longest * stepMs)} from ${new Date(longestAt).toISOString()}); forecasts near them are less certain.`);
  }
  return {
    name: raw.name,
    ...(raw.unit !== undefined ? { unit: raw.unit } : {}),
    ...(raw.capacity !== undefined ? { capacity: raw.capacity } : {}),
    breach: raw.breach ?? defaultBreachSide(raw.name),
    start,
    stepMs,
    values: grid,
    filled,
  };
}

const NICE_STEPS_MS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800].map((s) => s * 1000);

/**
 * The median spacing, snapped to a round unit (1 s … 1 week) when it is within 2% of one,
 * so that clocks that jitter by a few seconds still give a 5-minute or 1-hour grid.
 */
export function niceStep(ms: number): number {
  const nice = NICE_STEPS_MS.find((c) => Math.abs(ms - c) <= 0.02 * c);
  return nice ?? Math.max(1, Math.round(ms));
}

/** Breach side when none is given: below for names that speak of what is left (free, available, remaining, headroom), above otherwise. */
export function defaultBreachSide(name: string): BreachSide {
  return /free|avail|remaining|headroom|idle/i.test(name) ? 'below' : 'above';
}
