import * as z from 'zod';
import { type Clock, systemClock } from '../time/clock';
import { type ProviderId } from '../providers/providerIds';
import { type ForecastRequest } from '../providers/prompt';
import { type ForecastData, type MetricSeries, type MetricSet } from '../forecast/schema';
import { assembleForecast, builtinPrediction, type MetricPrediction, physicalRange, usablePeriods } from '../forecast/forecastMetricSet';
import { seasonalNaiveScale } from '../forecast/accuracy';
import { describeIssues } from '../lock/lockState';
import { extractJson } from './extractJson';
import { clamp01 } from '../numbers';
import { looseNumber } from './looseNumber';

/** The normalizer's own error: every problem it found, one sentence each. */
export class NormalizationError extends Error {
  override readonly name = 'NormalizationError';
  constructor(readonly problems: readonly string[]) {
    super(`the provider's output could not be used: ${problems.join('; ')}`);
  }
}

export interface ProducerInfo {
  readonly provider: ProviderId;
  readonly model: string | null;
  /** How the output was asked for (json_schema, json_object, prompt). */
  readonly mode: string;
  readonly promptHash: string | null;
}

export interface TrackRecord {
  /** Mean MASE of the provider's scored past forecasts. */
  readonly mase: number;
  /** Mean interval coverage of those forecasts. */
  readonly coverage: number;
  readonly count: number;
}

export interface NormalizeOptions {
  readonly clock?: Clock;
  readonly trackRecord?: TrackRecord;
  /**
   * The built-in forecast of the same history and horizon, which the answer is compared
   * with and missing bounds are derived from. Computed here when not given; the provider
   * path computes it while the request is in flight.
   */
  readonly reference?: ReadonlyMap<string, MetricPrediction>;
}

/** Missing or surplus points the normalizer accepts: up to 10% of the points (at least one) short is padded. */
export const LENGTH_TOLERANCE = 0.1;
export const NARRATIVE_LIMIT = 1000;

const VALUE_KEYS = ['values', 'value', 'forecast', 'forecasts', 'predictions', 'prediction', 'yhat', 'mean', 'point', 'points', 'median', 'p50', 'y', 'expected', 'data'];
const LOWER_KEYS = ['lower', 'lo', 'low', 'p05', 'p5', 'p025', 'q05', 'q025', 'lower_bound', 'lowerbound', 'yhat_lower', 'lower95', 'min'];
const UPPER_KEYS = ['upper', 'hi', 'high', 'p95', 'p975', 'q95', 'q975', 'upper_bound', 'upperbound', 'yhat_upper', 'upper95', 'max'];
const TIME_KEYS = ['t', 'time', 'timestamp', 'ds', 'date', 'datetime', 'step', 'index', 'i', 'h'];
const NAME_KEYS = ['name', 'metric', 'metric_name', 'metricname', 'id', 'series'];
const WRAPPER_KEYS = ['metrics', 'forecast', 'forecasts', 'predictions', 'result', 'results', 'data', 'output'];
const NARRATIVE_KEYS = ['narrative', 'summary', 'explanation', 'reasoning', 'analysis', 'notes', 'comment', 'rationale'];

