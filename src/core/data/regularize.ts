import { type BreachSide, type MetricSeries } from '../base/forecastSchema';
import { DataError } from '../base/dataError';
import { formatStep } from './formatStep';
import { formatCount, GRID_FACTOR, GRID_SLACK, MAX_ABS_VALUE, MAX_GRID_STEPS_PER_FILE } from './limits';
import { quoteText } from './quoteText';
import { valueProblem } from './values';

/** Gaps of at most this many missing steps are filled quietly; longer ones are filled and reported. */
export const SHORT_GAP_STEPS = 3;

/** Where an observation came from, for messages: a CSV line and column, or a JSON path. */
export interface SourcePlace {
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;
}

export interface RawSeries {
  readonly name: string;
  unit?: string;
  capacity?: number;
  breach?: BreachSide;
  times: number[] | Float64Array;
  values: number[] | Float64Array;
  /** Where observation `index` came from, when the loader knows. */
  place?: (index: number) => SourcePlace;
}

/** A DataError at the place observation `index` of `raw` came from. */
export function errorAt(file: string, raw: RawSeries, index: number, detail: string): DataError {
  const place = raw.place?.(index) ?? {};
  return new DataError(file, place.path ? `${place.path}: ${detail}` : detail, place.line, place.column);
}

/**
 * Puts one metric's observations on a regular grid:
 * - sorts them by time (and says so when they were not in order);
 * - merges duplicate timestamps into their mean (and counts them);
 * - the step is the median spacing; each time snaps to the nearest grid point;
 * - missing grid points are filled by linear interpolation between their neighbours
 *   (for a gap longer than a day, from the same time the day before, when there is one);
 *   gaps longer than SHORT_GAP_STEPS steps are reported.
 * The grid is at most max(GRID_FACTOR × distinct times, distinct times + GRID_SLACK) steps
 * and at most `maxSteps` (what is left of the file's budget); a longer one is refused with
 * the gap that made it so, before anything is allocated for it.
 */
