import { type MetricSet } from '../base/forecastSchema';
import { toPlainText } from './plainText';
import { type RawSeries, toRaw } from './rawSeries';
import {
  findKey,
  getField,
  isObj,
  NAME_KEYS,
  NARRATIVE_KEYS,
  normalizeKey,
  type Obj,
  planFields,
  TIME_KEYS,
} from './seriesFields';
import { columnOf, columnsToRows, rowsToColumns, unionOfRows } from './tables';

const WRAPPER_KEYS = [
  'metrics',
  'forecast',
  'forecasts',
  'predictions',
  'result',
  'results',
  'data',
  'output',
  'series',
];
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The metric a row or series object names ({name: "cpu"}, {unique_id: "cpu"}, …). */
function nameOf(o: Obj): string | undefined {
  const k = findKey(o, NAME_KEYS);
  // Stryker disable next-line ConditionalExpression: o[undefined] is undefined too
  const v = k === undefined ? undefined : o[k];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/**
 * Finds one raw series per history metric in the many shapes models and forecasting tools
 * answer in: a map by metric name (also a wide table: a time column and a column per
 * metric, as columns or as rows), a `metrics` / `series` / `forecasts` array of named
 * series, long rows ({metric, t, value}, {unique_id, ds, AutoETS}) as rows or as columns,
 * wrappers ({result: …}), and for a single metric the bare series.
 */
export function collectSeries(
  root: unknown,
  history: MetricSet,
  level: number,
  warnings: string[],
): Map<string, RawSeries> {
  const out = new Map<string, RawSeries>();
  const names = history.metrics.map((m) => m.name);
  const squashed = names.map(squash);
  const lower = names.map((n) => n.toLowerCase());
  const matched = new Map<string, string | undefined>(); // an answer may repeat a name in every row
  const match = (name: string): string | undefined => {
    // Stryker disable next-line ConditionalExpression: a memo; without it the same match is computed again
    if (matched.has(name)) return matched.get(name);
    let k = names.indexOf(name);
    // Stryker disable next-line EqualityOperator: after an exact match at 0, the case-blind one is at 0 too
    if (k < 0) k = lower.indexOf(name.toLowerCase());
    // Stryker disable next-line EqualityOperator: after a match at 0, the squashed one is at 0 too
    if (k < 0) {
      const s = squash(name);
      if (s !== '') k = squashed.indexOf(s);
    }
    // Stryker disable next-line ConditionalExpression: names[-1] is undefined too
    const target = k >= 0 ? names[k] : undefined;
    // Stryker disable next-line CallExpression: a memo; without it the same match is computed again
    matched.set(name, target);
    return target;
  };
  const single = names.length === 1 ? names[0] : undefined;
  const unknown = new Set<string>();
  const put = (name: string, node: unknown, times?: readonly unknown[]): void => {
    const target = match(name);
    if (target === undefined) {
      if (unknown.size < 5) unknown.add(toPlainText(name, 40));
      return;
    }
    if (out.has(target)) return;
    const series = toRaw(node, level);
    if (!series) return;
    out.set(target, times && !series.times && times.length === series.values.length ? { ...series, times } : series);
  };

  const visitArray = (node: readonly unknown[], depth: number): void => {
    const objects = node.filter(isObj);
    if (objects.length > 0 && objects.length === node.length) {
      if (objects.every((o) => nameOf(o) !== undefined)) {
        const union = unionOfRows(objects);
        const plan = planFields(union, level);
        const point = plan ? getField(union, plan.value) : undefined;
        if (plan && !Array.isArray(point) && !isObj(point)) {
          // long rows: { metric, t, value, lower, upper }, one per metric and time
          const groups = new Map<string, Obj[]>();
          for (const o of objects) {
            const name = nameOf(o) as string;
            const group = groups.get(name);
            if (group) group.push(o);
            else groups.set(name, [o]);
          }
          for (const [name, rows] of groups) put(name, rows);
        } else {
          for (const o of objects) put(nameOf(o) as string, o);
        }
        return;
      }
      // a wide table as rows: { ds, cpu, disk_free } per time
      const union = unionOfRows(objects);
      const metricKeys = Object.keys(union).filter((k) => match(k) !== undefined);
      if (metricKeys.length > 0) {
        const time = findKey(union, TIME_KEYS);
        const chosen = [...new Map(metricKeys.map((k) => [match(k), k])).values()];
        visitObject(rowsToColumns(objects, time === undefined ? chosen : [time, ...chosen]), depth + 1);
        if (out.size) return;
      }
    }
    if (single !== undefined) put(single, node);
  };

  const visitObject = (node: Obj, depth: number): void => {
    const keys = Object.keys(node);
    const direct = keys.filter((k) => match(k) !== undefined);
    if (direct.length) {
      // a map by metric name, or a wide table whose time column serves every metric
      const timeKey = findKey(node, TIME_KEYS);
      const times = timeKey === undefined || direct.includes(timeKey) ? undefined : columnOf(node[timeKey]);
      for (const k of direct) put(k, node[k], times);
      // other keys holding a series are metrics the data does not have
      const skip = new Set(direct);
      for (const k of keys) {
        if (unknown.size >= 5) break;
        if (!skip.has(k) && k !== timeKey && !NARRATIVE_KEYS.includes(normalizeKey(k)) && toRaw(node[k], level))
          unknown.add(toPlainText(k, 40));
      }
      return;
    }
    const nameKey = findKey(node, NAME_KEYS);
    const rows = nameKey === undefined ? undefined : columnsToRows(node, nameKey);
    if (rows && rows.length > 0) {
      // a long table as columns: { unique_id: [...], ds: [...], AutoETS: [...] }
      visitArray(rows, depth + 1);
      if (out.size) return;
    }
    const wrapper = findKey(node, WRAPPER_KEYS);
    const inner = wrapper === undefined ? undefined : node[wrapper];
    if (isObj(inner) || Array.isArray(inner)) {
      // a single metric's series may be the wrapper's array itself ({ forecast: [...], lower: [...] })
      if (
        single !== undefined &&
        Array.isArray(inner) &&
        !inner.some((v) => isObj(v) && nameOf(v) !== undefined) &&
        toRaw(node, level)
      ) {
        put(single, node);
        return;
      }
      visit(inner, depth + 1);
      if (out.size) return;
    }
    if (single !== undefined) put(single, node);
  };

  const visit = (node: unknown, depth: number): void => {
    if (depth > 4 || out.size > 0) return;
    if (Array.isArray(node)) visitArray(node, depth);
    else if (isObj(node)) visitObject(node, depth);
  };
  visit(root, 0);
  if (unknown.size)
    warnings.push(`The answer named metrics that are not in the data, ignored: ${[...unknown].join(', ')}.`);
  return out;
}
