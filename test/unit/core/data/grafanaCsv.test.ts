import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-grafana-'));

/** Grafana's panel inspector, Data, "Series joined by time", Download CSV: a quoted header, one column per series. */
describe('Grafana "Series joined by time" CSV exports as metric files', () => {
  it('loads formatted times and series named with their labels; an empty cell is a gap', async () => {
    const file = path.join(dir, 'Disk usage-data-2026-01-05 10_30_00.csv');
    fs.writeFileSync(
      file,
      [
        '"Time","disk_used{instance=""db-1"", job=""node""}","disk_used{instance=""db-2"", job=""node""}"',
        '2026-01-05 10:00:00,100,200',
        '2026-01-05 10:05:00,101,',
        '2026-01-05 10:10:00,102,202',
        '2026-01-05 10:15:00,103,203',
      ].join('\n') + '\n',
    );
    const set = await loadMetricFile(file);
    assert.deepEqual(
      set.metrics.map((m) => [m.name, m.stepMs, m.values.length, m.filled]),
      [
        ['disk_used{instance="db-1", job="node"}', 300_000, 4, 0],
        ['disk_used{instance="db-2", job="node"}', 300_000, 4, 1],
      ],
    );
    assert.equal(set.metrics[0]?.start, Date.UTC(2026, 0, 5, 10, 0, 0));
  });

  it('loads epoch-millisecond times (the export with "Formatted data" off)', async () => {
    const file = path.join(dir, 'cpu.csv');
    fs.writeFileSync(file, '"Time","cpu"\n1767607200000,41\n1767607500000,42\n1767607800000,43\n');
    const set = await loadMetricFile(file);
    assert.equal(set.metrics[0]?.start, 1767607200000);
    assert.equal(set.metrics[0]?.stepMs, 300_000);
  });
});
