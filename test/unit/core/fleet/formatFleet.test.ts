import * as assert from 'node:assert/strict';
import { formatFleetCsv, formatFleetTable, panelFleet, timeToBreach } from '../../../../src/core/fleet/formatFleet';
import { failedRow } from '../../../../src/core/fleet/fleetRow';
import { row } from '../../../support/fleetRows';

const H = 3_600_000;

describe('fleet formatting', () => {
  it('timeToBreach says breached, in how long, — or not forecast', () => {
    assert.equal(timeToBreach(row('a', { alreadyBreached: true, msToBreach: 0 })), 'breached');
    assert.equal(timeToBreach(row('a', { msToBreach: 76 * H })), 'in 3 d 4 h');
    assert.equal(timeToBreach(row('a')), '—');
    assert.equal(timeToBreach(row('a', { error: 'x' })), 'not forecast');
  });

  it('the table shows the first N rows and counts them all', () => {
    const rows = [
      row('disk{host="a"}', {
        status: 'critical',
        alreadyBreached: true,
        msToBreach: 0,
        probability: 1,
        risk: 'critical',
      }),
      row('disk{host="b"}', { status: 'warning', msToBreach: 50 * H }),
      row('disk{host="c"}'),
      row('disk{host="d"}', { error: 'too little history' }),
    ];
    const text = formatFleetTable(rows, 2, {
      sources: ['plan.json'],
      thresholds: { warningMs: 168 * H, criticalMs: 24 * H },
    });
    const lines = text.split('\n');
    assert.equal(lines[0], 'Bottleneck Forecast: 4 series from plan.json, soonest breach first (built-in forecaster)');
    assert.equal(
      lines[1],
      "Thresholds: critical within 1 d, warning within 7 d; earliest breach, from each series' last point",
    );
    assert.match(lines[5] ?? '', /^1 {2}disk\{host="a"\}\s+g\s+critical\s+breached\s+now\s+100%\s+critical/);
    assert.match(lines[6] ?? '', /^2 {2}disk\{host="b"\}\s+g\s+warning\s+in 2 d 2 h/);
    assert.equal(lines[7], '');
    assert.equal(lines[8], '2 of 4 shown (--top). 1 critical, 1 warning, 2 ok; 1 could not be forecast.');
    assert.equal(lines[9], '  - disk{host="d"}: too little history');
  });

  it('csv has a row per series, numbers as numbers and text neutralized', () => {
    const csv = formatFleetCsv([row('=cmd()', { msToBreach: 5, probability: 0.5 }), row('b,c')]).split('\n');
    assert.equal(csv.length, 3);
    assert.match(csv[1] ?? '', /^1,g,'=cmd\(\),ok,false,5,,,0\.5,none,0,0\.5,/);
    assert.match(csv[2] ?? '', /^2,g,"b,c",ok,false,,/);
  });
});

describe('panelFleet', () => {
  it('is every row in rank order with its breach in words, the first 1,000 of them', () => {
    const rows = [
      row('a', {
        status: 'critical',
        alreadyBreached: true,
        msToBreach: 0,
        probability: 1,
        risk: 'critical',
        confidence: 0.8,
      }),
      row('b', { status: 'warning', msToBreach: 50 * H }),
    ];
    const fleet = panelFleet(rows);
    assert.equal(fleet.total, 2);
    assert.deepEqual(fleet.rows[0], {
      series: 'a',
      group: 'g',
      status: 'critical',
      breach: 'breached',
      probability: 1,
      risk: 'critical',
      confidence: 0.8,
    });
    assert.equal(fleet.rows[1]?.breach, 'in 2 d 2 h');
    const many = panelFleet(Array.from({ length: 1500 }, (_, i) => row(`s${i}`)));
    assert.equal(many.total, 1500);
    assert.equal(many.rows.length, 1000);
  });
});

describe('the fleet table, column by column', () => {
  const THREE = [
    row('disk_free{host="db-1"}', {
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
    }),
    row('cpu', {
      unit: '%',
      capacity: 90,
      status: 'warning',
      msToBreach: 50 * H,
      earliest: '2026-11-03T02:00:00.000Z',
      expected: '2026-11-03T12:00:00.000Z',
      probability: 0.456,
      risk: 'high',
      confidence: 0.734,
      lastObserved: { t: '2026-11-01T00:00:00.000Z', value: 72.25 },
    }),
    row('flat'),
    failedRow({ series: 'mem', group: 'g' }, 'too little history'),
  ];

  it('pads each column to its widest cell, two spaces apart, and says — where a field has no value', () => {
    const text = formatFleetTable(THREE, 10, { sources: ['a.csv', 'b.csv'], thresholds: { warningMs: 168 * H } });
    assert.equal(
      text,
      [
        'Bottleneck Forecast: 4 series from a.csv, b.csv, soonest breach first (built-in forecaster)',
        "Thresholds: warning within 7 d; earliest breach, from each series' last point",
        '',
        '#  series                  group      status    breach        expected     prob.  risk      conf.  last     capacity',
        '-  ----------------------  ---------  --------  ------------  -----------  -----  --------  -----  -------  --------',
        '1  disk_free{host="db-1"}  disk_free  critical  breached      now          100%   critical  0.90   8.5 GB   10 GB ↓',
        '2  cpu                     g          warning   in 2 d 2 h    in 2 d 12 h  46%    high      0.73   72.25 %  90 % ↑',
        '3  flat                    g          ok        —             —            0%     none      0.50   1        100 ↑',
        '4  mem                     g          ok        not forecast  —            —      —         —      —        —',
        '',
        '1 critical, 1 warning, 2 ok; 1 could not be forecast.',
        '  - mem: too little history',
      ].join('\n'),
    );
  });

  it('right-aligns the rank and trims the blanks a short last column leaves', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(`s${i}`, { capacity: null, lastObserved: null }));
    rows[9] = row('a-much-longer-name', { capacity: 5 });
    const lines = formatFleetTable(rows, 10, { sources: ['f.csv'], thresholds: {} }).split('\n');
    assert.equal(
      lines[3],
      ' #  series              group  status  breach  expected  prob.  risk  conf.  last  capacity',
    );
    assert.equal(lines[5], ' 1  s0                  g      ok      —       —         0%     none  0.50   —     —');
    assert.equal(lines[14], '10  a-much-longer-name  g      ok      —       —         0%     none  0.50   1     5 ↑');
  });

  it('names only the thresholds that are set', () => {
    const second = (thresholds: { warningMs?: number; criticalMs?: number }): string | undefined =>
      formatFleetTable([], 5, { sources: ['p'], thresholds }).split('\n')[1];
    assert.equal(
      second({ criticalMs: 6 * H }),
      "Thresholds: critical within 6 h; earliest breach, from each series' last point",
    );
    assert.equal(
      second({ warningMs: 2 * 24 * H }),
      "Thresholds: warning within 2 d; earliest breach, from each series' last point",
    );
    assert.equal(
      second({ criticalMs: 90 * 60_000, warningMs: 3 * 24 * H }),
      "Thresholds: critical within 1 h 30 min, warning within 3 d; earliest breach, from each series' last point",
    );
  });

  it('says how many were left out only when --top left some out', () => {
    const rows = [row('a', { status: 'critical' }), row('b'), row('c')];
    const last = (top: number): string | undefined =>
      formatFleetTable(rows, top, { sources: ['p'], thresholds: {} })
        .split('\n')
        .at(-1);
    assert.equal(last(3), '1 critical, 0 warning, 2 ok.');
    assert.equal(last(4), '1 critical, 0 warning, 2 ok.');
    assert.equal(last(2), '2 of 3 shown (--top). 1 critical, 0 warning, 2 ok.');
    assert.equal(last(0), '0 of 3 shown (--top). 1 critical, 0 warning, 2 ok.');
    assert.equal(last(-1), '0 of 3 shown (--top). 1 critical, 0 warning, 2 ok.');
    const header = formatFleetTable(rows, -1, { sources: ['p'], thresholds: {} }).split('\n');
    assert.equal(header.length, 7, 'the header, its rule, a blank line and the counts: no row');
  });

  it('names the first five series that could not be forecast, and counts them all', () => {
    const rows = Array.from({ length: 7 }, (_, i) => failedRow({ series: `s${i}`, group: 'g' }, `reason ${i}`));
    const lines = formatFleetTable(rows, 0, { sources: ['p'], thresholds: {} }).split('\n');
    assert.deepEqual(lines.slice(-6), [
      '0 of 7 shown (--top). 0 critical, 0 warning, 7 ok; 7 could not be forecast.',
      '  - s0: reason 0',
      '  - s1: reason 1',
      '  - s2: reason 2',
      '  - s3: reason 3',
      '  - s4: reason 4',
    ]);
  });

  it('csv: a header, then every row in rank order, empty cells where a field has no value', () => {
    const csv = formatFleetCsv([...THREE, row('cold', { lastObserved: { t: '2026-11-01T00:00:00.000Z', value: -3 } })]);
    assert.deepEqual(csv.split('\n'), [
      'rank,group,series,status,already_breached,ms_to_breach,expected,earliest,probability,risk,risk_score,confidence,last_time,last_value,capacity,breach_side,unit,error',
      '1,disk_free,"disk_free{host=""db-1""}",critical,true,0,,,1,critical,0,0.9,2026-11-01T00:00:00.000Z,8.5,10,below,GB,',
      '2,g,cpu,warning,false,180000000,2026-11-03T12:00:00.000Z,2026-11-03T02:00:00.000Z,0.456,high,0,0.734,2026-11-01T00:00:00.000Z,72.25,90,above,%,',
      '3,g,flat,ok,false,,,,0,none,0,0.5,2026-11-01T00:00:00.000Z,1,100,above,,',
      '4,g,mem,ok,false,,,,0,none,0,0,,,,above,,too little history',
      // a negative number is a number, not a formula to neutralize
      '5,g,cold,ok,false,,,,0,none,0,0.5,2026-11-01T00:00:00.000Z,-3,100,above,,',
    ]);
  });
});
