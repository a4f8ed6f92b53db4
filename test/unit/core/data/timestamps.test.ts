import * as assert from 'node:assert/strict';
import { DataError } from '../../../../src/core/base/dataError';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { parseTimestamp, readTimestamp, readTimestampByPattern, readUtc } from '../../../../src/core/data/timestamps';
import { seededRandom } from '../../../../src/core/random';

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

describe('timestamps: the forms and bounds, said exactly', () => {
  it('a number below 10^11 is epoch seconds, from 10^11 on epoch milliseconds, either sign', () => {
    assert.equal(parseTimestamp('100000000000'), 1e11, '10^11: milliseconds (1973)');
    assert.equal(
      problemOf('99999999999'),
      '"99999999999" is outside the supported times (1900-01-01 to 2999-12-31 UTC)',
    );
    assert.equal(parseTimestamp('-100000000000'), -1e11, '-10^11: milliseconds (1966)');
    assert.match(problemOf('-99999999999'), /is outside the supported times/, 'seconds: year -1199');
    assert.equal(parseTimestamp('1767225600.0004'), 1_767_225_600_000, 'seconds rounded to the millisecond');
    assert.equal(parseTimestamp('1767225600.0006'), 1_767_225_600_001);
    assert.equal(parseTimestamp('1767225600000.6'), 1_767_225_600_001, 'milliseconds rounded');
    assert.equal(parseTimestamp('1.7672256e9'), 1_767_225_600_000, 'an exponent');
  });

  it('blanks around a timestamp are ignored', () => {
    assert.equal(parseTimestamp('  2026-01-02T03:04:05Z\t'), Date.UTC(2026, 0, 2, 3, 4, 5));
    assert.equal(parseTimestamp(' 60 '), 60_000);
    assert.equal(problemOf('   '), 'missing timestamp');
  });

  it('the first and last supported milliseconds, and one beyond each', () => {
    assert.equal(parseTimestamp('1900-01-01T00:00:00.000Z'), Date.UTC(1900, 0, 1));
    assert.equal(
      problemOf('1899-12-31T23:59:59.999Z'),
      '"1899-12-31T23:59:59.999Z" is outside the supported times (1900-01-01 to 2999-12-31 UTC)',
    );
    assert.equal(parseTimestamp('2999-12-31T23:59:59.999Z'), Date.UTC(3000, 0, 1) - 1);
    assert.equal(problemOf('3000-01-01'), '"3000-01-01" is outside the supported times (1900-01-01 to 2999-12-31 UTC)');
    assert.equal(parseTimestamp(String(Date.UTC(1900, 0, 1))), Date.UTC(1900, 0, 1));
    assert.match(problemOf(String(Date.UTC(1900, 0, 1) - 1)), /outside the supported times/);
    assert.equal(parseTimestamp('1900-01-01T01:00:00+01:00'), Date.UTC(1900, 0, 1), 'the offset counts');
    assert.match(problemOf('1900-01-01T00:59:59+01:00'), /outside the supported times/);
  });

  it('the words of each refusal', () => {
    assert.equal(
      problemOf('yesterday'),
      '"yesterday" is not a timestamp (ISO 8601, epoch seconds or epoch milliseconds)',
    );
    assert.match(problemOf('x2026-01-02'), /is not a timestamp/, 'a date inside other text');
    assert.match(problemOf('2026-01-02x'), /is not a timestamp/);
    assert.equal(problemOf('2026-13-01'), '"2026-13-01" is not a valid time: month 13 does not exist');
    assert.equal(problemOf('2026-01-01T24:00Z'), '"2026-01-01T24:00Z" is not a valid time: hour 24 is beyond 23');
    assert.equal(problemOf('2026-01-01T00:60Z'), '"2026-01-01T00:60Z" is not a valid time: minute 60 is beyond 59');
    assert.equal(
      problemOf('2026-01-01T00:00:60Z'),
      '"2026-01-01T00:00:60Z" is not a valid time: second 60 is beyond 59',
    );
    assert.equal(
      problemOf('2026-01-01T00:00+14:30'),
      '"2026-01-01T00:00+14:30" is not a valid time: the offset +14:30 is not a UTC offset (at most ±14:00)',
    );
    assert.equal(
      problemOf('2026-01-01T00:00-0560'),
      '"2026-01-01T00:00-0560" is not a valid time: the offset -0560 is not a UTC offset (at most ±14:00)',
      'minutes beyond 59',
    );
  });

  it('each month has its days, by name', () => {
    const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const names = 'January February March April May June July August September October November December'.split(' ');
    days.forEach((n, i) => {
      const month = String(i + 1).padStart(2, '0');
      assert.equal(parseTimestamp(`2026-${month}-${n}`), Date.UTC(2026, i, n), `${names[i]} ${n}`);
      assert.equal(
        problemOf(`2026-${month}-${n + 1}`),
        `"2026-${month}-${n + 1}" is not a valid time: ${names[i]} 2026 has ${n} days`,
      );
    });
  });

  it('the last valid hour, minute and second, and offsets at their ends', () => {
    assert.equal(parseTimestamp('2026-01-01T23:59:59Z'), Date.UTC(2026, 0, 1, 23, 59, 59));
    assert.equal(parseTimestamp('2026-01-02T14:00:00+14:00'), Date.UTC(2026, 0, 2));
    assert.equal(parseTimestamp('2026-01-01T12:00:00-12:00'), Date.UTC(2026, 0, 2));
    assert.equal(parseTimestamp('2026-01-01T10:00:00-14:00'), Date.UTC(2026, 0, 2));
    assert.equal(parseTimestamp('2026-01-02T00:59:00+00:59'), Date.UTC(2026, 0, 2));
    assert.equal(parseTimestamp('2026-01-01T18:30:00-0530'), Date.UTC(2026, 0, 2));
    assert.equal(parseTimestamp('2026-01-02T02:00:00+02'), Date.UTC(2026, 0, 2), 'hours only');
    assert.equal(parseTimestamp('2026-01-02T00:00:00z'), Date.UTC(2026, 0, 2), 'a lower-case z');
  });

  it('a fraction of a second is cut to milliseconds, not rounded', () => {
    const base = Date.UTC(2026, 0, 2, 3, 4, 5);
    assert.equal(parseTimestamp('2026-01-02T03:04:05.1Z'), base + 100);
    assert.equal(parseTimestamp('2026-01-02T03:04:05.12Z'), base + 120);
    assert.equal(parseTimestamp('2026-01-02T03:04:05.1239Z'), base + 123);
    assert.equal(parseTimestamp('2026-01-02T03:04:05.9999Z'), base + 999);
  });

  it('agrees with Date.parse from 1900 to 2999 (leap centuries, every month)', () => {
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(3000, 0, 1); t += 31 * 86_400_000 + 3_723_001) {
      const iso = new Date(t).toISOString();
      assert.equal(parseTimestamp(iso), t, iso);
    }
  });
});

