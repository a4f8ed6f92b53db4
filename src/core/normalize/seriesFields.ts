import { intervalSideOfKey, quantileOfKey } from './labelledBounds';
import { looseNumber } from './looseNumber';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Aliases, most preferred first; keys are compared lower-cased with spaces and '-' as '_'. */
export const VALUE_KEYS = [
  'values',
  'value',
  'forecast',
  'forecasts',
  'predictions',
  'prediction',
  'yhat',
  'mean',
  'point',
  'points',
  'y',
  'expected',
  'data',
  'v',
];
export const LOWER_KEYS = ['lower', 'lo', 'low', 'lower_bound', 'lowerbound', 'yhat_lower', 'min'];
export const UPPER_KEYS = ['upper', 'hi', 'high', 'upper_bound', 'upperbound', 'yhat_upper', 'max'];
export const TIME_KEYS = ['t', 'time', 'timestamp', 'ds', 'date', 'datetime', 'step', 'index', 'i', 'h', 'x', 'ts'];
export const NAME_KEYS = [
  'name',
  'metric',
  'metric_name',
  'metricname',
  'unique_id',
  'series',
  'series_id',
  'item_id',
  'id',
];
/** Objects holding bounds: { interval: { lower, upper } }, { quantiles: { "0.05": … } }. */
export const INTERVAL_KEYS = ['interval', 'intervals', 'bounds', 'prediction_interval', 'quantiles', 'percentiles'];
export const NARRATIVE_KEYS = [
  'narrative',
  'summary',
  'explanation',
  'reasoning',
  'analysis',
  'notes',
  'comment',
  'rationale',
];
/** Keys that describe a series rather than hold one. */
const META_KEYS = [
  'unit',
  'units',
  'capacity',
  'level',
  'model',
  'method',
  'cutoff',
  'horizon',
  'freq',
  'frequency',
  'type',
  'description',
];

export const normalizeKey = (k: string): string => k.toLowerCase().replace(/[\s-]/g, '_');

/** The key of `o` that is the most preferred of `aliases`, or undefined. */
export function findKey(o: Obj, aliases: readonly string[]): string | undefined {
  let best: string | undefined;
  let rank = aliases.length;
  let longest = 0;
  for (const a of aliases) longest = Math.max(longest, a.length);
  for (const k of Object.keys(o)) {
    if (k.length > longest) continue;
    const r = aliases.indexOf(normalizeKey(k));
    if (r >= 0 && r < rank) {
      best = k;
      rank = r;
    }
  }
  return best;
}

/** A path to a field: a key, or an interval object's key then a key inside it. */
export type FieldPath = readonly string[];

export function getField(o: Obj, path: FieldPath): unknown {
  let v: unknown = o;
  for (const k of path) v = isObj(v) ? v[k] : undefined;
  return v;
}

/** Where a series' point forecast, bounds and times are in a row or in an object of columns. */
export interface FieldPlan {
  readonly value: FieldPath;
  readonly lower?: FieldPath;
  readonly upper?: FieldPath;
  readonly time?: FieldPath;
  /** What was chosen among alternatives, for a warning. */
  readonly notes: readonly string[];
  /** Set when the bounds are not those of the requested level. */
  readonly boundsNote?: string;
}

interface Labelled {
  readonly path: FieldPath;
  readonly q: number;
  readonly model: string | undefined;
}

/**
 * Reads the fields of a record (one row of a series, or an object of columns) by what
 * their keys mean. The point forecast: a value alias (values, yhat, mean, …); else a
 * model's column, as statsforecast and TimeGPT name it (AutoETS next to AutoETS-lo-95);
 * else the median (0.5, q50, p50, median); else, in a record with a time, its one
 * remaining numeric column. The bounds: lower/upper aliases (lower, lo, yhat_lower, …,
 * also inside interval/bounds); else the labelled bounds (quantiles, or sides of a
 * level's interval) nearest to the requested level's (1 − level)/2 and (1 + level)/2
 * quantiles, with a note when they are not those. Undefined when there is no point.
 */
