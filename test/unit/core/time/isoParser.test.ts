import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoParser } from '../../../../src/core/time/isoParser';

/** Date.parse's answer and the parser's, as text (NaN is not equal to itself). */
const both = (parse: (s: string) => number, s: string): void =>
  assert.equal(String(parse(s)), String(Date.parse(s)), JSON.stringify(s));

/** Runs `body` with Date.parse counting its calls in `count.calls`; `original` is the real one. */
function countingDateParse(body: (count: { calls: number }, original: (s: string) => number) => void): void {
  const original = Date.parse;
  const count = { calls: 0 };
  Date.parse = (s: string): number => {
    count.calls++;
    return original(s);
  };
  try {
    body(count, original);
  } finally {
    Date.parse = original;
  }
}

describe('isoParser: Date.parse, faster on runs of UTC times', () => {
  it('reads the two forms it speeds up, across days, months, years and leap days', () => {
    const parse = isoParser();
    for (const s of [
      '2026-09-29T10:35:00Z',
      '2026-09-29T10:35:00.000Z',
      '2026-09-29T23:59:59.999Z',
      '2026-09-30T00:00:00.001Z',
      '2026-12-31T23:59:59Z',
      '2027-01-01T00:00:00Z',
      '2024-02-29T12:00:00Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
    ])
      both(parse, s);
    assert.equal(parse('2026-09-29T10:35:07.250Z'), Date.UTC(2026, 8, 29, 10, 35, 7, 250));
  });

  it('gives what Date.parse gives for what it does not speed up', () => {
    const parse = isoParser();
    for (const s of [
      '2026-02-30T00:00:00Z', // Date.parse rolls it over to March 2
      '2026-02-31T00:00:00.000Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '0001-01-00T00:00:00.000Z', // "0001-01-00" alone is read as 1 January 2000
      '0001-13-01T00:00:00Z',
      '2026-02-32T00:00:00Z',
      '2026-01-01T24:00:00Z', // the end of the day, for Date.parse
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:60:00Z',
      '2026-01-01T23:59:60Z',
      '2026-01-01t00:00:00Z',
      '2026-01-01T00:00:00z',
      '2026-01-01T00:00:00.5Z',
      '2026-01-01T00:00:00.1234Z',
      '2026-01-01T00:00:00+01:00',
      '2026-01-01T00:00:00',
      '2026-01-01 00:00:00Z',
      '2026/01/01T00:00:00Z',
      '+02026-01-01T00:00:00Z',
      '2026-1-01T00:00:00.000Z',
      '2026-01-01T0a:00:00Z',
      '2026-01-01T00:0a:00Z',
      '2026-01-01T00:00:0aZ',
      '2026-01-01T00:00:00.a00Z',
      '2026-01-01T00:00:00.0a0Z',
      '2026-01-01T00:00:00.00aZ',
      // the characters just before '0' and after '9' are no digits either
      '2026-01-01T/0:00:00Z',
      '2026-01-01T0/:00:00Z',
      '2026-01-01T00:00:00.00/Z',
      '2026-01-01T00:00:00.00:Z',
      '2026-01-01T00:00:00,000Z',
      '2026-01-01T00-00:00Z',
      '2026-01-01T00:00-00Z',
      'x026-01-01T00:00:00Z',
      '2026-01-01',
      '',
      'tomorrow',
      '12345678901234567890',
    ])
      both(parse, s);
  });

  it('asks Date.parse once per day for a run of UTC times, and for every other form each time', () => {
    countingDateParse((count) => {
      const parse = isoParser();
      const start = Date.UTC(2026, 8, 29);
      for (let j = 0; j < 2 * 288; j++) {
        const iso = new Date(start + j * 300_000).toISOString();
        assert.equal(parse(j % 2 ? iso : `${iso.slice(0, 19)}Z`), start + j * 300_000);
      }
      assert.equal(count.calls, 2, 'two days, one call each');
      count.calls = 0;
      for (const s of ['2026-09-29T10:35:00+00:00', '2026-09-29T10:35:00z', '2026-09-29']) parse(s);
      assert.equal(count.calls, 3);
    });
  });

  it('reads every valid date and time of day itself, the boundaries included: one Date.parse per day, none per time', () => {
    countingDateParse((count, original) => {
      const parse = isoParser();
      // the first and last month, day and year digits, a year ending in 00, each digit 0 and 9
      for (const day of ['0000-01-01', '9999-12-31', '2000-10-30', '1990-09-19', '2026-02-28']) {
        count.calls = 0;
        const times = ['00:00:00Z', '09:09:09.009Z', '19:59:59.999Z', '23:59:59.990Z', '20:00:00.099Z'];
        for (const time of times) {
          const s = `${day}T${time}`;
          assert.equal(parse(s), original(s), s);
        }
        assert.equal(count.calls, 1, `${day}: the day once, then every time of day read from its digits`);
      }
    });
  });

  it('leaves every other form to Date.parse, once per string, even on a day it has read', () => {
    countingDateParse((count, original) => {
      const parse = isoParser();
      parse('2026-09-29T00:00:00Z');
      for (const s of [
        '2026-09-29t10:35:00Z',
        '2026-09-29T10:35:00z',
        '2026-09-29T10-35:00Z',
        '2026-09-29T10:35-00Z',
        '2026-09-29T10:35:00,000Z',
        '2026-09-29T10:35:00.000+',
        '2026-09-29T24:00:00Z',
        '2026-09-29T10:60:00Z',
        '2026-09-29T10:35:60Z',
        '2026-09-29T10:35:00.a00Z',
        '2026-09-29T10:35:00.00aZ',
        '2026-09-29T10:35:0aZ',
        '2026-09-29T10:35:00.0Z',
        '2026-13-01T00:00:00Z',
        '2026-00-01T00:00:00Z',
        '2026-01-00T00:00:00Z',
        '2026-01-32T00:00:00Z',
        '2026x01-01T00:00:00Z',
        '2026-01x01T00:00:00Z',
        'x026-01-01T00:00:00Z',
        '20x6-01-01T00:00:00Z',
      ]) {
        count.calls = 0;
        assert.equal(String(parse(s)), String(original(s)), s);
        assert.equal(count.calls, 1, `${s}: Date.parse's own answer`);
      }
    });
  });

  it('keeps each day apart: a date the parser has seen does not leak into the next string', () => {
    const parse = isoParser();
    both(parse, '2026-02-30T00:00:00Z');
    both(parse, '2026-02-30T01:00:00Z');
    both(parse, '2026-03-01T01:00:00Z');
    both(parse, '2026-13-01T01:00:00Z');
    both(parse, '2026-13-01T02:00:00Z');
    both(parse, '2026-03-01T02:00:00Z');
  });

  it('equals Date.parse on generated strings of the forms it reads, valid or not', () => {
    const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '9', 'a', ' ');
    const d = (n: number): fc.Arbitrary<string> =>
      fc.array(digit, { minLength: n, maxLength: n }).map((c) => c.join(''));
    const sep = (usual: string): fc.Arbitrary<string> =>
      fc.constantFrom(usual, usual, usual, usual, '-', 'T', ':', '.');
    const time = fc
      .tuple(
        d(4),
        sep('-'),
        d(2),
        sep('-'),
        d(2),
        fc.constantFrom('T', 'T', 't', ' '),
        d(2),
        sep(':'),
        d(2),
        sep(':'),
        d(2),
        fc.constantFrom('', '.000', '.5', '.123'),
        fc.option(d(3)),
        fc.constantFrom('Z', 'Z', 'z', '', '+00:00'),
      )
      .map(([y, s1, mo, s2, da, t, h, s3, mi, s4, se, frac, fracDigits, zone]) =>
        [y, s1, mo, s2, da, t, h, s3, mi, s4, se, fracDigits === null ? frac : `.${fracDigits}`, zone].join(''),
      );
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 6 }), (strings) => {
        const parse = isoParser(); // one parser over several strings, as a series reads them
        for (const s of strings) both(parse, s);
      }),
      { numRuns: 5_000 },
    );
  });

  it('equals Date.parse on runs of real times, valid dates and hours mixed with invalid ones', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ms: fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
            year: fc.integer({ min: 0, max: 9999 }),
            month: fc.integer({ min: 0, max: 13 }),
            day: fc.integer({ min: 0, max: 32 }),
            hour: fc.integer({ min: 0, max: 25 }),
            valid: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (rows) => {
          const parse = isoParser();
          const pad = (v: number, w: number): string => String(v).padStart(w, '0');
          for (const r of rows) {
            const iso = new Date(r.ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
            const s = r.valid
              ? iso
              : `${pad(r.year, 4)}-${pad(r.month, 2)}-${pad(r.day, 2)}T${pad(r.hour, 2)}${iso.slice(13)}`;
            both(parse, s);
            both(parse, `${s.slice(0, 19)}Z`);
          }
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
