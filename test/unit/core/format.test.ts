import * as assert from 'node:assert/strict';
import { formatBytes, formatDuration, formatUtc, formatValue, parseHorizon } from '../../../src/core/format';
import { germanL10n } from '../../support/germanL10n';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatDuration: a duration the way the panel and the CLI show it', () => {
  it('shows whole minutes under an hour, rounded to the nearest minute', () => {
    assert.equal(formatDuration(0), '0 min');
    assert.equal(formatDuration(29_999), '0 min');
    assert.equal(formatDuration(30_000), '1 min');
    assert.equal(formatDuration(45 * MIN), '45 min');
    assert.equal(formatDuration(59 * MIN), '59 min');
    assert.equal(formatDuration(59 * MIN + 29_999), '59 min');
  });

  it('switches to hours at 60 minutes, with the minutes left over when there are any', () => {
    assert.equal(formatDuration(59 * MIN + 30_000), '1 h', 'rounds up into the hour');
    assert.equal(formatDuration(HOUR), '1 h');
    assert.equal(formatDuration(HOUR + MIN), '1 h 1 min');
    assert.equal(formatDuration(2 * HOUR + 5 * MIN), '2 h 5 min');
    assert.equal(formatDuration(23 * HOUR + 59 * MIN), '23 h 59 min');
  });

  it('switches to days at 24 hours, with the hours left over and the minutes dropped', () => {
    assert.equal(formatDuration(DAY), '1 d');
    assert.equal(formatDuration(DAY + 59 * MIN), '1 d', 'minutes are not shown beside days');
    assert.equal(formatDuration(DAY + HOUR), '1 d 1 h');
    assert.equal(formatDuration(3 * DAY + 4 * HOUR + 30 * MIN), '3 d 4 h');
    assert.equal(formatDuration(2 * DAY - MIN), '1 d 23 h');
    assert.equal(formatDuration(14 * DAY), '14 d');
  });

  it('shows a duration in the past the same way as one in the future', () => {
    assert.equal(formatDuration(-45 * MIN), '45 min');
    assert.equal(formatDuration(-(HOUR + 30 * MIN)), '1 h 30 min');
    assert.equal(formatDuration(-(3 * DAY + 4 * HOUR)), '3 d 4 h');
  });

  it('says its units in the language of the translator it is given', () => {
    const de = germanL10n();
    assert.equal(formatDuration(45 * MIN, de), '45 Min.');
    assert.equal(formatDuration(HOUR, de), '1 Std.');
    assert.equal(formatDuration(2 * HOUR + 5 * MIN, de), '2 Std. 5 Min.');
    assert.equal(formatDuration(14 * DAY, de), '14 Tg.');
    assert.equal(formatDuration(3 * DAY + 4 * HOUR, de), '3 Tg. 4 Std.');
  });
});

describe('parseHorizon: "90m", "6h", "2d", "1w" or a number of steps', () => {
  it('reads each unit as milliseconds', () => {
    assert.deepEqual(parseHorizon('90m'), { ms: 90 * MIN });
    assert.deepEqual(parseHorizon('90min'), { ms: 90 * MIN });
    assert.deepEqual(parseHorizon('6h'), { ms: 6 * HOUR });
    assert.deepEqual(parseHorizon('2d'), { ms: 2 * DAY });
    assert.deepEqual(parseHorizon('1w'), { ms: 7 * DAY });
  });

  it('takes a fraction with a unit, any letter case, and spaces around and between', () => {
    assert.deepEqual(parseHorizon('1.5h'), { ms: 90 * MIN });
    assert.deepEqual(parseHorizon('0.25d'), { ms: 6 * HOUR });
    assert.deepEqual(parseHorizon('12.75h'), { ms: 12.75 * HOUR });
    assert.deepEqual(parseHorizon('6H'), { ms: 6 * HOUR });
    assert.deepEqual(parseHorizon('90 MIN'), { ms: 90 * MIN });
    assert.deepEqual(parseHorizon('  6 h  '), { ms: 6 * HOUR });
    assert.deepEqual(parseHorizon('\t2d\n'), { ms: 2 * DAY });
  });

  it('reads a bare whole number as steps', () => {
    assert.deepEqual(parseHorizon('12'), { steps: 12 });
    assert.deepEqual(parseHorizon('1'), { steps: 1 });
    assert.deepEqual(parseHorizon(' 288 '), { steps: 288 });
  });

  it('refuses zero, a fractional number of steps, and anything that is not a number and a known unit', () => {
    for (const text of ['0', '0h', '0.0d', '1.5', '', ' ', 'h', '-5', '-1h', '+2h', '.5h', '1.h', '1e3', 'abc']) {
      assert.equal(parseHorizon(text), undefined, JSON.stringify(text));
    }
    for (const text of ['6s', '6 hours', '6hx', '6h x', 'x6h', 'in 6h', '2 d h', '6 h6']) {
      assert.equal(parseHorizon(text), undefined, JSON.stringify(text));
    }
  });
});

