import * as assert from 'node:assert/strict';
import { capacityTree } from '../../../../src/core/fleet/capacityTree';
import { rowKey } from '../../../../src/core/fleet/ranking';
import { row } from '../../../support/fleetRows';
import { germanL10n } from '../../../support/germanL10n';

const H = 3_600_000;
const base = (s: string): string => s.split('/').at(-1) ?? s;

describe('capacityTree: the Capacity view as drawn', () => {
  it('a group per plan metric, worst first; series in rank order, labelled by their labels, described by their time to breach', () => {
    const disk = [
      row('disk{host="a"}', { group: 'disk', status: 'critical', alreadyBreached: true, msToBreach: 0 }),
      row('disk{host="b"}', { group: 'disk', status: 'warning', msToBreach: 76 * H }),
    ];
    const cpu = [row('cpu{host="a"}', { group: 'cpu' })];
    const recovered = new Set([rowKey(disk[1] as (typeof disk)[number])]);
    const tree = capacityTree([{ source: '/w/prod.plan.json', rows: [...cpu, ...disk], recovered, at: 0 }], base);
    assert.deepEqual(
      tree.map((g) => [g.label, g.status, g.description]),
      [
        ['disk', 'critical', '1 critical · 1 warning · 2 series — prod.plan.json'],
        ['cpu', 'ok', '1 series — prod.plan.json'],
      ],
    );
    assert.deepEqual(
      tree[0]?.children.map((c) => [c.label, c.description, c.status]),
      [
        ['host="a"', 'breached', 'critical'],
        ['host="b"', 'in 3 d 4 h · recovered', 'warning'],
      ],
    );
    assert.match(tree[0]?.children[1]?.tooltip ?? '', /Earliest breach: in 3 d 4 h after the last data point/);
  });

  it("a file's series are named whole, under the file's group; a failed series says why", () => {
    const tree = capacityTree(
      [
        {
          source: '/w/m.csv',
          rows: [row('cpu', { group: 'm.csv' }), row('mem', { group: 'm.csv', error: 'too little history' })],
          snoozed: new Set([rowKey({ group: 'm.csv', series: 'cpu' })]),
        },
      ],
      base,
    );
    assert.equal(tree[0]?.description, '2 series');
    assert.deepEqual(
      tree[0]?.children.map((c) => [c.label, c.description, c.status]),
      [
        ['cpu', '— · snoozed', 'ok'],
        ['mem', 'not forecast', 'error'],
      ],
    );
    assert.equal(tree[0]?.children[1]?.tooltip, 'mem: not forecast (too little history)');
  });

  it('a source still ranking, or whose refresh failed with nothing to show, is a group that says so', () => {
    const tree = capacityTree(
      [
        { source: '/w/a.csv', rows: [], progress: { done: 0, total: null } },
        { source: '/w/p.plan.json', rows: [], error: 'source "prod" cannot be reached' },
      ],
      base,
    );
    assert.deepEqual(
      tree.map((g) => [g.label, g.status, g.description]),
      [
        ['p.plan.json', 'error', '0 series · last refresh failed'],
        ['a.csv', 'ok', '0 series · ranking 0…'],
      ],
    );
    assert.match(tree[0]?.tooltip ?? '', /The last refresh failed: source "prod" cannot be reached/);
  });

  it('says every label, description and tooltip in the language of the translator it is given', () => {
    const rows = [
      row('disk{host="a"}', { group: 'disk', status: 'critical', alreadyBreached: true, msToBreach: 0, risk: 'high' }),
      row('disk{host="b"}', {
        group: 'disk',
        status: 'warning',
        msToBreach: 76 * H,
        expected: '2026-11-04T04:00:00.000Z',
        probability: 0.5,
        risk: 'medium',
        unit: 'GB',
      }),
    ];
    const recovered = new Set([rowKey(rows[1] as (typeof rows)[number])]);
    const [disk, failed] = capacityTree(
      [
        { source: '/w/prod.plan.json', rows, recovered, at: 0, progress: { done: 2, total: 3 } },
        { source: '/w/m.csv', rows: [row('mem', { group: 'm.csv', error: 'zu wenig Verlauf' })] },
      ],
      base,
      germanL10n(),
    );
    assert.equal(disk?.description, '1 kritisch · 1 Warnung · 2 Reihen · ordne 2 von 3… — prod.plan.json');
    assert.equal(disk?.tooltip, 'disk: 2 Reihen aus /w/prod.plan.json\ngeordnet 1970-01-01 00:00 UTC');
    assert.deepEqual(
      disk?.children.map((c) => c.description),
      ['überschritten', 'in 3 Tg. 4 Std. · erholt'],
    );
    assert.equal(
      disk?.children[1]?.tooltip,
      [
        'disk{host="b"}',
        'Status: Warnung',
        'Früheste Überschreitung: in 3 Tg. 4 Std. nach dem letzten Datenpunkt',
        'Erwartete Überschreitung: 2026-11-04 04:00 UTC',
        'Wahrscheinlichkeit 50 % · Risiko mittel · Konfidenz 0.50',
        'Zuletzt: 1 GB um 2026-11-01 00:00 UTC',
        'Kapazität: 100 GB (darüber ist eine Überschreitung)',
      ].join('\n'),
    );
    assert.match(disk?.children[0]?.tooltip ?? '', /^Status: kritisch \(bereits jenseits ihrer Kapazität\)$/m);
    assert.equal(failed?.children[0]?.description, 'nicht prognostiziert');
    assert.equal(failed?.children[0]?.tooltip, 'mem: nicht prognostiziert (zu wenig Verlauf)');
  });
});

