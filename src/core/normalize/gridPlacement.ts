import { type ForecastRequest } from '../base/forecastRequest';
import { isoParser } from '../time/isoParser';
import { looseNumber } from './looseNumber';

/** Missing or surplus points the normalizer accepts: up to 10% of the points (at least one) short is padded. */
export const LENGTH_TOLERANCE = 0.1;

/**
 * Raw values onto the request's output grid; length rules as documented. `indices` are
 * the grid positions from the answer's timestamps (null when they could not be read,
 * undefined when it had none).
 */
export function placeOnGrid(
  values: readonly unknown[],
  indices: readonly number[] | null | undefined,
  request: ForecastRequest,
  what: string,
  problems: string[],
  warnings: string[],
): number[] | undefined {
  const count = request.outputCount;
  const numbers = looseNumbers(values);
  if (numbers.length === 0) {
    problems.push(`${what} has no values`);
    return undefined;
  }
  const tolerated = Math.max(1, Math.floor(LENGTH_TOLERANCE * count));
  if (indices !== undefined) {
    if (!indices) {
      problems.push(`${what}: its timestamps could not be read`);
      return undefined;
    }
    // Stryker disable next-line ArrayDeclaration: every index below count is assigned before the grid is returned
    const grid = new Array<number>(count).fill(Number.NaN);
    // Stryker disable next-line ArrayDeclaration: an index never set reads undefined, as falsy as false
    const placed = new Array<boolean>(count).fill(false);
    const outside = scatter(numbers, indices, grid, placed);
    if (outside) warnings.push(`${what}: ${outside} point${outside > 1 ? 's' : ''} outside the horizon were dropped.`);
    const lastPlaced = placed.lastIndexOf(true);
    const firstPlaced = placed.indexOf(true);
    if (firstPlaced < 0) {
      problems.push(`${what}: none of its points fall within the horizon`);
      return undefined;
    }
    // interpolate interior holes; pad the ends within the tolerance
    // Stryker disable next-line EqualityOperator: k = lastPlaced is placed, so the loop would skip it
    for (let k = firstPlaced + 1; k < lastPlaced; k++) {
      if (placed[k]) continue;
      let next = k + 1;
      while (!placed[next]) next++;
      const a = grid[k - 1] as number;
      const b = grid[next] as number;
      for (let j = k; j < next; j++) grid[j] = a + ((b - a) * (j - k + 1)) / (next - k + 1);
      k = next;
    }
    const missing = firstPlaced + (count - 1 - lastPlaced);
    if (missing > tolerated) {
      problems.push(
        `${what} covers ${count - missing} of the ${count} points asked for (more than ${LENGTH_TOLERANCE * 100}% missing)`,
      );
      return undefined;
    }
    // Stryker disable next-line EqualityOperator: k = firstPlaced would copy that point onto itself
    for (let k = 0; k < firstPlaced; k++) grid[k] = grid[firstPlaced] as number;
    for (let k = lastPlaced + 1; k < count; k++) grid[k] = grid[lastPlaced] as number;
    if (missing)
      warnings.push(
        `${what}: ${missing} missing point${missing > 1 ? 's were' : ' was'} filled from its nearest neighbour.`,
      );
    return grid;
  }
  if (numbers.length > count) {
    warnings.push(
      `${what}: ${numbers.length} values for ${count} points; the extra ${numbers.length - count} were dropped.`,
    );
    return numbers.slice(0, count);
  }
  if (numbers.length < count) {
    const short = count - numbers.length;
    if (short > tolerated) {
      problems.push(
        `${what} has ${numbers.length} values for ${count} points (more than ${LENGTH_TOLERANCE * 100}% short)`,
      );
      return undefined;
    }
    warnings.push(`${what}: ${numbers.length} values for ${count} points; the last value was carried forward.`);
    const last = numbers[numbers.length - 1] as number;
    for (let k = 0; k < short; k++) numbers.push(last);
  }
  return numbers;
}

/** Each value as looseNumber reads it. */
function looseNumbers(values: readonly unknown[]): number[] {
  // Stryker disable next-line ArrayDeclaration: sized only to save growing it; every slot is written below
  const numbers = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) numbers[i] = looseNumber(values[i]);
  return numbers;
}

