import * as assert from 'node:assert/strict';
import { breachSteps, crossingStep, normalCdf, normalQuantile } from '../../../../src/core/forecast/breach';
import {
  confidenceComponents,
  confidenceScore,
  riskAtLeast,
  riskLevel,
  riskScore,
} from '../../../../src/core/forecast/risk';

const H = 3_600_000;

describe('breach times', () => {
  it('interpolates the crossing between steps', () => {
    // from 80 to 85 (step 1) to 95 (step 2): 90 is reached halfway through step 2 → 1.5
    assert.equal(crossingStep(80, [85, 95], 90, 'above'), 1.5);
  });

  it('interpolates within the first step from the last observation', () => {
    assert.equal(crossingStep(80, [100], 90, 'above'), 0.5);
  });

  it('crosses downwards for a breach below', () => {
    // free disk 50 → 44 → 38: 40 reached at 1 + (40 − 44)/(38 − 44) = 1.666…
    assert.ok(Math.abs((crossingStep(50, [44, 38], 40, 'below') ?? 0) - 5 / 3) < 1e-12);
  });

  it('is 0 when already beyond capacity and null when never reached', () => {
    assert.equal(crossingStep(95, [96], 90, 'above'), 0);
    assert.equal(crossingStep(10, [20, 30], 90, 'above'), null);
  });

  it('earliest comes from the pessimistic bound and latest from the optimistic one', () => {
    const s = breachSteps(80, [84, 88, 92], [82, 84, 86], [86, 92, 98], 90, 'above', 0.95);
    assert.ok(s.earliest !== null && s.expected !== null);
    assert.ok(s.earliest < s.expected);
    assert.equal(s.latest, null);
    assert.equal(s.alreadyBreached, false);
  });

  it('probability is ½ where the point forecast sits on the capacity', () => {
    const s = breachSteps(50, [60, 90], [40, 70], [80, 110], 90, 'above', 0.95);
    assert.ok(Math.abs(s.probability - 0.5) < 1e-6);
  });

  it('probability is the normal tail beyond the capacity at the worst step', () => {
    // point 80, 95% bounds 70–90 → σ = 10/1.96; P(y ≥ 90) = 1 − Φ(1.96) = 0.025
    const s = breachSteps(50, [80], [70], [90], 90, 'above', 0.95);
    assert.ok(Math.abs(s.probability - 0.025) < 1e-3);
  });

  it('a metric already beyond capacity has probability 1', () => {
    assert.equal(breachSteps(30, [50], [45], [55], 40, 'below', 0.95).probability, 1);
  });

  it('normal CDF and quantile agree with tables', () => {
    assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-5);
    assert.ok(Math.abs(normalQuantile(0.01) + 2.326348) < 1e-5);
  });
});

describe('risk', () => {
  it('score = 100 · probability · urgency, urgency by time to the earliest breach', () => {
    assert.equal(riskScore(0.8, 20 * H, false), 80); // ≤ 24 h: urgency 1
    assert.equal(riskScore(0.8, 48 * H, false), 60); // ≤ 72 h: 0.75
    assert.equal(riskScore(0.8, 100 * H, false), 40); // ≤ 7 days: 0.5
    assert.equal(riskScore(0.8, 200 * H, false), 20); // beyond: 0.25
    assert.equal(riskScore(0.3, null, false), 7.5);
  });

  it('a metric already beyond capacity scores 100', () => {
    assert.equal(riskScore(0.2, 100 * H, true), 100);
  });

  it('levels from the score', () => {
    assert.deepEqual([80, 60, 40, 10, 2].map(riskLevel), ['critical', 'high', 'medium', 'low', 'none']);
    assert.deepEqual([75, 50, 25, 5, 4.9].map(riskLevel), ['critical', 'high', 'medium', 'low', 'none']);
  });

  it('compares levels for --fail-on', () => {
    assert.equal(riskAtLeast('high', 'medium'), true);
    assert.equal(riskAtLeast('low', 'medium'), false);
    assert.equal(riskAtLeast('critical', 'critical'), true);
  });
});

describe('confidence', () => {
  it('components by hand', () => {
    const c = confidenceComponents({
      skill: 0.3,
      coverage: 0.9,
      level: 0.95,
      filled: 10,
      n: 1000,
      longestPeriod: 168,
      horizon: 100,
    });
    assert.ok(Math.abs(c.skill - 0.8) < 1e-12); // 0.5 + 0.3
    assert.ok(Math.abs(c.coverage - 0.8) < 1e-12); // 1 − 4·0.05
    assert.ok(Math.abs(c.dataQuality - 0.98) < 1e-12); // (1 − 20/1000) · min(1, 1000/504)
    assert.ok(Math.abs(c.reach - 0.9) < 1e-12); // 1 − 100/1000
    assert.equal(confidenceScore(c), 0.846); // 0.4·0.8 + 0.3·0.8 + 0.2·0.98 + 0.1·0.9
  });

  it('short history against the season and unknown parts lower it', () => {
    const c = confidenceComponents({
      skill: null,
      coverage: null,
      level: 0.95,
      filled: 0,
      n: 168,
      longestPeriod: 168,
      horizon: 168,
    });
    assert.deepEqual([c.skill, c.coverage, c.reach], [0.5, 0.5, 0]);
    assert.ok(Math.abs(c.dataQuality - 1 / 3) < 1e-12);
  });

  it('clamps components to [0, 1]', () => {
    const c = confidenceComponents({
      skill: -3,
      coverage: 0,
      level: 0.95,
      filled: 900,
      n: 1000,
      longestPeriod: 24,
      horizon: 5000,
    });
    assert.deepEqual([c.skill, c.coverage, c.dataQuality, c.reach], [0, 0, 0, 0]);
  });
});
