import * as assert from 'node:assert/strict';
import { seriesQuery } from '../../../../src/core/fleet/seriesQuery';

describe('seriesQuery: a plan query narrowed to one series (Copy as PromQL)', () => {
  const db2 = { instance: 'db-2' };
  const cases: [string, Record<string, string>, string][] = [
    ['disk_used_bytes', db2, 'disk_used_bytes{instance="db-2"}'],
    [
      'node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"}',
      { instance: 'a', mountpoint: '/var' },
      'node_filesystem_avail_bytes{instance="a", mountpoint="/var", fstype!~"tmpfs|overlay"}',
    ],
    [
      '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])))',
      db2,
      '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{instance="db-2", mode="idle"}[5m])))',
    ],
    [
      'sum without (cpu, mode) (rate(x[1h:5m] offset 1d))',
      db2,
      'sum without (cpu, mode) (rate(x{instance="db-2"}[1h:5m] offset 1d))',
    ],
    [
      'a / on (instance) group_left (job) b > bool 0.5e3',
      db2,
      'a{instance="db-2"} / on (instance) group_left (job) b{instance="db-2"} > bool 0.5e3',
    ],
    ['{__name__="up", job="x"}', db2, '{instance="db-2", __name__="up", job="x"}'],
    [
      'label_replace(up, "dst", "$1", "src", "(.*)")',
      db2,
      'label_replace(up{instance="db-2"}, "dst", "$1", "src", "(.*)")',
    ],
    ['topk(5, m)', db2, 'topk(5, m{instance="db-2"})'],
    ['rate(m[5m]) and on() vector(1)', db2, 'rate(m{instance="db-2"}[5m]) and on() vector(1)'],
    ['m', { 'bad-key': 'x', ok: 'quote " and \\ back' }, 'm{ok="quote \\" and \\\\ back"}'],
  ];
  for (const [query, labels, expected] of cases)
    it(`${query} → ${expected}`, () => assert.equal(seriesQuery(query, labels), expected));

  it('without labels the query is unchanged', () => {
    assert.equal(seriesQuery('sum(rate(x[5m]))', {}), 'sum(rate(x[5m]))');
    assert.equal(seriesQuery('x', { __name__: 'y' }), 'x');
  });

  it('strings with braces or names inside are left alone', () => {
    assert.equal(seriesQuery('m{path="a{b} c"}', db2), 'm{instance="db-2", path="a{b} c"}');
  });
});