/** Puts each number at its index of the grid, marking it placed; how many indices were outside the grid. */
function scatter(numbers: readonly number[], indices: readonly number[], grid: number[], placed: boolean[]): number {
  let outside = 0;
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i] as number;
    if (!(k >= 0 && k < grid.length)) outside++;
    else {
      grid[k] = numbers[i] as number;
      placed[k] = true;
    }
  }
  return outside;
}

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;
const DATE_SPACE_TIME = /^\d{4}-\d\d-\d\d \d/;
const ZONE = /[+-]\d\d:?\d\d$/;

/** Timestamps (ISO, epoch s or ms) or step indexes (0- or 1-based) to output-grid indices. */
export function timesToIndices(times: readonly unknown[], request: ForecastRequest): number[] | undefined {
  const gridStep = request.outputStride * request.stepMs;
  const first = request.lastObserved + gridStep;
  // numbers (or numeric strings) all through, or else timestamps: the first one that is not a number decides
  const ns: number[] = [];
  for (const t of times) {
    const n = typeof t === 'number' ? t : typeof t === 'string' && NUMERIC.test(t) ? Number(t) : undefined;
    if (n === undefined) break;
    ns.push(n);
  }
  if (ns.length === times.length) {
    // loops, not Math.max(...ns): an answer may hold hundreds of thousands of points
    let max = 0;
    let min = Infinity;
    for (const v of ns) {
      // Stryker disable next-line EqualityOperator: on a tie the maximum is the same value
      if (Math.abs(v) > max) max = Math.abs(v);
      // Stryker disable next-line EqualityOperator: on a tie the minimum is the same value
      if (v < min) min = v;
    }
    if (max >= 1e11) return ns.map((ms) => Math.round((ms - first) / gridStep));
    if (max >= 1e8) return ns.map((s) => Math.round((s * 1000 - first) / gridStep));
    const base = min >= 1 ? 1 : 0;
    return ns.map((i) => Math.round(i) - base);
  }
  return timestampsToIndices(times, first, gridStep);
}

/**
 * Timestamps to grid indices, undefined when one is not a string Date.parse reads. A small
 * function of its own: V8 optimizes it within the first answers of a process, where inside
 * timesToIndices its loop ran unoptimized for several (as did placeOnGrid's two, now
 * looseNumbers and scatter above).
 */
function timestampsToIndices(times: readonly unknown[], first: number, gridStep: number): number[] | undefined {
  const parsed: number[] = [];
  const parse = isoParser(); // Date.parse, faster on runs of UTC times
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (typeof t !== 'string') return undefined;
    // "2026-01-15 01:00:00", as pandas writes a timestamp, is ISO with a space (the test skipped when it cannot match)
    const s = t.charCodeAt(10) === 32 && DATE_SPACE_TIME.test(t) ? t.replace(' ', 'T') : t;
    const last = s.charCodeAt(s.length - 1);
    const zoned = last === 90 || last === 122 || ZONE.test(s) || !s.includes('T'); // Z, z, an offset, or a date alone
    const ms = parse(zoned ? s : `${s}Z`);
    if (Number.isNaN(ms)) return undefined;
    parsed.push(Math.round((ms - first) / gridStep));
  }
  return parsed;
}

/** Output-grid values (point k at step (k + 1)·stride) to every step of the horizon, linearly, starting from the last observation. */
export function upsample(grid: readonly number[], request: ForecastRequest, last: number): Float64Array {
  const out = new Float64Array(request.horizon);
  const stride = request.outputStride;
  for (let j = 1; j <= request.horizon; j++) {
    const pos = j / stride - 1; // grid position of step j
    // Stryker disable next-line EqualityOperator: at pos 0 the interpolation below gives grid[0] + 0, the same
    if (pos <= 0) {
      const g0 = grid[0] as number;
      out[j - 1] = pos === 0 ? g0 : last + (g0 - last) * (j / stride);
      continue;
    }
    const k = Math.floor(pos);
    const a = grid[Math.min(k, grid.length - 1)] as number;
    const b = grid[Math.min(k + 1, grid.length - 1)] as number;
    out[j - 1] = a + (b - a) * (pos - k);
  }
  return out;
}
