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
  const column = (path: readonly string[]): unknown[] => {
    // a row's own field (most paths) read directly; rows are objects, as getField would check
    const key = path.length === 1 ? (path[0] as string) : undefined;
    return key === undefined ? rows.map((r) => getField(r, path)) : rows.map((r) => r[key]);
  };
  return {
    values: column(plan.value),
    // Stryker disable next-line LogicalOperator: planFields sets lower and upper together or neither
    ...(plan.lower && plan.upper ? { lower: column(plan.lower), upper: column(plan.upper) } : {}),
    ...(plan.time ? { times: column(plan.time) } : {}),
    // Stryker disable next-line LogicalOperator,ConditionalExpression: planFields sets lower, upper and any boundsNote together
    ...withNotes(plan.notes, plan.lower && plan.upper && plan.boundsNote ? [plan.boundsNote] : []),
  };
}

function withNotes(...lists: (readonly string[] | undefined)[]): { notes?: readonly string[] } {
  const notes = lists.flatMap((l) => l ?? []);
  return notes.length ? { notes } : {};
}
