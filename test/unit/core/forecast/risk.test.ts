import * as assert from 'node:assert/strict';
import {
  confidenceComponents,
  confidenceScore,
  RISK_ORDER,
  riskAtLeast,
  riskLevel,
  riskScore,
  urgency,
} from '../../../../src/core/forecast/risk';

const H = 3_600_000;

describe('risk levels: both sides of each threshold', () => {
  it('urgency steps down just past 24 h, 72 h and 7 days', () => {
    assert.deepEqual(
      [0, 24 * H, 24 * H + 1, 72 * H, 72 * H + 1, 168 * H, 168 * H + 1].map(urgency),
      [1, 1, 0.75, 0.75, 0.5, 0.5, 0.25],
    );
  });

  it('levels: 75, 50, 25 and 5 are the lowest scores of critical, high, medium and low', () => {
    assert.deepEqual([100, 75, 74.9, 50, 49.9, 25, 24.9, 5, 4.9, 0].map(riskLevel), [
      'critical',
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
      'none',
      'none',
    ]);
  });

  it('a score is rounded to one decimal; without a crossing the urgency is the lowest', () => {
    assert.equal(riskScore(0.12345, 10 * H, false), 12.3);
    assert.equal(riskScore(0.5, null, false), 12.5);
    assert.equal(riskScore(0, null, true), 100, 'already beyond capacity');
  });

  it('orders the levels none < low < medium < high < critical', () => {
    assert.deepEqual(RISK_ORDER, ['none', 'low', 'medium', 'high', 'critical']);
  });

  it('--fail-on: each level is at least itself and every level below it, and below every level above it', () => {
    for (const [i, level] of RISK_ORDER.entries())
      for (const [j, threshold] of RISK_ORDER.entries())
        assert.equal(riskAtLeast(level, threshold), i >= j, `${level} at least ${threshold}`);
  });
});

describe('confidence components', () => {
  const base = { skill: 0, coverage: 0.95, level: 0.95, filled: 0, n: 1000, longestPeriod: 100, horizon: 100 };

  it('a level shift shortens the history that counts: data quality and reach use the steps since it', () => {
    const c = confidenceComponents({ ...base, sinceBreak: 150 });
    assert.ok(Math.abs(c.dataQuality - 0.5) < 1e-12, `${c.dataQuality}`); // 150 / 300
    assert.ok(Math.abs(c.reach - (1 - 100 / 150)) < 1e-12, `${c.reach}`);
    assert.deepEqual(confidenceComponents({ ...base, sinceBreak: 5000 }), confidenceComponents(base), 'an old break');
    assert.deepEqual(confidenceComponents({ ...base, sinceBreak: null }), confidenceComponents(base));
  });

  it('no season counts as a period of one step', () => {
    assert.equal(confidenceComponents({ ...base, longestPeriod: 0 }).dataQuality, 1);
    assert.ok(
      Math.abs(confidenceComponents({ ...base, n: 2, horizon: 1, longestPeriod: 0 }).dataQuality - 2 / 3) < 1e-12,
    );
  });

  it('skill and coverage: exact coverage and seasonal-naive skill give 1 and 0.5; 0.05 off gives 0.8', () => {
    const c = confidenceComponents({ ...base, coverage: 1 });
    assert.deepEqual([confidenceComponents(base).coverage, confidenceComponents(base).skill], [1, 0.5]);
    assert.ok(Math.abs(c.coverage - 0.8) < 1e-12);
    assert.equal(confidenceComponents({ ...base, skill: 0.7 }).skill, 1, 'clamped');
  });

  it('gaps: half the history filled leaves no data quality', () => {
    assert.equal(confidenceComponents({ ...base, filled: 500 }).dataQuality, 0);
    assert.ok(Math.abs(confidenceComponents({ ...base, filled: 100 }).dataQuality - 0.8) < 1e-12);
  });

  it('the score weighs skill 0.4, coverage 0.3, data quality 0.2, reach 0.1, to three decimals', () => {
    const one = { skill: 0, coverage: 0, dataQuality: 0, reach: 0 };
    assert.deepEqual(
      (['skill', 'coverage', 'dataQuality', 'reach'] as const).map((k) => confidenceScore({ ...one, [k]: 1 })),
      [0.4, 0.3, 0.2, 0.1],
    );
    assert.equal(confidenceScore({ skill: 0.33333, coverage: 0, dataQuality: 0, reach: 0 }), 0.133);
  });
});
