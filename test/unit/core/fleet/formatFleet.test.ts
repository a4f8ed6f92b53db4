import * as assert from 'node:assert/strict';
import { formatFleetCsv, formatFleetTable, panelFleet, timeToBreach } from '../../../../src/core/fleet/formatFleet';
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