describe('capacityTree: tooltips, ids and the order of groups', () => {
  const RANKED = Date.parse('2026-11-01T06:30:00Z');
  const breached = row('disk_free{host="db-1",mount="/"}', {
    group: 'disk_free',
    unit: 'GB',
    capacity: 10,
    breachSide: 'below',
    status: 'critical',
    alreadyBreached: true,
    msToBreach: 0,
    probability: 1,
    risk: 'critical',
    confidence: 0.9,
    lastObserved: { t: '2026-11-01T00:00:00.000Z', value: 8.5 },
  });
  const soon = row('disk_free{host="db-2"}', {
    group: 'disk_free',
    unit: 'GB',
    capacity: 10,
    breachSide: 'below',
    status: 'warning',
    msToBreach: 50 * H,
    earliest: '2026-11-03T02:00:00.000Z',
    expected: '2026-11-03T12:00:00.000Z',
    probability: 0.456,
    risk: 'high',
    confidence: 0.734,
    lastObserved: { t: '2026-11-01T00:00:00.000Z', value: 12 },
  });

  it("a series' tooltip: its status, its breach, its odds, its last value and its capacity, each on a line", () => {
    const [group] = capacityTree([{ source: '/w/p.plan.json', rows: [breached, soon] }], base);
    assert.deepEqual(
      group?.children.map((c) => c.label),
      ['host="db-1", mount="/"', 'host="db-2"'],
    );
    assert.equal(
      group?.children[0]?.tooltip,
      [
        'disk_free{host="db-1",mount="/"}',
        'Status: critical (already beyond its capacity)',
        'Probability 100% · risk critical · confidence 0.90',
        'Last: 8.5 GB at 2026-11-01 00:00 UTC',
        'Capacity: 10 GB (below is a breach)',
      ].join('\n'),
    );
    assert.equal(
      group?.children[1]?.tooltip,
      [
        'disk_free{host="db-2"}',
        'Status: warning',
        'Earliest breach: in 2 d 2 h after the last data point',
        'Expected breach: 2026-11-03 12:00 UTC',
        'Probability 46% · risk high · confidence 0.73',
        'Last: 12 GB at 2026-11-01 00:00 UTC',
        'Capacity: 10 GB (below is a breach)',
      ].join('\n'),
    );
  });

  it('a tooltip leaves out what a series does not have: no breach in sight, no data, no capacity', () => {
    const bare = row('queue', { group: 'queue', capacity: null, lastObserved: null, confidence: 0.25 });
    const above = row('load', { group: 'load', capacity: 4, probability: 0.004 });
    const tree = capacityTree([{ source: '/w/m.csv', rows: [bare, above] }], base);
    const tooltips = tree.flatMap((g) => g.children.map((c) => [c.label, c.tooltip]));
    assert.deepEqual(tooltips, [
      [
        'load',
        'load\nStatus: ok\nProbability 0% · risk none · confidence 0.50\nLast: 1 at 2026-11-01 00:00 UTC\nCapacity: 4 (above is a breach)',
      ],
      ['queue', 'queue\nStatus: ok\nProbability 0% · risk none · confidence 0.25'],
    ]);
  });

  it('a series is named by its labels only when it is its group’s metric and has labels', () => {
    const tree = capacityTree(
      [
        {
          source: '/w/p.plan.json',
          rows: [
            row('disk', { group: 'disk' }),
            row('disk_free{host="a"}', { group: 'disk' }),
            row('disk{host="b"}', { group: 'disk' }),
          ],
        },
      ],
      base,
    );
    assert.deepEqual(
      tree[0]?.children.map((c) => c.label),
      ['disk', 'disk_free{host="a"}', 'host="b"'],
    );
  });

  it("a group's tooltip: its size and source, when it was ranked, and why the last refresh failed", () => {
    const [group] = capacityTree(
      [{ source: '/w/p.plan.json', rows: [breached, soon], at: RANKED, error: 'source "prod" timed out' }],
      base,
    );
    assert.equal(group?.kind, 'group');
    assert.equal(
      group?.tooltip,
      'disk_free: 2 series from /w/p.plan.json\nranked 2026-11-01 06:30 UTC\nThe last refresh failed: source "prod" timed out',
    );
    // the rows kept from before are still judged: the failure marks the group only when it has nothing to show
    assert.equal(group?.status, 'critical');
    assert.equal(group?.description, '1 critical · 1 warning · 2 series · last refresh failed — p.plan.json');
    const [fresh] = capacityTree([{ source: '/w/p.plan.json', rows: [soon] }], base);
    assert.equal(fresh?.tooltip, 'disk_free: 1 series from /w/p.plan.json');
  });

  it('while a source ranks, its groups say how far it got, of how many when that is known', () => {
    const tree = capacityTree(
      [
        { source: '/w/a.csv', rows: [row('x', { group: 'a.csv' })], progress: { done: 1, total: 40 } },
        { source: '/w/b.csv', rows: [], progress: { done: 0, total: 12 } },
      ],
      base,
    );
    assert.deepEqual(
      tree.map((g) => g.description),
      ['1 series · ranking 1 of 40…', '0 series · ranking 0 of 12…'],
    );
  });

  it('a source with nothing ranked, nothing running and no failure has no group', () => {
    assert.deepEqual(capacityTree([{ source: '/w/a.csv', rows: [] }], base), []);
  });

  it('groups: critical, then warning, then failed, then ok; by name within each', () => {
    const tree = capacityTree(
      [
        {
          source: '/w/p.plan.json',
          rows: [
            row('b_ok', { group: 'b_ok' }),
            row('w', { group: 'w', status: 'warning' }),
            row('a_ok', { group: 'a_ok' }),
            row('c_ok', { group: 'c_ok' }),
            row('y_crit', { group: 'y_crit', status: 'critical' }),
            row('x_crit', { group: 'x_crit', status: 'critical' }),
          ],
        },
        { source: '/w/f.csv', rows: [], error: 'unreadable' },
      ],
      base,
    );
    assert.deepEqual(
      tree.map((g) => [g.label, g.status]),
      [
        ['x_crit', 'critical'],
        ['y_crit', 'critical'],
        ['w', 'warning'],
        ['f.csv', 'error'],
        ['a_ok', 'ok'],
        ['b_ok', 'ok'],
        ['c_ok', 'ok'],
      ],
    );
  });

  it('ids tell apart the same group and series in two sources', () => {
    const tree = capacityTree(
      [
        { source: '/a/m.csv', rows: [row('cpu', { group: 'm.csv', status: 'warning' })] },
        { source: '/b/m.csv', rows: [row('cpu', { group: 'm.csv' })] },
      ],
      base,
    );
    assert.deepEqual(
      tree.map((g) => [g.id, g.source, g.group]),
      [
        ['/a/m.csv\u0000m.csv', '/a/m.csv', 'm.csv'],
        ['/b/m.csv\u0000m.csv', '/b/m.csv', 'm.csv'],
      ],
    );
    assert.deepEqual(
      tree.map((g) => g.children.map((c) => [c.kind, c.id, c.source])),
      [
        [['series', '/a/m.csv\u0000m.csv\u0000cpu', '/a/m.csv']],
        [['series', '/b/m.csv\u0000m.csv\u0000cpu', '/b/m.csv']],
      ],
    );
  });
});
