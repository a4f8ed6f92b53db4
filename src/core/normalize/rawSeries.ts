import { type FieldPlan, getField, isObj, type Obj, planFields } from './seriesFields';
import { columnOf, timeMap, unionOfRows } from './tables';

/** One metric's series as the answer gave it, before any number is read. */
export interface RawSeries {
  readonly values: readonly unknown[];
  readonly lower?: readonly unknown[];
  readonly upper?: readonly unknown[];
  readonly times?: readonly unknown[];
  /** Choices made reading it, for warnings. */
  readonly notes?: readonly string[];
}

/** Series nest in series ({ forecast: { values: … } }) only this deep. */
const MAX_NESTING = 6;

/**
 * A series node to its raw values, bounds and times. A node is: an array of numbers; of
 * [time, value] or [time, value, lower, upper] pairs; of row objects ({t, value, lower,
 * upper}, {ds, yhat, yhat_lower, yhat_upper}, {ds, AutoETS, AutoETS-lo-95, …}, quantile
 * columns); an object of columns (arrays, or pandas' index-keyed objects) read the same
 * way; or a map from time to value. `level` chooses among labelled bounds (see planFields).
 */
export function toRaw(node: unknown, level: number, nesting = 0): RawSeries | undefined {
  if (nesting > MAX_NESTING) return undefined;
  if (Array.isArray(node)) return fromArray(node, level);
  if (!isObj(node)) return undefined;
  const plan = planFields(node, level);
  if (!plan) {
    const map = timeMap(node);
    return map ? { values: map.values, times: map.times } : undefined;
  }
  const inner = getField(node, plan.value);
  const column = columnOf(inner);
  const base = column ? fromArray(column, level) : isObj(inner) ? toRaw(inner, level, nesting + 1) : undefined;
  if (!base) return undefined;
  const lower = plan.lower && columnOf(getField(node, plan.lower));
  const upper = plan.upper && columnOf(getField(node, plan.upper));
  const times = plan.time && columnOf(getField(node, plan.time));
  const bounds = lower && upper ? { lower, upper } : {};
  return {
    ...base,
    ...bounds,
    ...(times ? { times } : {}),
    ...withNotes(base.notes, plan.notes, lower && upper && plan.boundsNote ? [plan.boundsNote] : []),
  };
}

function fromArray(node: readonly unknown[], level: number): RawSeries | undefined {
  if (node.every((v) => !isObj(v) && !Array.isArray(v))) return { values: node };
  if (node.every((v) => Array.isArray(v))) {
    const rows = node as readonly unknown[][];
    if (!rows.every((r) => r.length >= 2)) return { values: rows.map((r) => r[0]) };
    const bounds = rows.every((r) => r.length >= 4)
      ? { lower: rows.map((r) => r[2]), upper: rows.map((r) => r[3]) }
      : {};
    return { times: rows.map((r) => r[0]), values: rows.map((r) => r[1]), ...bounds };
  }
  if (node.every(isObj)) return fromRows(node as readonly Obj[], level);
  return undefined;
}

function fromRows(rows: readonly Obj[], level: number): RawSeries | undefined {
  const plan: FieldPlan | undefined = planFields(unionOfRows(rows), level);
  if (!plan) return undefined;
  return {
    // Stryker disable next-line LogicalOperator: planFields sets lower and upper together or neither
    ...readColumns(rows, plan.value, plan.lower && plan.upper ? [plan.lower, plan.upper] : undefined, plan.time),
    // Stryker disable next-line LogicalOperator,ConditionalExpression: planFields sets lower, upper and any boundsNote together
    ...withNotes(plan.notes, plan.lower && plan.upper && plan.boundsNote ? [plan.boundsNote] : []),
  };
}

/**
 * The value, bound and time fields of every row, as a RawSeries holds them (bounds only in
 * pairs, times only when there is a time field). A field that is a row's own (most are) is
 * read directly, rows being objects as getField would check, each field by its own
 * function: one `row[key]` reading several keys in turn turns megamorphic, about ten times
 * slower on an answer of thousands of rows.
 */
function readColumns(
  rows: readonly Obj[],
  value: readonly string[],
  bounds: readonly [readonly string[], readonly string[]] | undefined,
  time: readonly string[] | undefined,
): Pick<RawSeries, 'values' | 'lower' | 'upper' | 'times'> {
  const [lowerPath, upperPath] = bounds ?? [];
  const own = (path: readonly string[] | undefined): boolean => path === undefined || path.length === 1;
  if (!(own(value) && own(lowerPath) && own(upperPath) && own(time))) {
    const column = (path: readonly string[]): unknown[] => rows.map((r) => getField(r, path));
    return {
      values: column(value),
      ...(lowerPath && upperPath ? { lower: column(lowerPath), upper: column(upperPath) } : {}),
      ...(time ? { times: column(time) } : {}),
    };
  }
  const kv = value[0] as string;
  const out: { values: unknown[]; lower?: unknown[]; upper?: unknown[]; times?: unknown[] } = {
    values: rows.map((r) => r[kv]),
  };
  if (lowerPath && upperPath) {
    const kl = lowerPath[0] as string;
    const ku = upperPath[0] as string;
    out.lower = rows.map((r) => r[kl]);
    out.upper = rows.map((r) => r[ku]);
  }
  if (time) {
    const kt = time[0] as string;
    out.times = rows.map((r) => r[kt]);
  }
  return out;
}

function withNotes(...lists: (readonly string[] | undefined)[]): { notes?: readonly string[] } {
  const notes = lists.flatMap((l) => l ?? []);
  return notes.length ? { notes } : {};
}
