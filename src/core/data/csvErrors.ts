import { type CsvError } from 'csv-parse';
import { isCsvError } from './csvParser';
import { DataError } from '../base/dataError';
import { MAX_RECORD_CHARS } from './limits';
import { formatBytes } from '../format';

/**
 * csv-parse's errors as DataErrors at their line and column (the field's position), in
 * words a person can act on; anything else is returned as it is.
 */
export function fromCsvError(file: string, err: unknown, headerLength: number | undefined): unknown {
  if (!isCsvError(err)) return err;
  const e = err as CsvError & { lines?: number; column?: number | string | null; record?: unknown };
  const line = typeof e.lines === 'number' ? e.lines : undefined;
  const column = typeof e.column === 'number' ? e.column + 1 : undefined;
  switch (e.code) {
    case 'INVALID_OPENING_QUOTE':
      return new DataError(
        file,
        'a quote inside a value: quote the whole value and double the quotes in it ("a""b"), or remove the quote',
        line,
        column,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new DataError(
        file,
        'text after a closing quote: quote the whole value and double the quotes in it ("a""b")',
        line,
        column,
      );
    case 'CSV_QUOTE_NOT_CLOSED':
      return new DataError(file, 'a quoted value is never closed', line, column);
    case 'CSV_MAX_RECORD_SIZE':
      return new DataError(
        file,
        `a row (or a quoted value across lines) longer than ${formatBytes(MAX_RECORD_CHARS)}; rows are read up to that length`,
        line,
      );
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = Array.isArray(e.record) ? e.record.length : undefined;
      // the header may not have reached the loader yet when the parser fails in the same chunk
      const expected = headerLength ?? Number(/expect (\d+)/.exec(e.message)?.[1] ?? NaN);
      const counts =
        got !== undefined && expected >= 0
          ? `this row has ${got} values, the header ${expected}`
          : 'this row has a different number of values than the header';
      return new DataError(
        file,
        `${counts}; every row needs one value per column (an empty cell is a missing value)`,
        line,
      );
    }
    default:
      return new DataError(file, (e.message || 'malformed CSV').replace(/^Invalid [^:]*: /, '').slice(0, 300), line);
  }
}
