import * as assert from 'node:assert/strict';
import { type ForecastData, forecastDataSchema, forecastOrigin } from '../../../../src/core/base/forecastSchema';

const components = (): ForecastData['confidence']['components'] => ({
  skill: 0.5,
  coverage: 0.9,
  dataQuality: 1,
  reach: 0.8,
});

/** A small valid ForecastData: one metric, two points, a breach and a level shift. */
const valid = (): ForecastData => ({
  schemaVersion: 1,
  producer: { provider: 'builtin', model: null, method: 'ensemble', promptHash: null },
  createdAt: '2026-11-29T08:00:00.000Z',
  source: 'metrics.csv',
  horizon: { start: '2026-11-29T09:00:00.000Z', stepSeconds: 3600, count: 2 },
  level: 0.95,
  metrics: [
    {
      name: 'cpu',
      unit: '%',
      capacity: 85,
      breachSide: 'above',
      lastObserved: { t: '2026-11-29T08:00:00.000Z', value: 70 },
      points: [
        { t: '2026-11-29T09:00:00.000Z', value: 80, lower: 75, upper: 85 },
        { t: '2026-11-29T10:00:00.000Z', value: 90, lower: 84, upper: 96 },
      ],
      method: {
        chosen: ['theta'],
        combination: 'single',
        scores: [{ method: 'theta', mase: 0.8, smape: 0.1, windows: 3 }],
        backtestCoverage: 0.9,
        skill: 0.2,
        periods: [24],
      },
      breach: {
        expected: '2026-11-29T09:30:00.000Z',
        earliest: '2026-11-29T09:00:00.000Z',
        latest: null,
        probability: 0.7,
        alreadyBreached: false,
        risk: 'high',
        riskScore: 62,
      },
      confidence: { score: 0.7, components: components() },
      levelShift: { t: '2026-11-28T00:00:00.000Z', before: 40, after: 65 },
    },
  ],
  bottleneck: { metric: 'cpu', expected: '2026-11-29T09:30:00.000Z', earliest: null, probability: 0.7, risk: 'high' },
  risk: { level: 'high', score: 62, reasons: ['cpu reaches 85 % in 1 h'] },
  confidence: { score: 0.7, components: components() },
  warnings: [],
  narrative: null,
});

/** A forecast to break on purpose, field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Change = (d: Loose) => void;
const takes = (change: Change): boolean => {
  const data = valid() as Loose;
  change(data);
  return forecastDataSchema.safeParse(data).success;
};
const metric = (d: Loose): Loose => d['metrics'][0];

describe('forecastDataSchema: what a forecast must be, field by field', () => {
  it('takes the valid forecast', () => {
    assert.equal(forecastDataSchema.safeParse(valid()).error?.message, undefined);
  });

  it('takes each breach side and risk level, each combination, and no other word', () => {
    for (const side of ['above', 'below'])
      assert.ok(
        takes((d) => (metric(d)['breachSide'] = side)),
        side,
      );
    assert.ok(!takes((d) => (metric(d)['breachSide'] = 'sideways')));
    for (const level of ['none', 'low', 'medium', 'high', 'critical']) {
      assert.ok(
        takes((d) => {
          d.risk.level = level;
          metric(d)['breach'].risk = level;
          d.bottleneck.risk = level;
        }),
        level,
      );
    }
    assert.ok(!takes((d) => (d.risk.level = 'severe')));
    for (const c of ['single', 'mean', 'median', 'provider'])
      assert.ok(
        takes((d) => (metric(d)['method'].combination = c)),
        c,
      );
    assert.ok(!takes((d) => (metric(d)['method'].combination = 'vote')));
  });

  it('takes a time with an offset, and refuses one without a zone or not a time', () => {
    assert.ok(takes((d) => (d.createdAt = '2026-11-29T10:00:00+02:00')));
    assert.ok(!takes((d) => (d.createdAt = '2026-11-29T10:00:00')));
    assert.ok(!takes((d) => (metric(d)['points'][0].t = 'tomorrow')));
  });

  it('refuses every nested object that lacks a field it needs', () => {
    const missing: [string, Change][] = [
      ['a score without mase', (d) => delete metric(d)['method'].scores[0].mase],
      ['a breach without probability', (d) => delete metric(d)['breach'].probability],
      ['components without skill', (d) => delete (d.confidence.components as Record<string, unknown>)['skill']],
      ['a metric confidence without components', (d) => delete metric(d)['confidence'].components],
      ['a level shift without its time', (d) => delete metric(d)['levelShift'].t],
      ['a last observation without its value', (d) => delete metric(d)['lastObserved'].value],
      ['a producer without its provider', (d) => delete (d.producer as Record<string, unknown>)['provider']],
      ['a bottleneck without its metric', (d) => delete (d.bottleneck as Record<string, unknown>)['metric']],
      ['a risk without its level', (d) => delete (d.risk as Record<string, unknown>)['level']],
      ['a confidence without its score', (d) => delete (d.confidence as Record<string, unknown>)['score']],
      ['a horizon without its count', (d) => delete (d.horizon as Record<string, unknown>)['count']],
      ['a method without chosen', (d) => delete metric(d)['method'].chosen],
      ['a point without upper', (d) => delete metric(d)['points'][1].upper],
    ];
    for (const [what, change] of missing) assert.ok(!takes(change), what);
  });

  it('holds every share to 0…1 and every score to 0…100, on both sides of each bound', () => {
    const bounded: [string, (d: Loose, v: number) => void, number, number][] = [
      ['breach probability', (d, v) => (metric(d)['breach'].probability = v), 0, 1],
      ['bottleneck probability', (d, v) => (d['bottleneck'].probability = v), 0, 1],
      ['breach risk score', (d, v) => (metric(d)['breach'].riskScore = v), 0, 100],
      ['risk score', (d, v) => (d['risk'].score = v), 0, 100],
      ['confidence', (d, v) => (d['confidence'].score = v), 0, 1],
      ['metric confidence', (d, v) => (metric(d)['confidence'].score = v), 0, 1],
      ['skill component', (d, v) => (d['confidence'].components.skill = v), 0, 1],
      ['coverage component', (d, v) => (d['confidence'].components.coverage = v), 0, 1],
      ['data quality component', (d, v) => (d['confidence'].components.dataQuality = v), 0, 1],
      ['reach component', (d, v) => (d['confidence'].components.reach = v), 0, 1],
      ['backtest coverage', (d, v) => (metric(d)['method'].backtestCoverage = v), 0, 1],
    ];
    for (const [what, set, min, max] of bounded) {
      assert.ok(
        takes((d) => set(d, min)),
        `${what} = ${min}`,
      );
      assert.ok(
        takes((d) => set(d, max)),
        `${what} = ${max}`,
      );
      assert.ok(!takes((d) => set(d, min - 0.01)), `${what} below ${min}`);
      assert.ok(!takes((d) => set(d, max + 0.01)), `${what} above ${max}`);
    }
    assert.ok(!takes((d) => (d.level = 1)) && !takes((d) => (d.level = 0)), 'a level strictly between 0 and 1');
    assert.ok(!takes((d) => (metric(d)['points'][0].value = Number.NaN)), 'a value is finite');
  });
});

describe('forecastOrigin', () => {
  it('is one step before the horizon starts: the last observation', () => {
    assert.equal(forecastOrigin(valid()), Date.parse('2026-11-29T08:00:00.000Z'));
    assert.equal(
      forecastOrigin({ horizon: { start: '2026-11-29T09:00:00.000Z', stepSeconds: 300, count: 1 } }),
      Date.parse('2026-11-29T08:55:00.000Z'),
    );
  });
});
