import * as assert from 'node:assert/strict';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { planStatus } from '../../../../src/core/sources/planThresholds';

const HOUR = 3_600_000;
/** The last observation: the forecast starts one step (an hour) later. */
const ORIGIN = Date.UTC(2026, 10, 20, 12, 0, 0);

/** The parts of a forecast planStatus reads: the horizon, each metric's breach, the bottleneck. */
function forecast(opts: {
  expected?: number | null;
  earliest?: number | null;
  metric?: string;
  already?: string;
}): ForecastData {
  const at = (ms: number | null | undefined): string | null =>
    ms === undefined || ms === null ? null : new Date(ORIGIN + ms).toISOString();
  const bottleneck =
    opts.metric === undefined
      ? null
      : { metric: opts.metric, expected: at(opts.expected), earliest: at(opts.earliest) };
  return {
    horizon: { start: new Date(ORIGIN + HOUR).toISOString(), stepSeconds: 3600 },
    metrics: [
      { name: 'cpu', breach: { alreadyBreached: false } },
      ...(opts.already !== undefined ? [{ name: opts.already, breach: { alreadyBreached: true } }] : []),
      { name: 'mem', breach: null },
    ],
    bottleneck,
  } as unknown as ForecastData;
}

const both = { warningMs: 7 * 24 * HOUR, criticalMs: 24 * HOUR };

describe('planStatus: a forecast against the plan thresholds', () => {
  it('is ok with no breach expected, whatever the thresholds', () => {
    for (const thresholds of [{}, both])
      assert.deepEqual(planStatus(forecast({}), thresholds), {
        status: 'ok',
        reason: 'no breach is expected within the horizon',
      });
  });

  it('is ok when the bottleneck has neither an expected nor an earliest breach time', () => {
    assert.deepEqual(planStatus(forecast({ metric: 'disk', expected: null, earliest: null }), both), {
      status: 'ok',
      reason: 'no breach is expected within the horizon',
    });
  });

  it('is critical up to and at the critical threshold, a warning just past it', () => {
    assert.deepEqual(planStatus(forecast({ metric: 'disk', expected: 24 * HOUR }), both), {
      status: 'critical',
      reason: 'disk may breach within 1 d (critical within 1 d)',
    });
    assert.deepEqual(planStatus(forecast({ metric: 'disk', expected: 24 * HOUR + 60_000 }), both), {
      status: 'warning',
      reason: 'disk may breach within 1 d (warning within 7 d)',
    });
  });

  it('is a warning up to and at the warning threshold, ok just past it', () => {
    assert.deepEqual(planStatus(forecast({ metric: 'disk', expected: 7 * 24 * HOUR }), both), {
      status: 'warning',
      reason: 'disk may breach within 7 d (warning within 7 d)',
    });
    assert.deepEqual(planStatus(forecast({ metric: 'disk', expected: 7 * 24 * HOUR + 60_000 }), both), {
      status: 'ok',
      reason: "disk may breach within 7 d, beyond the plan's thresholds",
    });
  });

  it('judges by the pessimistic bound when there is one, else by the expected time', () => {
    assert.equal(
      planStatus(forecast({ metric: 'disk', expected: 10 * 24 * HOUR, earliest: 12 * HOUR }), both).status,
      'critical',
    );
    assert.equal(
      planStatus(forecast({ metric: 'disk', expected: 12 * HOUR, earliest: null }), both).status,
      'critical',
    );
  });

  it('counts an observation already beyond capacity as a breach now, naming that metric', () => {
    assert.deepEqual(planStatus(forecast({ already: 'queue', metric: 'disk', expected: 30 * 24 * HOUR }), both), {
      status: 'critical',
      reason: 'queue is already beyond its capacity (critical within 1 d)',
    });
    assert.deepEqual(planStatus(forecast({ already: 'queue' }), { warningMs: HOUR }), {
      status: 'warning',
      reason: 'queue is already beyond its capacity (warning within 1 h)',
    });
  });

  it('reads a breach time before the origin as now', () => {
    assert.deepEqual(planStatus(forecast({ metric: 'disk', expected: -2 * HOUR }), { criticalMs: 0 }), {
      status: 'critical',
      reason: 'disk is already beyond its capacity (critical within 0 min)',
    });
  });

  it('has no status but ok for a plan without thresholds', () => {
    assert.deepEqual(planStatus(forecast({ metric: 'disk', expected: HOUR }), {}), {
      status: 'ok',
      reason: "disk may breach within 1 h, beyond the plan's thresholds",
    });
    assert.equal(planStatus(forecast({ metric: 'disk', expected: HOUR }), { warningMs: 2 * HOUR }).status, 'warning');
    assert.equal(planStatus(forecast({ metric: 'disk', expected: HOUR }), { criticalMs: 2 * HOUR }).status, 'critical');
  });
});
