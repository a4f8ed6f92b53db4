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

describe('seriesQuery: what is a selector and what is not', () => {
  const db2 = { instance: 'db-2' };
  const m = 'm{instance="db-2"}';

  it('an aggregation with its clause before its arguments is not a selector, whichever it is', () => {
    const aggregations = ['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values'].concat([
      'bottomk',
      'topk',
      'quantile',
      'limitk',
      'limit_ratio',
    ]);
    for (const a of aggregations) assert.equal(seriesQuery(`${a} by (job) (m)`, db2), `${a} by (job) (${m})`, a);
    assert.equal(seriesQuery('SUM without (job) (m)', db2), `SUM without (job) (${m})`, 'in any case');
  });

  it('keywords and literals are not selectors', () => {
    const cases: [string, string][] = [
      ['m and n', `${m} and n{instance="db-2"}`],
      ['m or n', `${m} or n{instance="db-2"}`],
      ['m unless n', `${m} unless n{instance="db-2"}`],
      ['m > bool 1', `${m} > bool 1`],
      ['m offset 5m', `${m} offset 5m`],
      ['m atan2 n', `${m} atan2 n{instance="db-2"}`],
      ['m > Inf', `${m} > Inf`],
      ['m != NaN', `${m} != NaN`],
      ['m @ start', `${m} @ start`],
      ['m @ end', `${m} @ end`],
    ];
    for (const [query, expected] of cases) assert.equal(seriesQuery(query, db2), expected, query);
  });

  it('the label lists of ignoring and group_right are left as they are', () => {
    assert.equal(
      seriesQuery('a / ignoring (cpu) group_right (job) b', db2),
      'a{instance="db-2"} / ignoring (cpu) group_right (job) b{instance="db-2"}',
    );
  });

  it('numbers and durations keep their letters: 0x1F, 1.5e-3, 1h30m', () => {
    assert.equal(seriesQuery('m > 0x1F', db2), `${m} > 0x1F`);
    assert.equal(seriesQuery('m * 1.5e-3 + 2E+3', db2), `${m} * 1.5e-3 + 2E+3`);
    assert.equal(seriesQuery('m offset 1h30m', db2), `${m} offset 1h30m`);
  });

  it('every selector gets the matchers, the ones after a range or a bare {…} too', () => {
    assert.equal(
      seriesQuery('rate(a[5m]) / rate(b[5m])', db2),
      'rate(a{instance="db-2"}[5m]) / rate(b{instance="db-2"}[5m])',
    );
    assert.equal(seriesQuery('{job="a"} / {job="b"}', db2), '{instance="db-2", job="a"} / {instance="db-2", job="b"}');
  });

  it('the matchers already there are trimmed; empty braces get only the series’ own', () => {
    assert.equal(seriesQuery('m{ job="x" }', db2), 'm{instance="db-2", job="x"}');
    assert.equal(seriesQuery('m{ }', db2), m);
    assert.equal(seriesQuery('m {}', db2), 'm {instance="db-2"}');
  });

  it('strings in any quotes are skipped whole: escapes in "…" and \'…\', none in `…`', () => {
    assert.equal(seriesQuery("m{path='a}b'}", db2), 'm{instance="db-2", path=\'a}b\'}');
    assert.equal(seriesQuery('m{path="a\\"}b"}', db2), 'm{instance="db-2", path="a\\"}b"}');
    assert.equal(seriesQuery('m{path=`a}b`}', db2), 'm{instance="db-2", path=`a}b`}');
    assert.equal(
      seriesQuery('label_replace(m, "d", `\\`, "s", "(.*)") + n', db2),
      `label_replace(${m}, "d", \`\\\`, "s", "(.*)") + n{instance="db-2"}`,
    );
    assert.equal(seriesQuery("m + count_values('v\\'x', n)", db2), `${m} + count_values('v\\'x', n{instance="db-2"})`);
  });

  it('a string or braces that never close end the query, nothing of it lost', () => {
    assert.equal(seriesQuery('m + "abc', db2), `${m} + "abc`);
    assert.equal(seriesQuery('m{path="abc', db2), 'm{instance="db-2", path="abc}');
    assert.equal(seriesQuery('m{job="x"', db2), 'm{instance="db-2", job="x"}');
  });
});
