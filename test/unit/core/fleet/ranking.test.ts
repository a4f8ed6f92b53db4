import * as assert from 'node:assert/strict';
import { type FleetRow } from '../../../../src/core/fleet/fleetRow';
import fc from 'fast-check';
import { compareRows } from '../../../../src/core/fleet/fleetRow';
import { FleetRanking, countStatuses, rowKey, worstStatus } from '../../../../src/core/fleet/ranking';
import { row } from '../../../support/fleetRows';

describe('FleetRanking: rows in their place as they arrive', () => {
  it('whatever the arrival order, the list is the sorted list and each add returns the row’s rank', () => {
    const arb = fc.array(
      fc.record({
        name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
        group: fc.constantFrom('x', 'y'),
        expected: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
        earliest: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
        probability: fc.constantFrom(0, 0.5, 1),
        alreadyBreached: fc.boolean(),
        failed: fc.boolean(),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const ranking = new FleetRanking();
        const latest = new Map<string, ReturnType<typeof row>>();
        for (const s of specs) {
          const iso = (d: number | null): string | null => (d === null ? null : `2026-11-0${d + 1}T00:00:00.000Z`);
          const r = row(s.name, {
            group: s.group,
            expected: iso(s.expected),
            earliest: iso(s.earliest),
            probability: s.probability,
            alreadyBreached: s.alreadyBreached,
            ...(s.failed ? { error: 'x' } : {}),
          });
          const rank = ranking.add(r);
          assert.equal(ranking.rows[rank], r);
          latest.set(rowKey(r), r);
        }
        // a series added twice keeps only its latest row
        assert.equal(ranking.size, latest.size);
        const expected = [...latest.values()].sort(compareRows);
        assert.deepEqual(ranking.rows.map(rowKey), expected.map(rowKey));
        for (let i = 1; i < ranking.rows.length; i++)
          assert.ok(compareRows(ranking.rows[i - 1] as FleetRow, ranking.rows[i] as FleetRow) <= 0);
      }),
    );
  });

  it('top(n) is the first n rows; counts() counts each status', () => {
    const ranking = new FleetRanking();
    ranking.add(row('a', { status: 'warning', expected: '2026-11-03T00:00:00Z' }));
    ranking.add(row('b', { status: 'critical', alreadyBreached: true }));
    ranking.add(row('c'));
    assert.deepEqual(
      ranking.top(2).map((r) => r.series),
      ['b', 'a'],
    );
    assert.deepEqual(ranking.top(0), []);
    assert.deepEqual(ranking.top(-1), []);
    assert.deepEqual(ranking.counts(), { ok: 1, warning: 1, critical: 1 });
  });

  it('countStatuses counts each status', () => {
    assert.deepEqual(countStatuses([row('a'), row('b', { status: 'critical' })]), { ok: 1, warning: 0, critical: 1 });
    assert.deepEqual(countStatuses([]), { ok: 0, warning: 0, critical: 0 });
  });

  it('worstStatus is the worst of the rows (what --fail-on judges)', () => {
    assert.equal(worstStatus([]), 'ok');
    assert.equal(worstStatus([row('a')]), 'ok');
    assert.equal(worstStatus([row('a'), row('b', { status: 'warning' })]), 'warning');
    assert.equal(
      worstStatus([row('a', { status: 'critical' }), row('b', { status: 'warning' }), row('c')]),
      'critical',
    );
    assert.equal(worstStatus([row('b', { status: 'warning' }), row('a', { status: 'critical' })]), 'critical');
  });

  it('rowKey tells apart the same series name in two groups', () => {
    assert.notEqual(rowKey({ group: 'a', series: 'x' }), rowKey({ group: 'b', series: 'x' }));
    assert.notEqual(rowKey({ group: 'a b', series: 'x' }), rowKey({ group: 'a', series: 'b x' }));
  });
});
