import * as assert from 'node:assert/strict';
import { DataError } from '../../../../src/core/base/dataError';
import { TIME_COLUMNS, readHeader } from '../../../../src/core/data/csvHeader';

const refusal = (cells: readonly string[]): string => {
  try {
    readHeader('m.csv', cells, 1);
  } catch (err) {
    assert.ok(err instanceof DataError);
    return err.message;
  }
  assert.fail(`the header ${JSON.stringify(cells)} was accepted`);
};

describe('readHeader (the header row of a metrics CSV)', () => {
  it('a long file: time, metric and value columns, found whatever their case, with the optional ones', () => {
    const layout = readHeader('m.csv', ['Value', 'TIMESTAMP', 'Metric', 'breach', 'Unit', 'capacity'], 1);
    assert.equal(layout.shape, 'long');
    assert.deepEqual(
      [layout.time, layout.metric, layout.value, layout.unit, layout.capacity, layout.breach],
      [1, 2, 0, 4, 5, 3],
    );
    assert.deepEqual(layout.columns, ['Value', 'TIMESTAMP', 'Metric', 'breach', 'Unit', 'capacity']);
  });

  it('an absent optional column is at -1', () => {
    const layout = readHeader('m.csv', ['time', 'metric', 'value'], 1);
    assert.deepEqual([layout.unit, layout.capacity, layout.breach], [-1, -1, -1]);
  });

  it('every time column name is one', () => {
    for (const name of TIME_COLUMNS) assert.equal(readHeader('m.csv', [name, 'cpu'], 1).time, 0, name);
    assert.deepEqual(TIME_COLUMNS, ['timestamp', 'time', 'ts', 'date', 'datetime']);
  });

  it('a two-column file: time and value', () => {
    const layout = readHeader('m.csv', ['ts', 'value'], 1);
    assert.equal(layout.shape, 'two');
    assert.equal(layout.value, 1);
  });

  it('a wide file: a column per metric, names keeping their case', () => {
    const layout = readHeader('m.csv', ['time', 'CPU_Load', 'value', 'mem'], 1);
    assert.equal(layout.shape, 'wide', 'a value column among three metrics is a metric named value');
    assert.deepEqual(layout.columns, ['time', 'CPU_Load', 'value', 'mem']);
    assert.equal(readHeader('m.csv', ['time', 'cpu'], 1).shape, 'wide');
  });

  it('refuses a header without a time column, naming the ones it knows', () => {
    assert.equal(
      refusal(['when', 'cpu']),
      'm.csv:1:1: no time column in the header (name one of: timestamp, time, ts, date, datetime)',
    );
  });

  it('refuses a time column alone, and a metric column without values', () => {
    assert.equal(
      refusal(['time']),
      'm.csv:1: the header has only a time column; add a value column or one column per metric',
    );
    assert.equal(
      refusal(['time', 'metric', 'unit']),
      'm.csv:1: a "metric" column needs a "value" column beside it (long format: timestamp,metric,value)',
    );
  });

  it('refuses a column named twice, at its second place; the same name in another case is another metric', () => {
    assert.equal(refusal(['time', 'cpu', 'mem', 'cpu']), 'm.csv:1:4: column "cpu" appears twice in the header');
    assert.equal(readHeader('m.csv', ['time', 'cpu', 'CPU'], 1).shape, 'wide');
  });

  it("refuses a wide file's metric name that is empty or holds a control character, but not a long file's other columns", () => {
    assert.equal(refusal(['time', 'cpu', '']), 'm.csv:1:3: column 3: the metric name is empty');
    assert.equal(refusal(['time', 'a\tb']), 'm.csv:1:2: column 2: the metric name "a\\tb" holds a control character');
    assert.equal(readHeader('m.csv', ['time', 'metric', 'value', ''], 1).shape, 'long');
  });

  it('at most 1,001 columns: a time column and 1,000 metrics', () => {
    const metrics = (n: number) => ['time', ...Array.from({ length: n }, (_, i) => `m${i}`)];
    assert.equal(readHeader('m.csv', metrics(1000), 1).columns.length, 1001);
    assert.equal(
      refusal(metrics(1001)),
      'm.csv:1: the header has 1,002 columns; at most 1,001 (a time column and 1,000 metrics); split the file',
    );
  });
});
