import * as assert from 'node:assert/strict';
import { capacityTree } from '../../../../src/core/fleet/capacityTree';
import { rowKey } from '../../../../src/core/fleet/ranking';
import { row } from '../../../support/fleetRows';

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
});