export function planFields(record: Obj, level: number): FieldPlan | undefined {
  const notes: string[] = [];
  const keys = Object.keys(record);
  const time = findKey(record, TIME_KEYS);
  const alias = findKey(record, VALUE_KEYS);
  const containers = keys.filter((k) => INTERVAL_KEYS.includes(normalizeKey(k)) && isObj(record[k]));

  // labelled bounds, at the top level and inside interval objects
  // Stryker disable next-line ArrayDeclaration: a string among the labels has no q or model, so no filter below takes it
  const labelled: Labelled[] = [];
  const claimed = new Set<string>();
  const label = (k: string, path: FieldPath): void => {
    const nk = normalizeKey(k);
    const q = quantileOfKey(nk);
    if (q !== undefined) {
      labelled.push({ path, q, model: undefined });
      if (path.length === 1) claimed.add(k);
      return;
    }
    const side = intervalSideOfKey(nk);
    if (side) {
      labelled.push({ path, q: side.q, model: side.model });
      if (path.length === 1) claimed.add(k);
    }
  };
  for (const k of keys) label(k, [k]);
  for (const c of containers) for (const k of Object.keys(record[c] as Obj)) label(k, [c, k]);

  // the point forecast
  let value: FieldPath | undefined = alias === undefined ? undefined : [alias];
  let model: string | undefined;
  if (!value) {
    const models = keys.filter((k) => !claimed.has(k) && labelled.some((l) => l.model === normalizeKey(k)));
    if (models.length) {
      value = [models[0] as string];
      model = normalizeKey(models[0] as string);
      if (models.length > 1)
        notes.push(
          `the answer held the forecasts of several models (${models.slice(0, 5).join(', ')}); ${models[0]} was used`,
        );
    }
  }
  if (!value) {
    const median = labelled.find((l) => l.q === 0.5);
    if (median) value = median.path;
  }
  if (!value && time !== undefined) {
    const rest = keys.filter((k) => {
      const nk = normalizeKey(k);
      return (
        k !== time &&
        !claimed.has(k) &&
        !containers.includes(k) &&
        ![NAME_KEYS, LOWER_KEYS, UPPER_KEYS, NARRATIVE_KEYS, META_KEYS].some((list) => list.includes(nk)) &&
        looksNumeric(record[k])
      );
    });
    if (rest.length) {
      value = [rest[0] as string];
      if (rest.length > 1)
        notes.push(`the answer held several forecast columns (${rest.slice(0, 5).join(', ')}); ${rest[0]} was used`);
    }
  }
  if (!value) return undefined;

  // the bounds
  const plan = { value, notes, ...(time === undefined ? {} : { time: [time] }) };
  const generic = genericBounds(record, containers);
  if (generic) return { ...plan, ...generic };
  const own = labelled.filter((l) => l.model === model);
  const usable = own.length ? own : labelled;
  const lower = nearest(
    usable.filter((l) => l.q < 0.5),
    (1 - level) / 2,
  );
  const upper = nearest(
    usable.filter((l) => l.q > 0.5),
    (1 + level) / 2,
  );
  if (!lower || !upper) return plan;
  const bounds = { lower: lower.path, upper: upper.path };
  // Stryker disable next-line EqualityOperator: no quantile read from a key is exactly 1e-9 from the one asked for
  if (Math.abs(lower.q - (1 - level) / 2) <= 1e-9 && Math.abs(upper.q - (1 + level) / 2) <= 1e-9)
    return { ...plan, ...bounds };
  const boundsNote = `its bounds are the ${fmt(lower.q)} and ${fmt(upper.q)} quantiles (a ${fmt((upper.q - lower.q) * 100)}% interval), not those of the ${fmt(level * 100)}% interval asked for; they were used as they are`;
  return { ...plan, ...bounds, boundsNote };
}

/** lower/upper aliases, at the top level first, then inside an interval object. */
function genericBounds(record: Obj, containers: readonly string[]): { lower: FieldPath; upper: FieldPath } | undefined {
  const lk = findKey(record, LOWER_KEYS);
  const uk = findKey(record, UPPER_KEYS);
  if (lk !== undefined && uk !== undefined) return { lower: [lk], upper: [uk] };
  for (const c of containers) {
    const inner = record[c] as Obj;
    const l = findKey(inner, LOWER_KEYS);
    const u = findKey(inner, UPPER_KEYS);
    if (l !== undefined && u !== undefined) return { lower: [c, l], upper: [c, u] };
  }
  return undefined;
}

/** The labelled bound closest to quantile `q`; on a tie the one farther out (the wider interval). */
function nearest(candidates: readonly Labelled[], q: number): Labelled | undefined {
  let best: Labelled | undefined;
  for (const c of candidates) {
    if (!best) best = c;
    else {
      const d = Math.abs(c.q - q) - Math.abs(best.q - q);
      if (d < -1e-12 || (Math.abs(d) <= 1e-12 && Math.abs(c.q - 0.5) > Math.abs(best.q - 0.5))) best = c;
    }
  }
  return best;
}

function looksNumeric(v: unknown): boolean {
  if (Array.isArray(v) || isObj(v)) return true;
  return Number.isFinite(looseNumber(v));
}

const fmt = (v: number): string => String(Number(v.toPrecision(6)));
