import * as assert from 'node:assert/strict';
import { benchmarkMethods, buildPool } from '../../../../src/core/forecast/pool';
import { type ForecastMethod } from '../../../../src/core/forecast/methods/method';

/** Each method as `id minLength`: the id names the model and its parameters (lags, half-life, log, period). */
const described = (methods: readonly ForecastMethod[]): string[] => methods.map((m) => `${m.id} ${m.minLength}`);

describe('buildPool: the methods the backtest chooses from', () => {
  it('hourly data with a daily and a weekly period: autoregressions on 7 and 14 daily lags, half-lives of one and two weeks', () => {
    assert.deepEqual(described(buildPool([24, 168])), [
      // lags = weekly / daily = 7; half-life 7 days; each needs one day and a step of history
      'sar-7-log-hl168 25',
      'sar-7-hl168 25',
      'sar-7-log-hl336 25',
      'sar-14-log-hl336 25',
      'theil-sen 16',
      'snaive-24 24',
      'snaive-168 168',
      'naive 1',
      'theta-168 338',
      'ses 8',
      'ets-damped 16',
      // the seasonal profiles: three weeks weighted to the latest, seven days' median, four weeks' median
      'profile-168-ewm3 504',
      'profile-24-median7 168',
      'profile-168-median4 672',
    ]);
  });

  it('takes its lags from the longest period over the shortest, rounded, and its half-life from the shortest', () => {
    // 168 / 48 = 3.5, rounded to 4; half-life 7 × 48
    assert.deepEqual(described(buildPool([48, 168]).slice(0, 4)), [
      'sar-4-log-hl336 49',
      'sar-4-hl336 49',
      'sar-4-log-hl672 49',
      'sar-8-log-hl672 49',
    ]);
    // with three periods the longest is the last one, the shortest the first: 168 / 12 = 14
    const three = buildPool([12, 24, 168]);
    assert.deepEqual(described(three.slice(0, 4)), [
      'sar-14-log-hl84 13',
      'sar-14-hl84 13',
      'sar-14-log-hl168 13',
      'sar-28-log-hl168 13',
    ]);
    // a seasonal naive per period, theta and the long profiles on the longest, the median profile on the shortest
    assert.deepEqual(
      three.map((m) => m.id).filter((id) => /^(snaive|theta|profile)/.test(id)),
      [
        'snaive-12',
        'snaive-24',
        'snaive-168',
        'theta-168',
        'profile-168-ewm3',
        'profile-12-median7',
        'profile-168-median4',
      ],
    );
  });

  it('one period: three seasonal lags, the two profiles on that period, no four-season profile', () => {
    assert.deepEqual(described(buildPool([24])), [
      'sar-3-log-hl168 25',
      'sar-3-hl168 25',
      'sar-3-log-hl336 25',
      'sar-6-log-hl336 25',
      'theil-sen 16',
      'snaive-24 24',
      'naive 1',
      'theta-24 50',
      'ses 8',
      'ets-damped 16',
      'profile-24-ewm3 72',
      'profile-24-median7 168',
    ]);
  });

  it('no seasonality: the autoregressions run on lags 1…7 (and 1…14) with a week of hourly half-life, and no profile', () => {
    assert.deepEqual(described(buildPool([])), [
      'sar-7-log-hl168 2',
      'sar-7-hl168 2',
      'sar-7-log-hl336 2',
      'sar-14-log-hl336 2',
      'theil-sen 16',
      'naive 1',
      'theta-1 4',
      'ses 8',
      'ets-damped 16',
    ]);
  });

  it('always holds the naive forecast, and no id twice (the selection tells methods apart by id)', () => {
    for (const periods of [[], [24], [24, 168], [12, 24, 168], [7]]) {
      const ids = buildPool(periods).map((m) => m.id);
      assert.ok(ids.includes('naive'), JSON.stringify(periods));
      assert.equal(new Set(ids).size, ids.length, JSON.stringify(periods));
    }
  });
});

describe('benchmarkMethods: the pool and the methods scored only on their own', () => {
  it('adds a trended two-week median profile, theta and damped Holt–Winters on the shortest period', () => {
    const methods = benchmarkMethods([24, 168]);
    assert.deepEqual(
      methods.map((m) => m.id),
      [...buildPool([24, 168]).map((m) => m.id), 'profile-24-median14-trend', 'theta-24', 'hw-damped-24'],
    );
    assert.deepEqual(described(methods.slice(-3)), ['profile-24-median14-trend 336', 'theta-24 50', 'hw-damped-24 50']);
  });

  it('without seasonality those run on a period of one step', () => {
    assert.deepEqual(described(benchmarkMethods([]).slice(-3)), [
      'profile-1-median14-trend 14',
      'theta-1 4',
      'hw-damped-1 4',
    ]);
  });
});
