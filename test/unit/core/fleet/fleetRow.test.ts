import * as assert from 'node:assert/strict';
import {
  DEFAULT_THRESHOLDS,
  type FleetRow,
  compareRows,
  failedRow,
  parseSeriesName,
  statusOf,
} from '../../../../src/core/fleet/fleetRow';
import { row } from '../../../support/fleetRows';

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
      for (const name of ['cpu', 'cpu{', '{a="b"}', 'cpu{not labels}', 'cpu{a="b"} tail', 'cpu{a="b" c="d"}'])
        assert.deepEqual(parseSeriesName(name), { metric: name, labels: {} }, name);
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
  });
});
