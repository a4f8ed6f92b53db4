import * as assert from 'node:assert/strict';
import { DataError, NotMetricsFileError } from '../../../../src/core/base/dataError';
import { InputError } from '../../../../src/core/base/inputError';

describe('DataError: bad input said as file:line:column: what', () => {
  it('writes the line and the column when known, each only when known', () => {
    assert.equal(new DataError('m.csv', 'no time column', 3, 7).message, 'm.csv:3:7: no time column');
    assert.equal(new DataError('m.csv', 'no time column', 3).message, 'm.csv:3: no time column');
    assert.equal(new DataError('m.csv', 'empty').message, 'm.csv: empty');
    assert.equal(
      new DataError('m.csv', 'odd', undefined, 2).message,
      'm.csv:2: odd',
      'a column alone is still written',
    );
    assert.equal(new DataError('m.csv', 'first', 0, 0).message, 'm.csv:0:0: first', 'zero is known, not missing');
  });

  it('keeps its parts, and is an InputError by its own name', () => {
    const err = new DataError('m.csv', 'bad value', 4, 2);
    assert.deepEqual([err.file, err.detail, err.line, err.column], ['m.csv', 'bad value', 4, 2]);
    assert.ok(err instanceof InputError && err instanceof Error);
    assert.equal(err.name, 'DataError');
    assert.equal(new InputError('x').name, 'InputError');
  });

  it('a file that is not metrics says what a metrics file looks like', () => {
    const err = new NotMetricsFileError('package.json');
    assert.ok(err instanceof DataError);
    assert.equal(err.name, 'NotMetricsFileError');
    assert.equal(
      err.message,
      'package.json: is not a metrics file: expected a CSV with a time column, or JSON of the form { "metrics": [ { "name": …, "points": [...] } ] }',
    );
  });
});