interface RawSeries {
  values: unknown[];
  lower?: unknown[];
  upper?: unknown[];
  times?: unknown[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyOf = (o: Obj, keys: readonly string[]): string | undefined => Object.keys(o).find((k) => keys.includes(k.toLowerCase().replace(/[\s-]/g, '_')));
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Turns whatever a provider returned into `ForecastData`, or throws NormalizationError
 * listing every problem. Breach, risk and confidence are computed by the same code as
 * the built-in forecaster's; the model's own opinion of them is ignored.
 *
 * Tolerances (documented in the README): a series up to 10% (at least one point) short
 * is padded with its last value; a longer one is truncated; values below a metric's
 * physical floor or above 100 for a percentage are clipped; missing or unusable bounds
 * are derived from the built-in forecaster's backtest errors; all with a warning.
 * Non-finite values, series more than 10% short, values a thousand times beyond anything
 * in the history, and metrics missing from the answer are problems.
 */
export function normalize(output: string, producer: ProducerInfo, request: ForecastRequest, history: MetricSet, options: NormalizeOptions = {}): ForecastData {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (typeof output !== 'string' || output.trim() === '') throw new NormalizationError(['the answer was empty']);
  const extracted = extractJson(output);
  if ('error' in extracted) throw new NormalizationError([extracted.error]);
  const found = collectSeries(extracted.value, history, warnings);
  const predictions = new Map<string, MetricPrediction>();
  for (const metric of history.metrics) {
    const raw = found.get(metric.name);
    if (!raw) {
      problems.push(`"${metric.name}" is missing from the answer`);
      continue;
    }
    const prediction = toPrediction(metric, raw, request, producer, options, problems, warnings);
    if (prediction) predictions.set(metric.name, prediction);
  }
  if (problems.length) throw new NormalizationError(problems);
  const narrative = findNarrative(extracted.value, extracted.prose);
  try {
    return assembleForecast(history, {
      horizon: request.horizon,
      level: request.level,
      predictions,
      producer: { provider: producer.provider, model: producer.model, method: `${producer.provider} (${producer.mode}), normalized`, promptHash: producer.promptHash },
      clock: options.clock ?? systemClock,
      warnings,
      narrative,
    });
  } catch (err) {
    if (err instanceof z.ZodError) throw new NormalizationError([`the normalized forecast is not valid: ${describeIssues(err)}`]);
    throw err;
  }
}

/** Finds one raw series per history metric in the many shapes models answer in. */
function collectSeries(root: unknown, history: MetricSet, warnings: string[]): Map<string, RawSeries> {
  const out = new Map<string, RawSeries>();
  const names = history.metrics.map((m) => m.name);
  const match = (name: string): string | undefined => names.find((n) => n === name) ?? names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? names.find((n) => squash(n) === squash(name));
  const single = names.length === 1 ? names[0] : undefined;
  const unknown: string[] = [];
  const put = (name: unknown, node: unknown): void => {
    const target = typeof name === 'string' ? match(name) : undefined;
    if (!target) {
      if (typeof name === 'string') unknown.push(name);
      return;
    }
    const series = toRaw(node);
    if (series && !out.has(target)) out.set(target, series);
  };

  const visit = (node: unknown, depth: number): void => {
    if (depth > 3 || out.size > 0) return;
    if (Array.isArray(node)) {
      const objects = node.filter(isObj);
      if (objects.length && objects.length === node.length && objects.every((o) => keyOf(o, NAME_KEYS) !== undefined)) {
        const timeRows = objects.some((o) => keyOf(o, TIME_KEYS) !== undefined && !Array.isArray(o[keyOf(o, VALUE_KEYS) ?? '']));
        if (timeRows) {
          // long rows: { metric, t, value, lower, upper }
          const groups = new Map<string, Obj[]>();
          for (const o of objects) {
            const name = String(o[keyOf(o, NAME_KEYS) as string]);
            groups.set(name, [...(groups.get(name) ?? []), o]);
          }
          for (const [name, rows] of groups) put(name, rows);
        } else {
          for (const o of objects) put(o[keyOf(o, NAME_KEYS) as string], o);
        }
        return;
      }
      if (single) put(single, node);
      return;
    }
    if (!isObj(node)) return;
    const direct = Object.keys(node).filter((k) => match(k) !== undefined);
    if (direct.length) {
      for (const k of direct) put(k, node[k]);
      // other keys holding a series are metrics the data does not have
      for (const k of Object.keys(node)) if (!direct.includes(k) && !NARRATIVE_KEYS.includes(k.toLowerCase()) && toRaw(node[k])) unknown.push(k);
      return;
    }
    const wrapper = keyOf(node, WRAPPER_KEYS);
    if (wrapper && (isObj(node[wrapper]) || Array.isArray(node[wrapper]))) {
      const inner = node[wrapper];
      // a single metric's series may be the wrapper's array of numbers itself
      if (single && Array.isArray(inner) && !inner.some((v) => isObj(v) && keyOf(v, NAME_KEYS) !== undefined) && toRaw(node)) {
        put(single, node);
        return;
      }
      visit(inner, depth + 1);
      if (out.size) return;
    }
    if (single && keyOf(node, VALUE_KEYS)) put(single, node);
  };
  visit(root, 0);
  if (unknown.length) warnings.push(`The answer named metrics that are not in the data, ignored: ${[...new Set(unknown)].slice(0, 5).join(', ')}.`);
  return out;
}

/** A series node to arrays of raw values, bounds and times. */
function toRaw(node: unknown): RawSeries | undefined {
  if (Array.isArray(node)) {
    if (node.every((v) => !isObj(v) && !Array.isArray(v))) return { values: node };
    if (node.every((v) => Array.isArray(v))) {
      const rows = node as unknown[][];
      const withTime = rows.every((r) => r.length >= 2);
      return withTime
        ? { times: rows.map((r) => r[0]), values: rows.map((r) => r[1]), ...(rows.every((r) => r.length >= 4) ? { lower: rows.map((r) => r[2]), upper: rows.map((r) => r[3]) } : {}) }
        : { values: rows.map((r) => r[0]) };
    }
    if (node.every(isObj)) {
      const rows = node as Obj[];
      const first = rows[0] ?? {};
      const vk = keyOf(first, VALUE_KEYS);
      if (!vk) return undefined;
      const lk = keyOf(first, LOWER_KEYS);
      const uk = keyOf(first, UPPER_KEYS);
      const tk = keyOf(first, TIME_KEYS);
      return {
        values: rows.map((r) => r[vk]),
        ...(lk && uk ? { lower: rows.map((r) => r[lk]), upper: rows.map((r) => r[uk]) } : {}),
        ...(tk ? { times: rows.map((r) => r[tk]) } : {}),
      };
    }
    return undefined;
  }
  if (isObj(node)) {
    const vk = keyOf(node, VALUE_KEYS);
    if (!vk) return undefined;
    const inner = node[vk];
    const base = Array.isArray(inner) ? toRaw(inner) : isObj(inner) ? toRaw(inner) : undefined;
    if (!base) return undefined;
    const bounds = isObj(node['interval']) ? node['interval'] : isObj(node['bounds']) ? node['bounds'] : node;
    const lk = keyOf(bounds, LOWER_KEYS);
    const uk = keyOf(bounds, UPPER_KEYS);
    const tk = keyOf(node, TIME_KEYS);
    return {
      ...base,
      ...(lk && uk && Array.isArray(bounds[lk]) && Array.isArray(bounds[uk]) ? { lower: bounds[lk] as unknown[], upper: bounds[uk] as unknown[] } : {}),
      ...(tk && Array.isArray(node[tk]) ? { times: node[tk] as unknown[] } : {}),
    };
  }
  return undefined;
}

/** A raw series to a prediction on the horizon grid, or problems. */
function toPrediction(metric: MetricSeries, raw: RawSeries, request: ForecastRequest, producer: ProducerInfo, options: NormalizeOptions, problems: string[], warnings: string[]): MetricPrediction | undefined {
  const name = metric.name;
  const before = problems.length;
  const indices = raw.times && raw.times.length === raw.values.length && raw.times.some((t) => t !== undefined && t !== null) ? timesToIndices(raw.times, request) ?? null : undefined;
  const grid = placeOnGrid(raw.values, indices, request, `"${name}"`, problems, warnings);
  if (!grid) return undefined;
  let lowerGrid = raw.lower && raw.upper ? placeOnGrid(raw.lower, raw.lower.length === raw.values.length ? indices : undefined, request, `"${name}" lower bound`, [], []) : undefined;
  let upperGrid = raw.lower && raw.upper ? placeOnGrid(raw.upper, raw.upper.length === raw.values.length ? indices : undefined, request, `"${name}" upper bound`, [], []) : undefined;
  if (raw.lower && (!lowerGrid || !upperGrid || !lowerGrid.every(Number.isFinite) || !upperGrid.every(Number.isFinite))) {
    warnings.push(`"${name}": the answer's bounds were unusable, so they were derived from the built-in forecaster's backtest errors.`);
    lowerGrid = undefined;
    upperGrid = undefined;
  }
  const bad = grid.map((v, i) => (Number.isFinite(v) ? -1 : i)).filter((i) => i >= 0);
  if (bad.length) {
    problems.push(`"${name}": ${bad.length} value${bad.length > 1 ? 's are' : ' is'} not a finite number (point${bad.length > 1 ? 's' : ''} ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''})`);
    return undefined;
  }
  let maxAbs = 0;
  for (const v of metric.values) maxAbs = Math.max(maxAbs, Math.abs(v));
  const limit = 1000 * (maxAbs + 1);
  if (grid.some((v) => Math.abs(v) > limit)) {
    problems.push(`"${name}": values up to ${Math.max(...grid.map(Math.abs)).toPrecision(3)} are far outside anything in the history (largest ${maxAbs.toPrecision(3)})`);
    return undefined;
  }
  if (problems.length > before) return undefined;
  // upsample the output grid onto every step of the horizon
  const last = metric.values[metric.values.length - 1] as number;
  const point = upsample(grid, request, last);
  const range = physicalRange(metric);
  let clipped = 0;
  const clip = (v: number): number => {
    const c = Math.min(range.max ?? Infinity, Math.max(range.min ?? -Infinity, v));
    if (c !== v) clipped++;
    return c;
  };
  for (let j = 0; j < point.length; j++) point[j] = clip(point[j] as number);
  if (clipped) warnings.push(`"${name}": ${clipped} forecast value${clipped > 1 ? 's were' : ' was'} outside the metric's physical range and clipped.`);
  const builtin = options.reference?.get(metric.name) ?? builtinPrediction(metric, request.horizon, request.level);
  let lower: Float64Array;
  let upper: Float64Array;
  if (lowerGrid && upperGrid) {
    lower = upsample(lowerGrid, request, last);
    upper = upsample(upperGrid, request, last);
    let fixed = 0;
    for (let j = 0; j < point.length; j++) {
      let lo = lower[j] as number;
      let hi = upper[j] as number;
      if (lo > hi) [lo, hi] = [hi, lo];
      const p = point[j] as number;
      if (p < lo || p > hi) fixed++;
      lower[j] = clip(Math.min(lo, p));
      upper[j] = clip(Math.max(hi, p));
    }
    if (fixed) warnings.push(`"${name}": the answer's interval did not contain its forecast at ${fixed} step${fixed > 1 ? 's' : ''}; it was widened to.`);
  } else {
    if (!raw.lower) warnings.push(`"${name}": the answer had no prediction interval; bounds were derived from the built-in forecaster's backtest errors.`);
    lower = new Float64Array(point.length);
    upper = new Float64Array(point.length);
    for (let j = 0; j < point.length; j++) {
      lower[j] = clip((point[j] as number) - ((builtin.point[j] as number) - (builtin.lower[j] as number)));
      upper[j] = clip((point[j] as number) + ((builtin.upper[j] as number) - (builtin.point[j] as number)));
    }
  }
  // agreement with the built-in forecast: 1 / (1 + d), d the mean distance in seasonal-naive
  // errors (MASE units): 1 when identical, ½ one error apart, ¼ three apart
  const scale = seasonalNaiveScale(metric.values, usablePeriods(metric, request.horizon)[0] ?? 1) || 1;
  let distance = 0;
  for (let j = 0; j < point.length; j++) distance += Math.abs((point[j] as number) - (builtin.point[j] as number));
  const agreement = 1 / (1 + distance / point.length / scale);
  const track = options.trackRecord && options.trackRecord.count > 0 ? clamp01(1.5 - options.trackRecord.mase) : undefined;
  const skillInput = (track === undefined ? agreement : 0.5 * agreement + 0.5 * track) - 0.5;
  return {
    point,
    lower,
    upper,
    method: {
      chosen: [producer.model ? `${producer.provider}:${producer.model}` : producer.provider],
      combination: 'provider',
      scores: [],
      backtestCoverage: null,
      skill: null,
      periods: builtin.method.periods,
    },
    confidence: { skill: skillInput, coverage: options.trackRecord && options.trackRecord.count > 0 ? options.trackRecord.coverage : null },
  };
}

/**
 * Raw values onto the request's output grid; length rules as documented. `indices` are
 * the grid positions from the answer's timestamps (null when they could not be read,
 * undefined when it had none).
 */
function placeOnGrid(values: readonly unknown[], indices: readonly number[] | null | undefined, request: ForecastRequest, what: string, problems: string[], warnings: string[]): number[] | undefined {
  const count = request.outputCount;
  const numbers = values.map(looseNumber);
  if (numbers.length === 0) {
    problems.push(`${what} has no values`);
    return undefined;
  }
  let grid: number[];
  if (indices !== undefined) {
    const index = indices;
    if (!index) {
      problems.push(`${what}: its timestamps could not be read`);
      return undefined;
    }
    grid = new Array<number>(count).fill(Number.NaN);
    const placed = new Array<boolean>(count).fill(false);
    let outside = 0;
    index.forEach((k, i) => {
      if (k < 0 || k >= count) outside++;
      else {
        grid[k] = numbers[i] as number;
        placed[k] = true;
      }
    });
    if (outside) warnings.push(`${what}: ${outside} point${outside > 1 ? 's' : ''} outside the horizon were dropped.`);
    const lastPlaced = placed.lastIndexOf(true);
    const firstPlaced = placed.indexOf(true);
    if (firstPlaced < 0) {
      problems.push(`${what}: none of its points fall within the horizon`);
      return undefined;
    }
    // interpolate interior holes; pad the ends within the tolerance
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
    if (missing > Math.max(1, Math.floor(LENGTH_TOLERANCE * count))) {
      problems.push(`${what} covers ${count - missing} of the ${count} points asked for (more than ${LENGTH_TOLERANCE * 100}% missing)`);
      return undefined;
    }
    for (let k = 0; k < firstPlaced; k++) grid[k] = grid[firstPlaced] as number;
    for (let k = lastPlaced + 1; k < count; k++) grid[k] = grid[lastPlaced] as number;
    if (missing) warnings.push(`${what}: ${missing} missing point${missing > 1 ? 's were' : ' was'} filled from its nearest neighbour.`);
    return grid;
  }
  if (numbers.length > count) {
    warnings.push(`${what}: ${numbers.length} values for ${count} points; the extra ${numbers.length - count} were dropped.`);
    return numbers.slice(0, count);
  }
  if (numbers.length < count) {
    const short = count - numbers.length;
    if (short > Math.max(1, Math.floor(LENGTH_TOLERANCE * count))) {
      problems.push(`${what} has ${numbers.length} values for ${count} points (more than ${LENGTH_TOLERANCE * 100}% short)`);
      return undefined;
    }
    warnings.push(`${what}: ${numbers.length} values for ${count} points; the last value was carried forward.`);
    grid = [...numbers, ...new Array<number>(short).fill(numbers[numbers.length - 1] as number)];
    return grid;
  }
  return numbers;
}

/** Timestamps (ISO, epoch s or ms) or step indexes (0- or 1-based) to output-grid indices. */
function timesToIndices(times: readonly unknown[], request: ForecastRequest): number[] | undefined {
  const gridStep = request.outputStride * request.stepMs;
  const first = request.lastObserved + gridStep;
  const numbers = times.map((t) => (typeof t === 'number' ? t : typeof t === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(t) ? Number(t) : undefined));
  if (numbers.every((n) => n !== undefined)) {
    const ns = numbers as number[];
    const max = Math.max(...ns.map(Math.abs));
    if (max >= 1e11) return ns.map((ms) => Math.round((ms - first) / gridStep));
    if (max >= 1e8) return ns.map((s) => Math.round((s * 1000 - first) / gridStep));
    const base = Math.min(...ns) >= 1 ? 1 : 0;
    return ns.map((i) => Math.round(i) - base);
  }
  const parsed = times.map((t) => {
    if (typeof t !== 'string') return Number.NaN;
    const last = t.charCodeAt(t.length - 1);
    const zoned = last === 90 || last === 122 || /[+-]\d\d:?\d\d$/.test(t) || !t.includes('T'); // Z, z, an offset, or a date alone
    return Date.parse(zoned ? t : `${t}Z`);
  });
  if (parsed.some(Number.isNaN)) return undefined;
  return parsed.map((ms) => Math.round((ms - first) / gridStep));
}

/** Output-grid values (point k at step (k + 1)·stride) to every step of the horizon, linearly, starting from the last observation. */
function upsample(grid: readonly number[], request: ForecastRequest, last: number): Float64Array {
  const out = new Float64Array(request.horizon);
  const stride = request.outputStride;
  for (let j = 1; j <= request.horizon; j++) {
    const pos = j / stride - 1; // grid position of step j
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

/** The model's words: a narrative field, else the prose around the JSON; plain text, capped. */
function findNarrative(root: unknown, prose: string): string | null {
  let text: string | undefined;
  if (isObj(root)) {
    const k = keyOf(root, NARRATIVE_KEYS);
    if (k && typeof root[k] === 'string') text = root[k];
  }
  text ??= prose.replace(/```/g, '').trim() || undefined;
  if (!text) return null;
  // eslint-disable-next-line no-control-regex -- stripping control characters from model text is the point
  const plain = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s+\n/g, '\n').trim();
  return plain.length > NARRATIVE_LIMIT ? `${plain.slice(0, NARRATIVE_LIMIT - 1)}…` : plain;
}
