import { isObj, type Obj } from './seriesFields';

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
const TIME_KEY = /^(?:\d{9,}|\d{4}-\d\d-\d\d(?:[T ][\d:.]+)?(?:Z|[+-]\d\d:?\d\d)?)$/i;
/** A record to fill from keys of the answer: without a prototype, "__proto__" is a key like any other. */
const record = (): Obj => Object.create(null) as Obj;
const isScalar = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');

/**
 * A column as tables are written: an array, or an object keyed by row index, as pandas
 * writes a DataFrame by default ({"0": …, "1": …}); undefined otherwise.
 */
export function columnOf(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (!isObj(v)) return undefined;
  const keys = Object.keys(v);
  // integer keys enumerate in ascending order
  return keys.length > 0 && keys.every((k) => INDEX_KEY.test(k)) ? keys.map((k) => v[k]) : undefined;
}

/** A series written as a map from time to value ({"2026-01-15T00:00:00Z": 61.2, …} or epoch keys). */
export function timeMap(o: Obj): { times: unknown[]; values: unknown[] } | undefined {
  const keys = Object.keys(o);
  if (keys.length === 0 || !keys.every((k) => TIME_KEY.test(k) && isScalar(o[k]))) return undefined;
  return { times: keys.map((k) => (/^\d+$/.test(k) ? Number(k) : k)), values: keys.map((k) => o[k]) };
}

/**
 * An object of columns (a long table: one name column, then time, value, … columns) to
 * its rows. Columns of another length than the name column are left out.
 */
export function columnsToRows(o: Obj, nameKey: string): Obj[] | undefined {
  const names = columnOf(o[nameKey]);
  if (!names || names.length === 0 || !names.every((n) => typeof n === 'string' || typeof n === 'number'))
    return undefined;
  const columns: [string, unknown[]][] = [];
  for (const k of Object.keys(o)) {
    const column = columnOf(o[k]);
    if (column && column.length === names.length) columns.push([k, column]);
  }
  const rows: Obj[] = [];
  for (let i = 0; i < names.length; i++) {
    const row = record();
    for (const [k, column] of columns) row[k] = column[i];
    rows.push(row);
  }
  return rows;
}

/** Rows (a wide table: a time and a column per metric) to an object of the given columns. */
export function rowsToColumns(rows: readonly Obj[], keys: readonly string[]): Obj {
  const columns = record();
  for (const k of keys) columns[k] = rows.map((row) => (Object.hasOwn(row, k) ? row[k] : null));
  return columns;
}

/** One record with every key that appears in the rows, holding its first non-null value. */
export function unionOfRows(rows: readonly Obj[]): Obj {
  const union = record();
  for (const row of rows) {
    // for…in, not Object.keys: no array per row (a large answer has tens of thousands); rows
    // are parsed JSON or records without a prototype, so it lists the same keys in the same order
    for (const k in row) {
      const u = union[k];
      if (u === undefined || u === null) union[k] = row[k];
    }
  }
  return union;
}
