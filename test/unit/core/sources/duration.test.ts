import * as assert from 'node:assert/strict';
import { parseDuration, stepParam } from '../../../../src/core/sources/duration';

describe('durations as Prometheus writes them (parseDuration)', () => {
  it('reads every unit, from milliseconds to years (a year is 365 days)', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.equal(parseDuration('14d'), 14 * 86_400_000);
    assert.equal(parseDuration('2w'), 14 * 86_400_000);
    assert.equal(parseDuration('1y'), 365 * 86_400_000);
  });

  it('adds up units written largest first, down to milliseconds', () => {
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('1d12h'), 36 * 3_600_000);
    assert.equal(parseDuration('1m30s500ms'), 90_500);
    assert.equal(
      parseDuration('1y2w3d4h5m6s7ms'),
      31_536_000_000 + 2 * 604_800_000 + 3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000 + 6_000 + 7,
    );
  });

  it('takes counts of up to nine digits, and zeros inside a count', () => {
    assert.equal(parseDuration('999999999ms'), 999_999_999);
    assert.equal(parseDuration('10s'), 10_000);
    assert.equal(parseDuration('1h0m'), 3_600_000);
  });

  it('refuses units out of order or repeated, so a typo cannot add up silently', () => {
    assert.equal(parseDuration('30m1h'), undefined);
    assert.equal(parseDuration('1h1h'), undefined);
    assert.equal(parseDuration('500ms1s'), undefined);
  });

  it('refuses a zero duration, however it is written', () => {
    assert.equal(parseDuration('0s'), undefined);
    assert.equal(parseDuration('0h0m'), undefined);
  });

  it('refuses anything else: no unit, no count, spaces, capitals, fractions, signs, ten digits, other text', () => {
    for (const text of [
      '',
      '5',
      'm',
      's5',
      '5 m',
      ' 5m',
      '5m ',
      '5M',
      '5S',
      '1.5h',
      '-5m',
      '+5m',
      'x5m',
      '5mx',
      '5min',
      '5ms5',
      '1234567890s',
      '5m\n',
    ])
      assert.equal(parseDuration(text), undefined, JSON.stringify(text));
  });
});

describe('steps as Prometheus takes them (stepParam)', () => {
  it('writes milliseconds as seconds, with a decimal when needed', () => {
    assert.equal(stepParam(300_000), '300');
    assert.equal(stepParam(500), '0.5');
    assert.equal(stepParam(1_000), '1');
  });
});
