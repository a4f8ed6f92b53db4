import * as path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type Options } from 'csv-parse';
import { csvParse } from './csvParser';
import { breachSideSchema } from '../base/forecastSchema';
import { Column, IndexColumn } from './column';
import { fromCsvError } from './csvErrors';
import { type CsvLayout, readHeader } from './csvHeader';
import { lineGuard } from './lineGuard';
import { eachPlainRecord, PLAIN_CSV_MAX_BYTES } from './plainCsv';
import { DataError } from '../base/dataError';
import {
  formatCount,
  MAX_CSV_BYTES,
  MAX_METRICS_PER_FILE,
  MAX_OBSERVATIONS_PER_FILE,
  MAX_RECORD_CHARS,
} from './limits';
import { nameProblem } from './names';
import { quoteText } from './quoteText';
import { checkTextSize, openBounded } from './readBounded';
import { type RawSeries } from './regularize';
import { readTimestamp } from './timestamps';
import { parseValue, valueProblem } from './values';

/** How the CSV parser reads a metrics file (exported for the test that holds eachPlainRecord to it). */
export const CSV_OPTIONS: Readonly<Options> = {
  bom: true,
  comment: '#',
  comment_no_infix: true,
  skip_empty_lines: true,
  trim: true,
  info: true,
  relax_quotes: false,
  max_record_size: MAX_RECORD_CHARS,
  record_delimiter: ['\r\n', '\n', '\r'],
};

interface Accumulator {
  readonly name: string;
  readonly times: Column;
  readonly values: Column;
  readonly lines: IndexColumn;
  unit?: string;
  capacity?: number;
  breach?: 'above' | 'below';
}

/**
 * Reads a metrics CSV, in one of three shapes told apart by the header:
 * - long: `timestamp,metric,value` with optional `unit`, `capacity`, `breach` columns
 *   (the last non-empty capacity of a metric wins: capacity can grow);
 * - two columns: `timestamp,value` (the metric is named after the file);
 * - wide: `timestamp` and one column per metric.
 * The time column may be named timestamp, time, ts, date or datetime. An empty value cell
 * is a missing observation (a gap); anything else that is not a number is an error
 * naming the line and column. Lines starting with `#` are comments. Lines may end in
 * LF, CRLF or a bare CR. The file is read up to MAX_CSV_BYTES, a line and a record up to
 * MAX_RECORD_CHARS, and at most MAX_METRICS_PER_FILE metrics and
 * MAX_OBSERVATIONS_PER_FILE observations are kept. A file of at most PLAIN_CSV_MAX_BYTES
 * is read whole and, when it is plain (see eachPlainRecord), split line by line; any other
 * is streamed through the CSV parser. Both give the same records, lines and errors.
 */
export async function loadCsv(file: string, text?: string): Promise<RawSeries[]> {
  if (text !== undefined) checkTextSize(file, text, MAX_CSV_BYTES, 'CSV');
  const series = new Map<string, Accumulator>();
  const fileMetric = path.basename(file).replace(/\.[^.]+$/, '');
  let layout: CsvLayout | undefined;
  let rows = 0;
  let observations = 0;
  const get = (name: string, line: number, column: number): Accumulator => {
    let acc = series.get(name);
    if (!acc) {
      if (series.size >= MAX_METRICS_PER_FILE)
        throw new DataError(
          file,
          `more than ${formatCount(MAX_METRICS_PER_FILE)} metrics in one file; split it`,
          line,
          column,
        );
      const problem = name === '' ? 'missing metric name' : nameProblem(name, 'metric name');
      if (problem) throw new DataError(file, problem, line, column);
      acc = { name, times: new Column(), values: new Column(), lines: new IndexColumn() };
      series.set(name, acc);
    }
    return acc;
  };
  const observe = (acc: Accumulator, t: number, v: number, line: number): void => {
    if (++observations > MAX_OBSERVATIONS_PER_FILE) {
      throw new DataError(
        file,
        `more than ${formatCount(MAX_OBSERVATIONS_PER_FILE)} observations in one file; split it, or keep only the recent history`,
        line,
      );
    }
    acc.times.push(t);
    acc.values.push(v);
    acc.lines.push(line);
  };
  const onRecord = (cells: readonly string[], line: number): void => {
    if (!layout) {
      layout = readHeader(file, cells, line);
      // a wide file's metrics in column order, whichever has the first value
      if (layout.shape === 'wide')
        layout.columns.forEach((name, c) => {
          if (c !== layout?.time) get(name, line, c + 1);
        });
      return;
    }
    rows++;
    const time = readTimestamp(cells[layout.time] ?? '');
    if ('problem' in time) throw new DataError(file, time.problem, line, layout.time + 1);
    if (layout.shape === 'long') {
      const acc = get(cells[layout.metric] ?? '', line, layout.metric + 1);
      const v = cellValue(cells, layout.value, file, line);
      if (v !== undefined) observe(acc, time.ms, v, line);
      const unit = layout.unit >= 0 ? cells[layout.unit] : undefined;
      if (unit && unit !== acc.unit) {
        const problem = nameProblem(unit, 'unit');
        if (problem) throw new DataError(file, problem, line, layout.unit + 1);
        acc.unit = unit;
      }
      if (layout.capacity >= 0 && cells[layout.capacity]) {
        const cap = cellValue(cells, layout.capacity, file, line);
        if (cap !== undefined) acc.capacity = cap;
      }
      if (layout.breach >= 0 && cells[layout.breach]) {
        const side = breachSideSchema.safeParse(cells[layout.breach]?.toLowerCase());
        if (!side.success)
          throw new DataError(
            file,
            `breach must be "above" or "below", not ${quoteText(cells[layout.breach] ?? '')}`,
            line,
            layout.breach + 1,
          );
        acc.breach = side.data;
      }
    } else {
      for (let c = 0; c < cells.length; c++) {
        if (c === layout.time) continue;
        const v = cellValue(cells, c, file, line);
        if (v === undefined) continue;
        const name = layout.shape === 'two' ? fileMetric : (layout.columns[c] as string);
        observe(get(name, line, c + 1), time.ms, v, line);
      }
    }
  };
  try {
    if (text !== undefined) {
      if (!eachPlainRecord(text, onRecord)) await parseRecords(file, Readable.from([text]), onRecord);
    } else {
      const read = await readCsv(file);
      if ('stream' in read) await parseRecords(file, read.stream, onRecord);
      else if (!eachPlainRecord(Buffer.concat(read.chunks).toString('utf8'), onRecord))
        await parseRecords(file, Readable.from(replay(read.chunks), { objectMode: false }), onRecord);
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw fromCsvError(file, err, layout?.columns.length);
  }
  if (!layout) throw new DataError(file, (l10n) => l10n.t('the file is empty'));
  if (rows === 0) throw new DataError(file, (l10n) => l10n.t('the file has a header but no data rows'), 2);
  return collect(file, layout, series);
}

/**
 * A CSV file's bytes: all of them when there are at most `plainMaxBytes` (to be split if
 * plain), else a stream of all of them for the parser, the ones read so far first.
 */
export async function readCsv(
  file: string,
  plainMaxBytes = PLAIN_CSV_MAX_BYTES,
): Promise<{ chunks: Buffer[] } | { stream: Readable }> {
  const input = await openBounded(file, MAX_CSV_BYTES, 'CSV');
  const chunks: Buffer[] = [];
  const rest = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let bytes = 0;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return { chunks };
    chunks.push(next.value);
    bytes += next.value.length;
    if (bytes > plainMaxBytes) return { stream: Readable.from(replay(chunks, rest, input), { objectMode: false }) };
  }
}

