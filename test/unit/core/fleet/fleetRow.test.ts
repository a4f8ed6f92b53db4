import * as assert from 'node:assert/strict';
import {
  DEFAULT_THRESHOLDS,
  type FleetRow,
  compareRows,
  failedRow,
  parseSeriesName,
  rowOf,
  statusOf,
} from '../../../../src/core/fleet/fleetRow';
import { type Breach, type ForecastData } from '../../../../src/core/base/forecastSchema';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { row } from '../../../support/fleetRows';
import { hourlySet } from '../../../support/helpers';

const H = 3_600_000;

describe('fleet rows', () => {
  describe('statusOf: time to breach against the thresholds', () => {
    const t = { warningMs: 7 * 24 * H, criticalMs: 24 * H };
    it('is critical within critical, a warning within warning, ok beyond or without a breach', () => {
      assert.equal(statusOf(0, t), 'critical');
      assert.equal(statusOf(24 * H, t), 'critical');
      assert.equal(statusOf(24 * H + 1, t), 'warning');
      assert.equal(statusOf(7 * 24 * H, t), 'warning');
      assert.equal(statusOf(7 * 24 * H + 1, t), 'ok');
      assert.equal(statusOf(null, t), 'ok');
    });
    it('a threshold that is not set is never reached', () => {
      assert.equal(statusOf(0, { warningMs: H }), 'warning');
      assert.equal(statusOf(0, { criticalMs: H }), 'critical');
      assert.equal(statusOf(2 * H, { criticalMs: H }), 'ok');
      assert.equal(statusOf(0, {}), 'ok');
    });
    it('the defaults are 7 days and 24 hours', () => {
      assert.deepEqual(DEFAULT_THRESHOLDS, { warningMs: 7 * 24 * H, criticalMs: 24 * H });
    });
  });

  describe('compareRows: the fleet order', () => {
    const sorted = (rows: FleetRow[]): string[] => [...rows].sort(compareRows).map((r) => r.series);
    it('already breached first, then the soonest expected breach, then the earliest pessimistic one, then probability', () => {
      const rows = [
        row('none'),
        row('late', { expected: '2026-11-05T00:00:00Z', earliest: '2026-11-02T00:00:00Z' }),
        row('soon', { expected: '2026-11-03T00:00:00Z', earliest: '2026-11-03T00:00:00Z' }),
        row('breached', { alreadyBreached: true, expected: '2026-11-09T00:00:00Z' }),
        row('pessimistic-only', { earliest: '2026-11-01T06:00:00Z', probability: 0.2 }),
        row('pessimistic-only-likelier', { earliest: '2026-11-01T06:00:00Z', probability: 0.4 }),
        row('failed', { error: 'too little history', alreadyBreached: true }),
      ];
      assert.deepEqual(sorted(rows), [
        'breached',
        'soon',
        'late',
        'pessimistic-only-likelier',
        'pessimistic-only',
        'none',
        'failed',
      ]);
    });
    it('an expected breach at the same instant is ordered by the earliest one, then by probability', () => {
      const at = '2026-11-03T00:00:00Z';
      assert.deepEqual(
        sorted([
          row('b', { expected: at, earliest: '2026-11-02T00:00:00Z', probability: 0.9 }),
          row('a', { expected: at, earliest: '2026-11-01T00:00:00Z', probability: 0.5 }),
          row('c', { expected: at, earliest: '2026-11-01T00:00:00Z', probability: 0.6 }),
        ]),
        ['c', 'a', 'b'],
      );
    });
    it('full ties are ordered by group, then series name, so the order is total', () => {
      assert.deepEqual(
        sorted([row('b', { group: 'x' }), row('a', { group: 'y' }), row('a', { group: 'x' })]).join(),
        'a,b,a',
      );
      assert.equal(compareRows(row('a'), row('a')), 0);
    });
  });

  describe('parseSeriesName', () => {
    it('splits a name the loaders wrote into the metric and its labels', () => {
      const p = parseSeriesName('disk_free{instance="db-3", mountpoint="/var"}');
      assert.equal(p.metric, 'disk_free');
      assert.deepEqual({ ...p.labels }, { instance: 'db-3', mountpoint: '/var' });
    });
    it('reads escaped quotes and commas inside values', () => {
      const p = parseSeriesName('m{path="a\\"b, c", x="1"}');
      assert.deepEqual({ ...p.labels }, { path: 'a"b, c', x: '1' });
    });
    it('a name without labels, or with braces that are not labels, is all name', () => {
      const names = ['cpu', 'cpu{', '{a="b"}', 'cpu{not labels}', 'cpu{a="b"} tail', 'cpu{a="b" c="d"}'];
      // an escape JSON does not know
      names.push('cpu{a="\\x"}');
      for (const name of names) assert.deepEqual(parseSeriesName(name), { metric: name, labels: {} }, name);
    });
    it('blanks around the commas are allowed', () => {
      assert.deepEqual({ ...parseSeriesName('m{a="1" ,  b="2"  }').labels }, { a: '1', b: '2' });
    });
    it('a label named __proto__ is a label, not a prototype', () => {
      const p = parseSeriesName('m{__proto__="x"}');
      assert.equal(Object.getPrototypeOf(p.labels), null);
      assert.equal(p.labels['__proto__'], 'x');
    });
  });

  it('a failed row says why, has no breach and ranks last', () => {
    const r = failedRow({ series: 'm{a="1"}', group: 'm' }, 'too little history');
    assert.equal(r.error, 'too little history');
    assert.equal(r.status, 'ok');
    assert.equal(r.msToBreach, null);
    assert.deepEqual({ ...r.labels }, { a: '1' });
    assert.ok(compareRows(r, row('z')) > 0);
    assert.deepEqual(
      [r.breachSide, r.alreadyBreached, r.risk, r.riskScore, r.probability, r.confidence],
      ['above', false, 'none', 0, 0, 0],
    );
    assert.deepEqual([r.unit, r.capacity, r.lastObserved, r.expected, r.earliest], [null, null, null, null, null]);
  });

  describe('rowOf: the row of a one-series forecast', () => {
    const info = { series: 'cpu{host="a"}', group: 'cpu' };
    /** A real forecast of the helpers' hourly CPU (last point 2026-01-14 23:00), its capacity as given. */
    const forecast = (capacity?: number): ForecastData => {
      const set = hourlySet();
      const { capacity: _, ...cpu } = set.metrics[0] as (typeof set.metrics)[number];
      return forecastMetricSet(
        { ...set, metrics: [{ ...cpu, ...(capacity !== undefined ? { capacity } : {}) }] },
        { horizon: { steps: 48 } },
      );
    };
    const withBreach = (data: ForecastData, over: Partial<Breach>): ForecastData => {
      const m = data.metrics[0] as ForecastData['metrics'][number];
      return { ...data, metrics: [{ ...m, breach: { ...(m.breach as Breach), ...over } }] };
    };
    const LAST = Date.parse('2026-01-14T23:00:00.000Z');

    it("takes the metric's breach, and its time to breach from the pessimistic bound", () => {
      const data = forecast(60);
      const m = data.metrics[0] as ForecastData['metrics'][number];
      const b = m.breach as Breach;
      const r = rowOf(info, data, DEFAULT_THRESHOLDS);
      assert.deepEqual(
        [r.series, r.group, { ...r.labels }, r.unit, r.capacity, r.breachSide, r.lastObserved],
        ['cpu{host="a"}', 'cpu', { host: 'a' }, '%', 60, 'above', m.lastObserved],
      );
      assert.deepEqual(
        [r.expected, r.earliest, r.probability, r.alreadyBreached, r.risk, r.riskScore, r.confidence],
        [b.expected, b.earliest, b.probability, false, b.risk, b.riskScore, m.confidence.score],
      );
      assert.ok(b.earliest !== null && b.risk !== 'none' && b.riskScore > 0, JSON.stringify(b));
      assert.equal(r.msToBreach, Date.parse(b.earliest) - LAST);
      assert.equal(r.status, 'critical');
      assert.equal(r.error, undefined);
    });

    it('without a pessimistic crossing, the expected one; a crossing before the last point is 0', () => {
      const data = forecast(60);
      const expected = withBreach(data, { earliest: null, expected: '2026-01-15T05:00:00.000Z' });
      assert.equal(rowOf(info, expected, DEFAULT_THRESHOLDS).msToBreach, 6 * H);
      const before = withBreach(data, { earliest: '2026-01-14T20:00:00.000Z' });
      assert.equal(rowOf(info, before, DEFAULT_THRESHOLDS).msToBreach, 0);
      const beyond = withBreach(data, { alreadyBreached: true, earliest: '2026-01-16T00:00:00.000Z' });
      const r = rowOf(info, beyond, DEFAULT_THRESHOLDS);
      assert.deepEqual([r.msToBreach, r.alreadyBreached, r.status], [0, true, 'critical']);
      const late = withBreach(data, { earliest: '2026-01-20T23:00:00.000Z' });
      assert.deepEqual(
        [rowOf(info, late, DEFAULT_THRESHOLDS).msToBreach, rowOf(info, late, DEFAULT_THRESHOLDS).status],
        [6 * 24 * H, 'warning'],
      );
    });

    it('no crossing in sight, or no capacity at all: no breach, ok', () => {
      const none = rowOf(info, forecast(200), DEFAULT_THRESHOLDS);
      assert.deepEqual([none.expected, none.earliest, none.msToBreach, none.status], [null, null, null, 'ok']);
      const uncapped = rowOf(info, forecast(), DEFAULT_THRESHOLDS);
      assert.deepEqual(
        [uncapped.capacity, uncapped.expected, uncapped.earliest, uncapped.probability, uncapped.alreadyBreached],
        [null, null, null, 0, false],
      );
      assert.deepEqual(
        [uncapped.risk, uncapped.riskScore, uncapped.msToBreach, uncapped.status],
        ['none', 0, null, 'ok'],
      );
    });

    it('a forecast that holds no metric is a failed row', () => {
      const r = rowOf(info, { ...forecast(60), metrics: [] }, DEFAULT_THRESHOLDS);
      assert.equal(r.error, 'the forecast held no metric');
    });
  });
});
