import * as assert from 'node:assert/strict';
import {
  MAX_COLUMNS,
  MAX_METRICS_PER_FILE,
  MAX_TIME_MS,
  MIN_TIME_MS,
  formatCount,
} from '../../../../src/core/data/limits';

describe('limits of a metric file', () => {
  it('a wide file has room for a time column beside its metrics', () => {
    assert.equal(MAX_COLUMNS, MAX_METRICS_PER_FILE + 1);
  });

  it('times from 1900-01-01 to the last millisecond of 2999 (UTC)', () => {
    assert.equal(new Date(MIN_TIME_MS).toISOString(), '1900-01-01T00:00:00.000Z');
    assert.equal(new Date(MAX_TIME_MS).toISOString(), '2999-12-31T23:59:59.999Z');
  });

  it('states counts with thousands separators, rounded to a whole number', () => {
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(999), '999');
    assert.equal(formatCount(1000), '1,000');
    assert.equal(formatCount(1001), '1,001');
    assert.equal(formatCount(123_456), '123,456');
    assert.equal(formatCount(5_000_000), '5,000,000');
    assert.equal(formatCount(12_345_678), '12,345,678');
    assert.equal(formatCount(1234.6), '1,235');
  });
});