/**
 * Bytes already read, then the rest of the file's stream (when there is one), for the parser.
 * When the parser stops early, the file's own stream is closed too.
 */
async function* replay(
  read: readonly Buffer[],
  rest?: AsyncIterator<Buffer>,
  input?: Readable,
): AsyncGenerator<Buffer> {
  try {
    yield* read;
    if (rest) for (let more = await rest.next(); more.done !== true; more = await rest.next()) yield more.value;
  } finally {
    input?.destroy();
  }
}

/**
 * The CSV parser over a stream of the file, each record to `onRecord` with its line, as the
 * parser reads it: so the first problem in the file is the one reported, whether a record's
 * value or the parser's own (a record of another length, a quote), as when the file is
 * split (eachPlainRecord). Lines longer than MAX_RECORD_CHARS stop it (lineGuard); pipe()
 * applies backpressure, so a file of millions of rows is never buffered whole.
 */
async function parseRecords(
  file: string,
  input: Readable,
  onRecord: (cells: readonly string[], line: number) => void,
): Promise<void> {
  const options: Options = {
    ...CSV_OPTIONS,
    // called as each record is read, before the parser goes on; an error thrown here stops it, as its own would
    on_record: (read) => {
      // with `info`, a record comes with its line
      const { record, info } = read as unknown as { record: string[]; info: { lines: number } };
      onRecord(record, info.lines);
      return null;
    },
  };
  const parser = csvParse().parse(options);
  const guard = lineGuard(file, MAX_RECORD_CHARS);
  input.on('error', (err: Error) => parser.destroy(err));
  guard.on('error', (err: Error) => parser.destroy(err));
  input.pipe(guard).pipe(parser);
  try {
    // the records go to onRecord, none to the stream: it only has to end, or fail
    await finished(parser.resume());
  } finally {
    input.unpipe(guard);
    guard.unpipe(parser);
    input.destroy();
    guard.destroy();
  }
}

/** The accumulated series in column (or first-seen) order; a metric with no value at all is an error. */
function collect(file: string, layout: CsvLayout, series: Map<string, Accumulator>): RawSeries[] {
  const column = layout.time + 1;
  const out: RawSeries[] = [];
  for (const acc of series.values()) {
    if (acc.times.length === 0)
      throw new DataError(file, (l10n) =>
        l10n.t('metric {0} has no values (every cell is empty)', quoteText(acc.name)),
      );
    const lines = acc.lines.toArray();
    out.push({
      name: acc.name,
      ...(acc.unit !== undefined ? { unit: acc.unit } : {}),
      ...(acc.capacity !== undefined ? { capacity: acc.capacity } : {}),
      ...(acc.breach !== undefined ? { breach: acc.breach } : {}),
      times: acc.times.toArray(),
      values: acc.values.toArray(),
      place: (i) => ({ line: lines[i] as number, column }),
    });
  }
  return out;
}

function cellValue(cells: readonly string[], index: number, file: string, line: number): number | undefined {
  const text = cells[index] ?? '';
  const v = parseValue(text);
  if (v === undefined) return undefined;
  const problem = valueProblem(v, text);
  if (problem) throw new DataError(file, problem, line, index + 1);
  return v;
}