describe('formatValue: a number the way a person reads it', () => {
  it('keeps no decimals from 1000 up, one from 100, two from 1, three significant digits below', () => {
    assert.equal(formatValue(123_456.7), '123457');
    assert.equal(formatValue(1000.4), '1000');
    assert.equal(formatValue(999.96), '1000');
    assert.equal(formatValue(999.94), '999.9');
    assert.equal(formatValue(100.45), '100.5');
    assert.equal(formatValue(99.994), '99.99');
    assert.equal(formatValue(1.234), '1.23');
    assert.equal(formatValue(0.98765), '0.988');
    assert.equal(formatValue(0.012345), '0.0123');
  });

  it('drops trailing zeros and a point left bare, but never the zeros of a whole number', () => {
    assert.equal(formatValue(1000), '1000');
    assert.equal(formatValue(2500), '2500');
    assert.equal(formatValue(100), '100');
    assert.equal(formatValue(120), '120');
    assert.equal(formatValue(100.5), '100.5');
    assert.equal(formatValue(2), '2');
    assert.equal(formatValue(1.5), '1.5');
    assert.equal(formatValue(10.05), '10.05');
    assert.equal(formatValue(0.5), '0.5');
    assert.equal(formatValue(0), '0');
  });

  it('rounds a negative number by its size, like a positive one', () => {
    assert.equal(formatValue(-1234.5), '-1235');
    assert.equal(formatValue(-150.25), '-150.3');
    assert.equal(formatValue(-2.5), '-2.5');
    assert.equal(formatValue(-0.0123456), '-0.0123');
  });

  it('adds the unit after a space when there is one', () => {
    assert.equal(formatValue(87.5, '%'), '87.5 %');
    assert.equal(formatValue(1200, 'req/s'), '1200 req/s');
    assert.equal(formatValue(87.5, ''), '87.5');
    assert.equal(formatValue(87.5, null), '87.5');
    assert.equal(formatValue(87.5), '87.5');
  });
});

describe('formatUtc: an absolute time to the minute, in UTC', () => {
  it('writes the date and the time to the minute, seconds dropped, and says UTC', () => {
    assert.equal(formatUtc(Date.UTC(2026, 11, 2, 14, 27, 59, 999)), '2026-12-02 14:27 UTC');
    assert.equal(formatUtc(Date.UTC(2027, 0, 1, 0, 0)), '2027-01-01 00:00 UTC');
  });
});

describe('formatBytes: a size the way limits are stated', () => {
  it('counts bytes below 1 KiB', () => {
    assert.equal(formatBytes(0), '0 bytes');
    assert.equal(formatBytes(300), '300 bytes');
    assert.equal(formatBytes(1023), '1023 bytes');
  });

  it('counts KiB from 1024 bytes, with one decimal when it is not whole', () => {
    assert.equal(formatBytes(1024), '1 KiB');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(64 * 1024), '64 KiB');
    assert.equal(formatBytes(1024 * 1024 - 1), '1024 KiB');
  });

  it('counts MiB from 1024 KiB, with one decimal when it is not whole', () => {
    assert.equal(formatBytes(1024 * 1024), '1 MiB');
    assert.equal(formatBytes(1.5 * 1024 * 1024), '1.5 MiB');
    assert.equal(formatBytes(256 * 1024 * 1024), '256 MiB');
    assert.equal(formatBytes(10.4 * 1024 * 1024), '10.4 MiB');
  });
});
