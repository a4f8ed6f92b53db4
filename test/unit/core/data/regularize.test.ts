import * as assert from 'node:assert/strict';
import { DataError } from '../../../../src/core/base/dataError';
import {
  defaultBreachSide,
  errorAt,
  niceStep,
  regularize,
  type RawSeries,
  SHORT_GAP_STEPS,
} from '../../../../src/core/data/regularize';

const H = 3_600_000;
/** A start that is not the epoch, so times are read from the series and not from zero. */
const T0 = Date.UTC(2026, 0, 5);
/** A series at the given hours after T0, each row at line index + 2 (after a header), column 1. */
const hourly = (hours: readonly number[], values: readonly number[], extra: Partial<RawSeries> = {}): RawSeries => ({
  name: 'cpu',
  times: hours.map((h) => T0 + h * H),
  values: [...values],
  place: (i) => ({ line: i + 2, column: 1 }),
  ...extra,
});
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
/** The grid a regularized series has, rounded to 1e-9 so linear fills compare exactly. */
const gridOf = (s: { values: ArrayLike<number> }): number[] => Array.from(s.values, (v) => Math.round(v * 1e9) / 1e9);

/** The DataError message a call throws. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof DataError, String(err));
    return err.message;
  }
  return assert.fail('accepted');
}

describe('regularize: a metric on a regular grid', () => {
  describe('what it keeps and what it refuses', () => {
    it('keeps the name, unit and capacity, and starts at the first time', () => {
      const s = regularize(hourly([0, 1, 2], [5, 6, 7], { unit: '%', capacity: 90, breach: 'below' }), 'm.csv', []);
      assert.equal(s.name, 'cpu');
      assert.equal(s.unit, '%');
      assert.equal(s.capacity, 90);
      assert.equal(s.breach, 'below');
      assert.equal(s.start, T0);
      assert.equal(s.stepMs, H);
      assert.deepEqual(gridOf(s), [5, 6, 7]);
      assert.equal(s.filled, 0);
    });

    it('leaves out a unit and a capacity the file did not give, and guesses the breach side from the name', () => {
      const s = regularize(hourly([0, 1], [1, 2]), 'm.csv', []);
      assert.equal('unit' in s, false);
      assert.equal('capacity' in s, false);
      assert.equal(s.breach, 'above');
      assert.equal(regularize(hourly([0, 1], [1, 2], { name: 'disk_free' }), 'm.csv', []).breach, 'below');
      assert.equal(regularize(hourly([0, 1], [1, 2], { capacity: 0 }), 'm.csv', []).capacity, 0, 'a capacity of 0');
    });

    it('a metric without observations', () => {
      assert.equal(
        refusal(() => regularize(hourly([], []), 'm.csv', [])),
        'm.csv: metric "cpu" has no values',
      );
    });

    it('a value beyond ±1e30, or not a number, at the place it came from', () => {
      const tooLarge =
        "is too large: values and capacities are at most ±1e+30 (larger ones overflow the forecaster's arithmetic)";
      assert.equal(
        refusal(() => regularize(hourly([0, 1, 2], [1, 1e31, 2]), 'm.csv', [])),
        `m.csv:3:1: "1e+31" ${tooLarge}`,
      );
      assert.equal(
        refusal(() => regularize(hourly([0, 1], [-1e31, 2]), 'm.csv', [])),
        `m.csv:2:1: "-1e+31" ${tooLarge}`,
      );
      assert.equal(
        refusal(() => regularize(hourly([0, 1], [1, Infinity]), 'm.csv', [])),
        `m.csv:3:1: "Infinity" ${tooLarge}`,
      );
      assert.equal(
        refusal(() => regularize(hourly([0, 1], [NaN, 1]), 'm.csv', [])),
        'm.csv:2:1: "NaN" is not a number',
      );
      const edge = regularize(hourly([0, 1], [1e30, -1e30]), 'm.csv', []);
      assert.deepEqual([...edge.values], [1e30, -1e30], 'exactly ±1e30 is a value');
    });

    it('one distinct timestamp is no history', () => {
      const warnings: string[] = [];
      assert.equal(
        refusal(() => regularize(hourly([3, 3], [1, 2]), 'm.csv', warnings)),
        'm.csv: metric "cpu" has only one distinct timestamp; a forecast needs a history',
      );
      assert.equal(
        refusal(() => regularize(hourly([3], [1]), 'm.csv', [])),
        'm.csv: metric "cpu" has only one distinct timestamp; a forecast needs a history',
      );
    });
  });

  describe('order and duplicates', () => {
    it('sorts rows by time and says so once', () => {
      const warnings: string[] = [];
      const s = regularize(hourly([2, 0, 3, 1], [30, 10, 40, 20]), 'm.csv', warnings);
      assert.deepEqual(gridOf(s), [10, 20, 30, 40]);
      assert.equal(s.start, T0);
      assert.deepEqual(warnings, ['"cpu": rows were not in time order; they were sorted.']);
    });

    it('rows in order, or at the same time, are not "out of order"', () => {
      const warnings: string[] = [];
      regularize(hourly([0, 1, 1, 2], [1, 2, 2, 3]), 'm.csv', warnings);
      assert.equal(
        warnings.some((w) => w.includes('sorted')),
        false,
        warnings.join('\n'),
      );
    });

    it('averages the rows at one time (the mean of all of them) and counts the extra rows', () => {
      const warnings: string[] = [];
      const s = regularize(hourly([0, 0, 0, 1, 2, 2], [1, 2, 6, 7, 8, 10]), 'm.csv', warnings);
      assert.deepEqual(gridOf(s), [3, 7, 9]);
      assert.deepEqual(warnings, ['"cpu": 3 duplicate timestamps; values at the same time were averaged.']);
      const one: string[] = [];
      regularize(hourly([0, 1, 1], [1, 2, 4]), 'm.csv', one);
      assert.deepEqual(one, ['"cpu": 1 duplicate timestamp; values at the same time were averaged.']);
    });

    it('averages duplicates that were out of order too', () => {
      const warnings: string[] = [];
      const s = regularize(hourly([1, 0, 1, 2], [4, 0, 8, 2]), 'm.csv', warnings);
      assert.deepEqual(gridOf(s), [0, 6, 2]);
      assert.equal(warnings.length, 2);
    });
  });

  describe('the step', () => {
    it('is the median spacing (the lower of the two middle ones)', () => {
      // spacings 1, 1, 2, 2 h: the lower middle is 1 h, so the grid has a step of 1 h and two filled points
      const s = regularize(hourly([0, 1, 2, 4, 6], [0, 1, 2, 4, 6]), 'm.csv', []);
      assert.equal(s.stepMs, H);
      assert.deepEqual(gridOf(s), [0, 1, 2, 3, 4, 5, 6]);
      assert.equal(s.filled, 2);
      // spacings 1, 2, 2: the median is 2 h
      assert.equal(regularize(hourly([0, 1, 3, 5], [0, 1, 3, 5]), 'm.csv', []).stepMs, 2 * H);
    });

    it('snaps a time to the nearest grid point; two rows on one point are averaged', () => {
      const m = 60_000;
      const s = regularize(
        { name: 'cpu', times: [0, 60, 120, 125, 180, 240].map((sec) => T0 + sec * 1000), values: [1, 2, 3, 5, 6, 7] },
        'm.csv',
        [],
      );
      assert.equal(s.stepMs, m);
      assert.deepEqual(gridOf(s), [1, 2, 4, 6, 7]);
    });

    it('a spacing within 2% of a round unit becomes that unit (1 s to 1 week)', () => {
      assert.equal(niceStep(60_000), 60_000);
      assert.equal(niceStep(58_800), 60_000, '2% under a minute');
      assert.equal(niceStep(61_200), 60_000, '2% over a minute');
      assert.equal(niceStep(58_799), 58_799, 'just beyond 2% under');
      assert.equal(niceStep(61_201), 61_201, 'just beyond 2% over');
      assert.equal(niceStep(3_590_000), 3_600_000);
      assert.equal(niceStep(1_000), 1_000);
      assert.equal(niceStep(604_800_000 * 1.01), 604_800_000, 'a week');
      assert.equal(niceStep(2 * 604_800_000), 2 * 604_800_000, 'no unit above a week');
    });

    it('any other spacing is rounded to a whole millisecond, at least one', () => {
      assert.equal(niceStep(1234.4), 1234);
      assert.equal(niceStep(1234.6), 1235);
      assert.equal(niceStep(0.3), 1);
      assert.equal(niceStep(7), 7);
    });
  });

  describe('gaps', () => {
    it('fills a missing point on the line between its neighbours', () => {
      const s = regularize(hourly([0, 1, 2, 6, 7, 8], [0, 1, 2, 12, 13, 14]), 'm.csv', []);
      assert.deepEqual(gridOf(s), [0, 1, 2, 4.5, 7, 9.5, 12, 13, 14]);
      assert.equal(s.filled, 3);
    });

    it(`fills gaps of up to ${SHORT_GAP_STEPS} steps quietly and reports a longer one, with where the longest starts`, () => {
      const quiet: string[] = [];
      regularize(hourly([0, 1, 5, 6], [0, 1, 5, 6]), 'm.csv', quiet);
      assert.deepEqual(quiet, [], 'three missing steps');
      const warned: string[] = [];
      const s = regularize(hourly([0, 1, 6, 7], [0, 1, 6, 7]), 'm.csv', warned);
      assert.deepEqual(gridOf(s), range(0, 8));
      assert.equal(s.filled, 4);
      assert.deepEqual(warned, [
        '"cpu": 1 gap longer than 3 h 30 min filled (longest 4 h from 2026-01-05T02:00:00.000Z); forecasts near them are less certain.',
      ]);
    });

    it('counts every long gap and names the longest (the first of equals)', () => {
      const two: string[] = [];
      const s = regularize(hourly([0, 5, 6, 12, 13], [0, 5, 6, 12, 13]), 'm.csv', two);
      assert.equal(s.filled, 9);
      assert.deepEqual(two, [
        '"cpu": 2 gaps longer than 3 h 30 min filled (longest 5 h from 2026-01-05T07:00:00.000Z); forecasts near them are less certain.',
      ]);
      const first: string[] = [];
      regularize(hourly([0, 6, 7, 8, 13, 14], [0, 6, 7, 8, 13, 14]), 'm.csv', first);
      assert.match(first[0] ?? '', /2 gaps .* \(longest 5 h from 2026-01-05T01:00:00\.000Z\)/);
      const equal: string[] = [];
      regularize(hourly([0, 5, 6, 7, 12, 13], [0, 5, 6, 7, 12, 13]), 'm.csv', equal);
      assert.match(equal[0] ?? '', /2 gaps .* \(longest 4 h from 2026-01-05T01:00:00\.000Z\)/);
    });

    it('a short gap beside a long one: only the long one is counted', () => {
      const warnings: string[] = [];
      regularize(hourly([0, 2, 3, 9, 10], [0, 2, 3, 9, 10]), 'm.csv', warnings);
      assert.match(
        warnings[0] ?? '',
        /^"cpu": 1 gap longer than 3 h 30 min filled \(longest 5 h from 2026-01-05T04:00:00\.000Z\)/,
      );
    });

    it('the wording follows the step', () => {
      const warnings: string[] = [];
      const second = 1000;
      regularize(
        { name: 'q', times: [0, 1, 2, 10, 11].map((i) => T0 + i * second), values: [1, 1, 1, 1, 1] },
        'm.csv',
        warnings,
      );
      assert.deepEqual(warnings, [
        '"q": 1 gap longer than 3.5 s filled (longest 7 s from 2026-01-05T00:00:03.000Z); forecasts near them are less certain.',
      ]);
    });

    it('a gap longer than a day is filled from the same time the day before', () => {
      // a day of 0..23, then 25 hours missing (24..48), then the series goes on at 100
      const hours = [...range(0, 24), 49, 50];
      const s = regularize(hourly(hours, [...range(0, 24), 100, 100]), 'm.csv', []);
      const grid = gridOf(s);
      assert.equal(grid.length, 51);
      assert.deepEqual(grid.slice(24, 48), range(0, 24), 'the day before, hour by hour');
      assert.equal(grid[48], 0, 'and the day before that hour was itself filled from the first day');
      assert.equal(s.filled, 25);
    });

    it('a gap of exactly a day is filled on the line', () => {
      const hours = [...range(0, 24), 48];
      const s = regularize(hourly(hours, [...range(0, 24), 48]), 'm.csv', []);
      assert.deepEqual(gridOf(s), range(0, 49));
    });

    it('in a long gap, the hours with no day before them are filled on the line, the rest from the day before', () => {
      // 28 hours missing after the first two rows: hours 2..23 have no day before them; hours 24..29
      // take hours 0..5 (two rows, then what the line gave)
      const s = regularize(hourly([0, 1, 30, 31], [0, 1, 30, 31]), 'm.csv', []);
      assert.deepEqual(gridOf(s), [...range(0, 24), ...range(0, 6), 30, 31]);
      assert.equal(s.filled, 28);
    });
  });

  describe('the size of the grid', () => {
    const seconds = (list: readonly number[]): RawSeries => ({
      name: 'cpu',
      times: list.map((s) => T0 + s * 1000),
      values: list.map(() => 1),
      place: (i) => ({ line: i + 2, column: 1 }),
    });

    it('a few rows may span up to 10,000 steps more than they are', () => {
      // 3 distinct times at 1 s: at most 3 + 10,000 = 10,003 steps
      assert.equal(regularize(seconds([0, 1, 10_002]), 'm.csv', []).values.length, 10_003);
      assert.match(
        refusal(() => regularize(seconds([0, 1, 10_002]), 'm.csv', [], 10_002)),
        /^m\.csv: the metrics of this file need more grid steps together .* \(metric "cpu" alone 10,003, with 10,002 left\)/,
        'a grid at its limit, beyond the budget left',
      );
      assert.equal(
        refusal(() => regularize(seconds([0, 1, 10_003]), 'm.csv', [])),
        'm.csv:4:1: metric "cpu": a gap of 10,002 steps of 1 s between two rows (the second here) would make its grid 10,004 steps for 3 distinct times; a grid may be at most max(10 × times, times + 10,000) = 10,003 steps. Check the timestamps, or split the file at the gap',
      );
    });

    it('many rows may span ten times as many steps', () => {
      // 2,000 rows at 1 s: at most 20,000 steps (more than 2,000 + 10,000)
      const rows = range(0, 1_999);
      assert.equal(regularize(seconds([...rows, 19_999]), 'm.csv', []).values.length, 20_000);
      assert.match(
        refusal(() => regularize(seconds([...rows, 20_000]), 'm.csv', [])),
        /^m\.csv:2001:1: metric "cpu": a gap of 18,002 steps of 1 s .* grid 20,001 steps for 2,000 distinct times; .* = 20,000 steps\./,
      );
    });

    it('names the widest gap (the first of equals), found after sorting', () => {
      assert.match(
        refusal(() => regularize(seconds([0, 1, 2, 3, 20_003, 40_003]), 'm.csv', [])),
        /^m\.csv:6:1: metric "cpu": a gap of 20,000 steps/,
        'the row after the first of two equal gaps',
      );
      assert.match(
        refusal(() => regularize(seconds([0, 30_000, 1, 2]), 'm.csv', [])),
        /^m\.csv:3:1: metric "cpu": a gap of 29,998 steps/,
        'the row at line 3 ends the gap once the rows are in order',
      );
      assert.match(
        refusal(() => regularize(seconds([0, 30_000, 30_001, 30_002]), 'm.csv', [])),
        /^m\.csv:3:1: metric "cpu": a gap of 30,000 steps/,
        'a gap first in the series',
      );
    });

    it("refuses a grid beyond what is left of the file's budget, and takes one of exactly that size", () => {
      assert.equal(regularize(hourly(range(0, 5), range(0, 5)), 'm.csv', [], 5).values.length, 5);
      assert.equal(
        refusal(() => regularize(hourly(range(0, 5), range(0, 5)), 'm.csv', [], 4)),
        'm.csv: the metrics of this file need more grid steps together than the 20,000,000 a file may have (metric "cpu" alone 5, with 4 left); split the file, or keep less history',
      );
    });
  });

  describe('errorAt (a message at the place a row came from)', () => {
    it('a CSV line and column, a JSON path, or the file alone', () => {
      const csv = hourly([0], [1]);
      assert.equal(errorAt('m.csv', csv, 3, 'bad').message, 'm.csv:5:1: bad');
      const json: RawSeries = { ...csv, place: (i) => ({ path: `metrics.0.points.${i}` }) };
      assert.equal(errorAt('m.json', json, 3, 'bad').message, 'm.json: metrics.0.points.3: bad');
      const bare: RawSeries = { name: 'x', times: [], values: [] };
      assert.equal(errorAt('m.csv', bare, 3, 'bad').message, 'm.csv: bad');
    });
  });

  describe('defaultBreachSide', () => {
    it('below for what is left (free, available, remaining, headroom, idle), whatever the case; above otherwise', () => {
      for (const name of ['disk_free', 'MemAvailable', 'quota_remaining', 'Headroom', 'cpu_idle'])
        assert.equal(defaultBreachSide(name), 'below', name);
      for (const name of ['cpu', 'latency_p99', 'used', 'disk']) assert.equal(defaultBreachSide(name), 'above', name);
    });
  });
});