export function regularize(
  raw: RawSeries,
  file: string,
  warnings: string[],
  maxSteps = MAX_GRID_STEPS_PER_FILE,
): MetricSeries & { readonly stepMs: number } {
  const n = raw.times.length;
  if (n === 0) throw new DataError(file, `metric ${quoteText(raw.name)} has no values`);
  for (let i = 0; i < n; i++) {
    const v = raw.values[i] as number;
    if (!(Math.abs(v) <= MAX_ABS_VALUE)) throw errorAt(file, raw, i, valueProblem(v, String(v)) ?? 'not a value');
  }
  const { times, values, first, length: distinct } = mergeDuplicates(raw, warnings);
  if (distinct < 2)
    throw new DataError(
      file,
      `metric ${quoteText(raw.name)} has only one distinct timestamp; a forecast needs a history`,
    );
  const diffs = new Float64Array(distinct - 1);
  for (let i = 1; i < distinct; i++) diffs[i - 1] = (times[i] as number) - (times[i - 1] as number);
  diffs.sort();
  const stepMs = niceStep(diffs[(diffs.length - 1) >> 1] as number);
  const start = times[0] as number;
  const count = Math.round(((times[distinct - 1] as number) - start) / stepMs) + 1;
  checkGrid(file, raw, { times, first, distinct, stepMs, count, maxSteps });
  const grid = new Float64Array(count).fill(NaN);
  for (let i = 0; i < distinct; i++) {
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
      grid[j] =
        length > daySteps && !Number.isNaN(sameTimeYesterday)
          ? sameTimeYesterday
          : before + ((after - before) * (j - k + 1)) / (length + 1);
    }
    filled += length;
    if (length > SHORT_GAP_STEPS) {
      longGaps++;
      if (length > longest) {
        longest = length;
        longestAt = start + k * stepMs;
      }
    }
    k = end;
  }
  if (longGaps) {
    warnings.push(
      `${quoteText(raw.name)}: ${longGaps} gap${longGaps > 1 ? 's' : ''} longer than ${formatStep((SHORT_GAP_STEPS + 0.5) * stepMs)} filled (longest ${formatStep(longest * stepMs)} from ${new Date(longestAt).toISOString()}); forecasts near them are less certain.`,
    );
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

interface Merged {
  readonly times: Float64Array;
  readonly values: Float64Array;
  /** For each distinct time, the index in the raw series of its first row (for messages). */
  readonly first: Uint32Array;
  readonly length: number;
}

/** Sorts the observations by time (saying so when they were not in order) and averages those at the same time (counting them). */
function mergeDuplicates(raw: RawSeries, warnings: string[]): Merged {
  const n = raw.times.length;
  let order: Uint32Array | undefined;
  for (let i = 1; i < n; i++) {
    if ((raw.times[i] as number) < (raw.times[i - 1] as number)) {
      order = new Uint32Array(n);
      for (let j = 0; j < n; j++) order[j] = j;
      order.sort((a, b) => (raw.times[a] as number) - (raw.times[b] as number) || a - b);
      warnings.push(`${quoteText(raw.name)}: rows were not in time order; they were sorted.`);
      break;
    }
  }
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  const first = new Uint32Array(n);
  let length = 0;
  let duplicates = 0;
  let run = 1;
  for (let r = 0; r < n; r++) {
    const i = order ? (order[r] as number) : r;
    const t = raw.times[i] as number;
    const v = raw.values[i] as number;
    if (length > 0 && times[length - 1] === t) {
      duplicates++;
      run++;
      values[length - 1] = (values[length - 1] as number) + (v - (values[length - 1] as number)) / run;
    } else {
      times[length] = t;
      values[length] = v;
      first[length] = i;
      length++;
      run = 1;
    }
  }
  if (duplicates)
    warnings.push(
      `${quoteText(raw.name)}: ${duplicates} duplicate timestamp${duplicates > 1 ? 's' : ''}; values at the same time were averaged.`,
    );
  return { times, values, first, length };
}

interface GridPlan {
  readonly times: Float64Array;
  readonly first: Uint32Array;
  readonly distinct: number;
  readonly stepMs: number;
  readonly count: number;
  readonly maxSteps: number;
}

/** Refuses a grid out of proportion to the rows given (naming the widest gap) or beyond the file's budget. */
function checkGrid(file: string, raw: RawSeries, plan: GridPlan): void {
  const { times, first, distinct, stepMs, count, maxSteps } = plan;
  const allowed = Math.max(GRID_FACTOR * distinct, distinct + GRID_SLACK);
  if (count <= allowed && count <= maxSteps) return;
  let widest = 1;
  for (let i = 2; i < distinct; i++) {
    if ((times[i] as number) - (times[i - 1] as number) > (times[widest] as number) - (times[widest - 1] as number))
      widest = i;
  }
  const gapSteps = Math.round(((times[widest] as number) - (times[widest - 1] as number)) / stepMs);
  const gap = `a gap of ${formatCount(gapSteps)} steps of ${formatStep(stepMs)} between two rows`;
  if (count > allowed) {
    throw errorAt(
      file,
      raw,
      first[widest] as number,
      `metric ${quoteText(raw.name)}: ${gap} (the second here) would make its grid ${formatCount(count)} steps for ${formatCount(distinct)} distinct times; a grid may be at most max(${GRID_FACTOR} × times, times + ${formatCount(GRID_SLACK)}) = ${formatCount(allowed)} steps. Check the timestamps, or split the file at the gap`,
    );
  }
  throw new DataError(
    file,
    `the metrics of this file need more grid steps together than the ${formatCount(MAX_GRID_STEPS_PER_FILE)} a file may have (metric ${quoteText(raw.name)} alone ${formatCount(count)}, with ${formatCount(maxSteps)} left); split the file, or keep less history`,
  );
}

const NICE_STEPS_MS = [
  1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800,
].map((s) => s * 1000);

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
