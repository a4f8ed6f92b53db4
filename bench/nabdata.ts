import * as fs from 'node:fs';
import * as path from 'node:path';
import { type MetricSeries } from '../src/core/base/forecastSchema';
import { loadMetricFile } from '../src/core/data/loadMetrics';

export const NAB_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'nab-dev');
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface RealSeries {
  readonly folder: string;
  readonly id: string;
  /** The metric as the CLI loads it (regular grid, gaps filled), history only: the held-out tail removed. */
  readonly train: MetricSeries;
  readonly test: Float64Array;
  /** One day in steps: the seasonal naive's lag and the MASE scale's. */
  readonly day: number;
  readonly horizon: number;
}

/**
 * The development set read the way the CLI reads a file (`loadMetricFile`: sorted, put on
 * the median step's grid, gaps filled by interpolation), then the last day held out (the
 * last 48 hours for hourly data). A series is scored when the history before the held-out
 * part still holds two days and twice the horizon. Read from the shared folder, never copied.
 */
export async function loadNabDev(dir = process.env['NAB_DIR'] ?? NAB_DIR): Promise<{
  series: RealSeries[];
  skipped: string[];
}> {
  const series: RealSeries[] = [];
  const skipped: string[] = [];
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const folder of folders) {
    const files = fs
      .readdirSync(path.join(dir, folder))
      .filter((f) => f.endsWith('.csv'))
      .sort();
    for (const file of files) {
      const set = await loadMetricFile(path.join(dir, folder, file));
      const metric = set.metrics[0] as MetricSeries;
      const day = Math.round(DAY_MS / metric.stepMs);
      const horizon = metric.stepMs >= HOUR_MS ? Math.round((48 * HOUR_MS) / metric.stepMs) : day;
      const n = metric.values.length;
      const id = `${folder}/${file.replace(/\.csv$/, '')}`;
      if (n - horizon < Math.max(2 * day, 2 * horizon + 2)) {
        skipped.push(`${id} (${n} steps of ${metric.stepMs / 60_000} min)`);
        continue;
      }
      series.push({
        folder,
        id,
        train: { ...metric, values: metric.values.slice(0, n - horizon) },
        test: metric.values.slice(n - horizon),
        day,
        horizon,
      });
    }
  }
  return { series, skipped };
}
