import * as assert from 'node:assert/strict';
import { mergeWarnings, plainDates } from '../../../../src/core/forecast/warningText';
import { formatForecastTable } from '../../../../src/core/forecast/formatReport';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { SAMPLE } from '../../../support/paths';

describe('Warning text', () => {
  it('writes every ISO timestamp the panel’s way', () => {
    assert.equal(
      plainDates('gap (longest 2 h from 2026-11-17T09:00:00.000Z); at 2026-11-18T10:30Z.'),
      'gap (longest 2 h from 2026-11-17 09:00 UTC); at 2026-11-18 10:30 UTC.',
    );
    assert.equal(plainDates('no time here, 2026-11-17 alone'), 'no time here, 2026-11-17 alone');
  });

  it('merges warnings that differ only by the metric they begin with, in the order of the first', () => {
    const gap = '1 gap longer than 18 min filled (longest 2 h from 2026-11-17 09:00 UTC).';
    const merged = mergeWarnings(
      [
        `"cpu": ${gap}`,
        'The file had a BOM.',
        `"memory": ${gap}`,
        `disk: ${gap}`,
        '"cpu": rows were not in time order; they were sorted.',
        `"queue": 1 gap longer than 18 min filled (longest 3 h from 2026-11-18 09:00 UTC).`,
      ],
      ['cpu', 'memory', 'disk', 'queue'],
    );
    assert.deepEqual(merged, [
      `3 metrics (cpu, memory, disk): ${gap}`,
      'The file had a BOM.',
      '"cpu": rows were not in time order; they were sorted.',
      '"queue": 1 gap longer than 18 min filled (longest 3 h from 2026-11-18 09:00 UTC).',
    ]);
  });

  it('lists five names of a long merge, then how many more', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    assert.deepEqual(
      mergeWarnings(
        names.map((n) => `${n}: no capacity.`),
        names,
      ),
      ['7 metrics (a, b, c, d, e, and 2 more): no capacity.'],
    );
  });

  it('takes the longest metric name a warning begins with, and leaves a warning naming no metric alone', () => {
    assert.deepEqual(mergeWarnings(['cpu: total: x', 'mem: x', 'disk is full'], ['cpu', 'cpu: total', 'mem']), [
      '2 metrics (cpu: total, mem): x',
      'disk is full',
    ]);
  });

  it('the CLI table says the sample’s five identical gap warnings once, its time as the table writes times', async () => {
    const data = forecastMetricSet(await loadMetricFile(SAMPLE));
    const table = formatForecastTable(data);
    const warnings = table.slice(table.indexOf('Warnings:')).split('\n').slice(1);
    assert.deepEqual(warnings, [
      '  - 5 metrics (cpu_utilization, memory_used, disk_free, queue_depth, latency_p95): 1 gap longer than 18 min filled (longest 2 h from 2026-11-17 09:00 UTC); forecasts near them are less certain.',
    ]);
    assert.equal(data.warnings.length, 5, 'the JSON keeps one warning per metric');
  });
});

describe('Warning text: the edges', () => {
  it('reads timestamps with seconds but no fraction, and with an offset from UTC', () => {
    assert.equal(
      plainDates('from 2026-11-17T09:00:00Z to 2026-11-17T11:30+02:00, then 2026-11-17T04:15:00-05:00.'),
      'from 2026-11-17 09:00 UTC to 2026-11-17 09:30 UTC, then 2026-11-17 09:15 UTC.',
    );
  });

  it('a metric that gives the same warning twice is named once', () => {
    assert.deepEqual(mergeWarnings(['cpu: no capacity.', 'cpu: no capacity.', 'mem: no capacity.'], ['cpu', 'mem']), [
      '2 metrics (cpu, mem): no capacity.',
    ]);
  });

  it('five names are listed whole, with no "and 0 more"', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    assert.deepEqual(
      mergeWarnings(
        names.map((n) => `${n}: no capacity.`),
        names,
      ),
      ['5 metrics (a, b, c, d, e): no capacity.'],
    );
  });
});
