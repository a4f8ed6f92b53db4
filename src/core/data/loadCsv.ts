import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { breachSideSchema } from '../forecast/schema';
import { DataError } from './dataError';
import { type RawSeries } from './regularize';
import { parseTimestamp, parseValue } from './timestamps';

const TIME_COLUMNS = ['timestamp', 'time', 'ts', 'date', 'datetime'];

/** A growable column of numbers (rows arrive one at a time; a million of them stay compact). */
class Column {
  private data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

interface Accumulator {
  readonly name: string;
  readonly times: Column;
  readonly values: Column;
  unit?: string;
  capacity?: number;
  breach?: 'above' | 'below';
}

/**
 * Reads a metrics CSV as a stream, in one of three shapes told apart by the header:
 * - long: `timestamp,metric,value` with optional `unit`, `capacity`, `breach` columns
 *   (the last non-empty capacity of a metric wins: capacity can grow);
 * - two columns: `timestamp,value` (the metric is named after the file);
 * - wide: `timestamp` and one column per metric.
 * The time column may be named timestamp, time, ts, date or datetime. An empty value cell
 * is a missing observation (a gap); anything else that is not a number is an error
 * naming the line and column. Lines starting with `#` are comments.
 */
export async function loadCsv(file: string, text?: string): Promise<RawSeries[]> {
  const parser = parse({ bom: true, comment: '#', skip_empty_lines: true, trim: true, info: true, relax_quotes: false });
  // pipe() applies backpressure, so a file of millions of rows is never buffered whole
  const input = text !== undefined ? Readable.from([text]) : fs.createReadStream(file);
  input.on('error', (err: Error) => parser.destroy(err));
  input.pipe(parser);
  const series = new Map<string, Accumulator>();
  let header: string[] | undefined;
  let timeIndex = -1;
  let layout: 'long' | 'wide' | 'two' = 'wide';
  let idx = { metric: -1, value: -1, unit: -1, capacity: -1, breach: -1 };
  let rows = 0;
  const get = (name: string): Accumulator => {
    let acc = series.get(name);
    if (!acc) {
      acc = { name, times: new Column(), values: new Column() };
      series.set(name, acc);
    }
    return acc;
  };
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = record.record;
      const line = record.info.lines;
      if (!header) {
        header = cells.map((c) => c.toLowerCase());
        timeIndex = header.findIndex((h) => TIME_COLUMNS.includes(h));
        if (timeIndex < 0) throw new DataError(file, `no time column in the header (name one of: ${TIME_COLUMNS.join(', ')})`, line, 1);
        const find = (name: string): number => header?.indexOf(name) ?? -1;
        idx = { metric: find('metric'), value: find('value'), unit: find('unit'), capacity: find('capacity'), breach: find('breach') };
        if (idx.metric >= 0 && idx.value >= 0) layout = 'long';
        else if (header.length === 2 && idx.value >= 0) layout = 'two';
        else if (header.length < 2) throw new DataError(file, 'the header has only a time column; add a value column or one column per metric', line);
        else if (idx.metric >= 0) throw new DataError(file, 'a "metric" column needs a "value" column beside it (long format: timestamp,metric,value)', line);
        const dup = header.find((h, i) => header?.indexOf(h) !== i);
        if (dup) throw new DataError(file, `column "${dup}" appears twice in the header`, line);
        continue;
      }
      rows++;
      const timeCell = cells[timeIndex] ?? '';
      const t = parseTimestamp(timeCell);
      if (t === undefined) {
        throw new DataError(file, timeCell === '' ? 'missing timestamp' : `"${timeCell}" is not a timestamp (ISO 8601, epoch seconds or epoch milliseconds)`, line, timeIndex + 1);
      }
      if (layout === 'long') {
        const name = cells[idx.metric] ?? '';
        if (name === '') throw new DataError(file, 'missing metric name', line, idx.metric + 1);
        const acc = get(name);
        const v = cellValue(cells, idx.value, file, line);
        if (v !== undefined) {
          acc.times.push(t);
          acc.values.push(v);
        }
        const unit = idx.unit >= 0 ? cells[idx.unit] : undefined;
        if (unit) acc.unit = unit;
        if (idx.capacity >= 0 && cells[idx.capacity]) {
          const cap = cellValue(cells, idx.capacity, file, line);
          if (cap !== undefined) acc.capacity = cap;
        }
        if (idx.breach >= 0 && cells[idx.breach]) {
          const side = breachSideSchema.safeParse(cells[idx.breach]?.toLowerCase());
          if (!side.success) throw new DataError(file, `breach must be "above" or "below", not "${cells[idx.breach] ?? ''}"`, line, idx.breach + 1);
          acc.breach = side.data;
        }
      } else {
        for (let c = 0; c < cells.length; c++) {
          if (c === timeIndex) continue;
          const v = cellValue(cells, c, file, line);
          if (v === undefined) continue;
          const acc = get(layout === 'two' ? path.basename(file).replace(/\.[^.]+$/, '') : (header[c] as string));
          acc.times.push(t);
          acc.values.push(v);
        }
      }
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === 'ENOENT') throw new DataError(file, 'no such file');
    if (e.code?.startsWith('CSV_')) throw new DataError(file, (e.message ?? 'malformed CSV').replace(/^Invalid [^:]*: /, ''), e.lines);
    throw err;
  } finally {
    input.unpipe(parser);
    input.destroy();
  }
  if (!header) throw new DataError(file, 'the file is empty');
  if (rows === 0) throw new DataError(file, 'the file has a header but no data rows', 2);
  if (layout === 'wide') for (const h of header) if (h !== header[timeIndex] && !series.has(h)) get(h);
  const out: RawSeries[] = [];
  for (const acc of series.values()) {
    if (acc.times.length === 0) throw new DataError(file, `metric "${acc.name}" has no values (every cell is empty)`);
    out.push({
      name: acc.name,
      ...(acc.unit !== undefined ? { unit: acc.unit } : {}),
      ...(acc.capacity !== undefined ? { capacity: acc.capacity } : {}),
      ...(acc.breach !== undefined ? { breach: acc.breach } : {}),
      times: acc.times.toArray(),
      values: acc.values.toArray(),
    });
  }
  return out;
}

function cellValue(cells: readonly string[], index: number, file: string, line: number): number | undefined {
  const text = cells[index] ?? '';
  const v = parseValue(text);
  if (v !== undefined && !Number.isFinite(v)) throw new DataError(file, `"${text}" is not a number`, line, index + 1);
  return v;
}