describe('readUtc (the common UTC forms read from their digits)', () => {
  it('gives what the ISO pattern gives, or leaves the text to it; on 20,000 generated times', () => {
    const random = seededRandom(1129);
    const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
    const pad = (v: number, width: number): string => String(v).padStart(width, '0');
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      // mostly valid fields, sometimes just beyond (month 13, day 31 of a 30-day month, hour 24, 1899, 3000, …)
      const year = random() < 0.1 ? int(1890, 3010) : int(1999, 2101);
      const month = random() < 0.05 ? int(0, 13) : int(1, 12);
      const day = random() < 0.1 ? int(28, 32) : random() < 0.05 ? 0 : int(1, 28);
      const hour = random() < 0.05 ? int(23, 25) : int(0, 23);
      const minute = random() < 0.05 ? int(58, 61) : int(0, 59);
      const second = random() < 0.05 ? int(58, 61) : int(0, 59);
      const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
      const form = int(0, 2);
      let s =
        form === 0
          ? `${date}T${pad(hour, 2)}:${pad(minute, 2)}Z`
          : form === 1
            ? `${date}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}Z`
            : `${date}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(int(0, 999), 3)}Z`;
      // now and then one character changed: a lower-case t or z, a space, a comma, an offset sign, a letter
      if (random() < 0.2) {
        const at = int(0, s.length - 1);
        s = s.slice(0, at) + 'ZzTt -:.,+09a'.charAt(int(0, 12)) + s.slice(at + 1);
      }
      const fast = readUtc(s);
      if (fast !== undefined) read++;
      assert.equal(JSON.stringify(readTimestamp(s)), JSON.stringify(readTimestampByPattern(s)), s);
    }
    assert.ok(read > 10_000, `${read} read from their digits`);
  });

  it('reads runs of one day and of the next (its remembered date), and the leap day only in leap years', () => {
    assert.equal(readUtc('2026-10-31T23:59Z'), Date.UTC(2026, 9, 31, 23, 59));
    assert.equal(readUtc('2026-10-31T00:00:01.250Z'), Date.UTC(2026, 9, 31, 0, 0, 1, 250));
    assert.equal(readUtc('2026-11-01T00:00:00Z'), Date.UTC(2026, 10, 1));
    assert.equal(readUtc('2024-02-29T12:00Z'), Date.UTC(2024, 1, 29, 12));
    assert.equal(readUtc('2100-02-29T12:00Z'), undefined);
    assert.match(JSON.stringify(readTimestamp('2100-02-29T12:00Z')), /February 2100 has 28 days/);
    assert.equal(readUtc('2026-10-31t00:00Z'), undefined, 'other forms are the pattern’s');
    assert.deepEqual(readTimestamp('2026-10-31t00:00z'), { ms: Date.UTC(2026, 9, 31) });
  });
});
