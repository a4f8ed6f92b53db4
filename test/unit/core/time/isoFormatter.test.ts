import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FIRST_ISO_MS, isoFormatter, LAST_ISO_MS } from '../../../../src/core/time/isoFormatter';
import { forecastPointSchema } from '../../../../src/core/base/forecastSchema';

/** toISOString's answer, or its error's message. */
const reference = (t: number): string => {
  try {
    return new Date(t).toISOString();
  } catch (err) {
    return `error ${(err as Error).message}`;
  }
};
const formatted = (iso: (t: number) => string, t: number): string => {
  try {
    return iso(t);
  } catch (err) {
    return `error ${(err as Error).message}`;
  }
};
/** Whether the forecast schema takes the string as a point's time. */
const schemaTakes = (s: string): boolean => forecastPointSchema.shape.t.safeParse(s).success;
const DAY = 86_400_000;

describe('isoFormatter: toISOString, faster on runs of times', () => {
  it('writes what toISOString writes across days, months, years, leap days and the first and last four-digit years', () => {
    const iso = isoFormatter();
    for (const t of [
      0,
      1,
      -1,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 2, 1),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1),
      FIRST_ISO_MS,
      FIRST_ISO_MS - 1,
      LAST_ISO_MS,
      LAST_ISO_MS + 1,
      1.5,
      -0.5,
      8.64e15,
      8.64e15 + 1,
      NaN,
      Infinity,
    ])
      assert.equal(formatted(iso, t), reference(t), String(t));
    assert.equal(new Date(FIRST_ISO_MS).toISOString(), '0000-01-01T00:00:00.000Z');
    assert.equal(new Date(LAST_ISO_MS).toISOString(), '9999-12-31T23:59:59.999Z');
  });

  it('writes what toISOString writes for runs of times at any step, whatever it kept from earlier ones', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            start: fc.oneof(
              fc.integer({ min: -8.64e15, max: 8.64e15 }),
              fc.integer({ min: FIRST_ISO_MS - 2 * DAY, max: FIRST_ISO_MS + 2 * DAY }),
              fc.integer({ min: LAST_ISO_MS - 2 * DAY, max: LAST_ISO_MS + 2 * DAY }),
              fc.double({ min: -1e13, max: 1e13, noNaN: true }),
            ),
            step: fc.constantFrom(1, 999, 1000, 60_000, 300_000, 3_600_000, DAY, 7 * DAY, 0.25, -300_000),
            count: fc.integer({ min: 1, max: 40 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (runs) => {
          const iso = isoFormatter(); // one formatter over several runs: what it keeps must never leak
          for (const r of runs)
            for (let j = 0; j < r.count; j++) {
              const t = r.start + j * r.step;
              assert.equal(formatted(iso, t), reference(t), String(t));
            }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('asks toISOString once per day for a run of whole milliseconds in the four-digit years, and each time outside them', () => {
    const original = Date.prototype.toISOString;
    let calls = 0;
    Date.prototype.toISOString = function (this: Date): string {
      calls++;
      return original.call(this);
    };
    const written: string[] = [];
    try {
      const iso = isoFormatter();
      const start = Date.UTC(2026, 8, 29);
      for (let j = 0; j < 2 * 288; j++) written.push(iso(start + j * 300_000));
      assert.equal(calls, 2, 'two days, one call each');
      calls = 0;
      for (const t of [0.5, LAST_ISO_MS + 1, FIRST_ISO_MS - 1]) iso(t);
      assert.equal(calls, 3);
      calls = 0;
      for (const t of [FIRST_ISO_MS, FIRST_ISO_MS, LAST_ISO_MS, LAST_ISO_MS]) iso(t);
      assert.equal(calls, 2, 'the first and the last instant are in the four-digit years: once per day');
    } finally {
      Date.prototype.toISOString = original;
    }
    assert.equal(written[0], '2026-09-29T00:00:00.000Z');
    assert.equal(written.at(-1), '2026-09-30T23:55:00.000Z');
  });

  it('keeps at most a day of one-minute times, and still writes every other time right', () => {
    const iso = isoFormatter();
    const start = Date.UTC(2026, 0, 1);
    for (let j = 0; j < 3 * 1440; j++) {
      const t = start + j * 20_000; // 4,320 times of day, more than are kept
      assert.equal(iso(t), new Date(t).toISOString());
    }
  });

  it('writes a time the forecast schema takes for every instant of the four-digit years, and only for those', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: FIRST_ISO_MS, max: LAST_ISO_MS }),
          fc.integer({ min: FIRST_ISO_MS, max: FIRST_ISO_MS + 400 * 366 * DAY }),
          fc.double({ min: FIRST_ISO_MS, max: LAST_ISO_MS, noNaN: true }),
        ),
        (t) => assert.ok(schemaTakes(isoFormatter()(t)), String(t)),
      ),
      { numRuns: 5_000 },
    );
    // every day of a leap cycle, at its first and last millisecond
    const iso = isoFormatter();
    for (let day = Date.UTC(2000, 0, 1); day < Date.UTC(2004, 0, 1); day += DAY) {
      assert.ok(schemaTakes(iso(day)), iso(day));
      assert.ok(schemaTakes(iso(day + DAY - 1)), iso(day + DAY - 1));
    }
    for (const t of [FIRST_ISO_MS - 1, LAST_ISO_MS + 1, -8.64e15, 8.64e15])
      assert.equal(schemaTakes(isoFormatter()(t)), false, String(t));
  });
});
