import * as assert from 'node:assert/strict';
import { CsvError, type CsvErrorCode } from 'csv-parse';
import { DataError } from '../../../../src/core/base/dataError';
import { fromCsvError } from '../../../../src/core/data/csvErrors';

/** A csv-parse error at line 3, the parser's column 4 (0-based), of a 2-value record. */
function csvError(code: CsvErrorCode, message = 'Invalid Record: something', context: object = {}): CsvError {
  return new CsvError(code, message, undefined, { lines: 3, column: 4, record: ['a', 'b'], ...context });
}
const said = (err: unknown): string => {
  assert.ok(err instanceof DataError);
  return err.message;
};

describe('fromCsvError (the CSV parser’s errors in words)', () => {
  it('leaves an error that is not the parser’s as it is', () => {
    const other = new Error('boom');
    assert.equal(fromCsvError('m.csv', other, 2), other);
    assert.equal(fromCsvError('m.csv', 'text', 2), 'text');
  });

  it('a quote inside a value: at its line and 1-based column, with the fix', () => {
    assert.equal(
      said(fromCsvError('m.csv', csvError('INVALID_OPENING_QUOTE'), 2)),
      'm.csv:3:5: a quote inside a value: quote the whole value and double the quotes in it ("a""b"), or remove the quote',
    );
  });

  it('text after a closing quote, in either of the parser’s words for it', () => {
    for (const code of ['CSV_INVALID_CLOSING_QUOTE', 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'] as const)
      assert.equal(
        said(fromCsvError('m.csv', csvError(code), 2)),
        'm.csv:3:5: text after a closing quote: quote the whole value and double the quotes in it ("a""b")',
        code,
      );
  });

  it('a quoted value never closed', () => {
    assert.equal(
      said(fromCsvError('m.csv', csvError('CSV_QUOTE_NOT_CLOSED'), 2)),
      'm.csv:3:5: a quoted value is never closed',
    );
  });

  it('a record over the size cap, at its line only', () => {
    assert.equal(
      said(fromCsvError('m.csv', csvError('CSV_MAX_RECORD_SIZE'), 2)),
      'm.csv:3: a row (or a quoted value across lines) longer than 1 MiB; rows are read up to that length',
    );
  });

  it('a row with another number of values than the header: both counts, from the header or the parser’s message', () => {
    for (const code of ['CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', 'CSV_RECORD_INCONSISTENT_COLUMNS'] as const) {
      assert.equal(
        said(fromCsvError('m.csv', csvError(code), 3)),
        'm.csv:3: this row has 2 values, the header 3; every row needs one value per column (an empty cell is a missing value)',
        code,
      );
      assert.equal(
        said(fromCsvError('m.csv', csvError(code, 'Invalid Record Length: expect 4, got 2 on line 3'), undefined)),
        'm.csv:3: this row has 2 values, the header 4; every row needs one value per column (an empty cell is a missing value)',
      );
      assert.match(
        said(fromCsvError('m.csv', csvError(code, 'Invalid Record Length: expect 12, got 2 on line 3'), undefined)),
        /this row has 2 values, the header 12;/,
        'a count of two digits',
      );
      assert.equal(
        said(fromCsvError('m.csv', csvError(code, 'no count here'), undefined)),
        'm.csv:3: this row has a different number of values than the header; every row needs one value per column (an empty cell is a missing value)',
      );
      assert.equal(
        said(fromCsvError('m.csv', csvError(code, 'x', { record: 'not a record' }), 3)),
        'm.csv:3: this row has a different number of values than the header; every row needs one value per column (an empty cell is a missing value)',
      );
    }
    assert.match(
      said(fromCsvError('m.csv', csvError('CSV_RECORD_INCONSISTENT_COLUMNS'), 0)),
      /this row has 2 values, the header 0;/,
    );
  });

  it('any other error: the parser’s message without its "Invalid …:" prefix, cut at 300 characters', () => {
    assert.equal(
      said(fromCsvError('m.csv', csvError('CSV_INVALID_ARGUMENT', 'Invalid argument: the thing was wrong'), 2)),
      'm.csv:3: the thing was wrong',
    );
    assert.equal(
      said(fromCsvError('m.csv', csvError('CSV_INVALID_ARGUMENT', 'Not Invalid thing: kept'), 2)),
      'm.csv:3: Not Invalid thing: kept',
    );
    assert.equal(said(fromCsvError('m.csv', csvError('CSV_INVALID_ARGUMENT', ''), 2)), 'm.csv:3: malformed CSV');
    const long = said(fromCsvError('m.csv', csvError('CSV_INVALID_ARGUMENT', 'y'.repeat(400)), 2));
    assert.equal(long, `m.csv:3: ${'y'.repeat(300)}`);
  });

  it('leaves out a line or column the parser did not give', () => {
    const bare = new CsvError('CSV_QUOTE_NOT_CLOSED', 'x', undefined, { lines: 'three', column: 'a' });
    assert.equal(said(fromCsvError('m.csv', bare, 2)), 'm.csv: a quoted value is never closed');
  });
});
