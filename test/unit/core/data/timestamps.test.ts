import * as assert from 'node:assert/strict';
import { DataError } from '../../../../src/core/base/dataError';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { parseTimestamp, readTimestamp } from '../../../../src/core/data/timestamps';

const problemOf = (text: string): string => {
  const r = readTimestamp(text);
  assert.ok('problem' in r, `${text} should be refused, got ${'ms' in r ? new Date(r.ms).toISOString() : ''}`);
  return r.problem;
};

describe('timestamps: the calendar is checked', () => {
  it('2026-02-30 is not read as 2 March: a DataError at its line and column', async () => {
    const text = 'timestamp,value\n2026-02-27,1\n2026-02-28,2\n2026-02-30,3\n';
    await assert.rejects(loadMetricFile('feb.csv', { text }), (err: unknown) => {
      assert.ok(err instanceof DataError);
      assert.equal(err.message, 'feb.csv:4:1: "2026-02-30" is not a valid time: February 2026 has 28 days');
      return true;
    });
  });

  it('leap years: 29 February exists in 2024 and 2000, not in 2026 or 2100', () => {
    assert.equal(parseTimestamp('2024-02-29'), Date.UTC(2024, 1, 29));
    assert.equal(parseTimestamp('2000-02-29T12:00:00Z'), Date.UTC(2000, 1, 29, 12));
    assert.match(problemOf('2026-02-29'), /February 2026 has 28 days/);
    assert.match(problemOf('2100-02-29'), /February 2100 has 28 days/);
  });

  it('months, days, hours, minutes, seconds and offsets out of range', () => {
    const cases: [string, RegExp][] = [
      ['2026-00-10', /month 0 does not exist/],
      ['2026-13-01', /month 13 does not exist/],
      ['2026-04-31', /April 2026 has 30 days/],
      ['2026-01-00', /January 2026 has 31 days/],
      ['2026-01-32T00:00Z', /January 2026 has 31 days/],
      ['2026-01-01T24:00:00Z', /hour 24 is beyond 23/],
      ['2026-01-01T23:60Z', /minute 60 is beyond 59/],
      ['2026-01-01T23:59:60Z', /second 60 is beyond 59/],
      ['2026-01-01T00:00:00+15:00', /the offset \+15:00 is not a UTC offset \(at most ±14:00\)/],
      ['2026-01-01T00:00:00-14:01', /the offset -14:01 is not a UTC offset/],
      ['2026-01-01T00:00:00+05:99', /the offset \+05:99 is not a UTC offset/],
    ];
    for (const [text, message] of cases) assert.match(problemOf(text), message, text);
  });

  it('valid times with offsets, fractions and the forms the README lists', () => {
    const base = Date.UTC(2026, 0, 2, 3, 4, 5);
    assert.equal(parseTimestamp('2026-01-02T03:04:05Z'), base);
    assert.equal(parseTimestamp('2026-01-02t03:04:05z'), base);
    assert.equal(parseTimestamp('2026-01-02 03:04:05'), base);
    assert.equal(parseTimestamp('2026-01-02T05:34:05+02:30'), base);
    assert.equal(parseTimestamp('2026-01-02T05:34:05+0230'), base);
    assert.equal(parseTimestamp('2026-01-02T01:04:05-02'), base);
    assert.equal(parseTimestamp('2026-01-02T17:04:05+14:00'), base);
    assert.equal(parseTimestamp('2026-01-02T03:04:05.123456Z'), base + 123);
    assert.equal(parseTimestamp('2026-01-02T03:04:05.5Z'), base + 500);
    assert.equal(parseTimestamp('2026-01-02T03:04:05,25Z'), base + 250);
    assert.equal(parseTimestamp('2026-01-02T03:04'), base - 5000);
    assert.equal(parseTimestamp('2026-01-02Z'), Date.UTC(2026, 0, 2));
    assert.equal(parseTimestamp('1900-01-01T00:00:00Z'), Date.UTC(1900, 0, 1));
    assert.equal(parseTimestamp('-60'), -60_000);
    assert.equal(parseTimestamp('1767225600.5'), 1_767_225_600_500);
  });

  it('agrees with Date.parse on every valid day of four years', () => {
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000 + 3_723_000) {
      const iso = new Date(t).toISOString();
      assert.equal(parseTimestamp(iso), t, iso);
    }
  });

  it('not timestamps at all', () => {
    for (const text of ['yesterday', '2026-1-2', '2026-01-02T3:04', '2026-01-02T03:04:05ZZ', '1e5e5', 'Infinity', '']) {
      assert.equal(parseTimestamp(text), undefined, text);
    }
    assert.equal(problemOf(''), 'missing timestamp');
  });

  it('in JSON, the point is named', async () => {
    const text = JSON.stringify({
      metrics: [
        {
          name: 'cpu',
          points: [
            ['2026-01-01T00:00Z', 1],
            ['2026-02-30T00:00Z', 2],
          ],
        },
      ],
    });
    await assert.rejects(
      loadMetricFile('feb.json', { text }),
      /^DataError: feb\.json: metrics\.0\.points\.1: "2026-02-30T00:00Z" is not a valid time: February 2026 has 28 days$/,
    );
  });
});
