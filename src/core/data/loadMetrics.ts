import * as path from 'node:path';
import { type MetricSeries, type MetricSet } from '../base/forecastSchema';
import { type CapacityOverride, type CapacityTable, matchCapacities } from './capacityMatch';
import { DataError } from '../base/dataError';
import { formatStep } from './formatStep';
import { MAX_GRID_STEPS_PER_FILE } from './limits';
import { loadCsv } from './loadCsv';
import { loadJson } from './loadJson';
import { quoteText } from './quoteText';
import { type RawSeries, regularize } from './regularize';

export { type CapacityOverride } from './capacityMatch';

/** The formats a metric file can be in. */
export type MetricFileFormat = 'csv' | 'json';

export interface LoadOptions {
  /** Capacities by metric name (exact, then ignoring case) or by a pattern with `*` wildcards. */
  readonly capacities?: CapacityTable;
  /** The file's text, when it is already in memory (the editor's buffer). */
  readonly text?: string;
  /** The format, when the name does not tell it (an untitled document); otherwise `.json` is JSON, anything else CSV. */
  readonly format?: MetricFileFormat;
}

/** Loads a CSV or JSON metrics file (by extension; `.json` is JSON) into a regular metric set. */
export async function loadMetricFile(file: string, options: LoadOptions = {}): Promise<MetricSet> {
  const json = (options.format ?? (path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv')) === 'json';
  const raw = json ? await loadJson(file, options.text) : await loadCsv(file, options.text);
  return toMetricSet(file, raw, options);
}

/**
 * Applies the capacities given outside the file and puts every metric on its grid, within
 * the file's budget of grid steps. What had to be fixed, and capacities that matched no
 * metric, are the set's warnings.
 */
export function toMetricSet(file: string, raw: readonly RawSeries[], options: LoadOptions = {}): MetricSet {
  const capacities = matchCapacities(
    raw.map((r) => r.name),
    options.capacities,
  );
  const warnings: string[] = [...capacities.warnings];
  let budget = MAX_GRID_STEPS_PER_FILE;
  const metrics: MetricSeries[] = raw.map((r) => {
    const series = regularize(withCapacity(r, capacities.byName.get(r.name)), file, warnings, budget);
    budget -= series.values.length;
    return series;
  });
  const steps = new Set(metrics.map((m) => m.stepMs));
  if (steps.size > 1) {
    const listed = metrics
      .slice(0, 10)
      .map((m) => `${quoteText(m.name).slice(1, -1)} every ${formatStep(m.stepMs)}`)
      .join(', ');
    throw new DataError(
      file,
      `metrics have different sampling steps (${listed}${metrics.length > 10 ? ', …' : ''}); put metrics with different steps in separate files`,
    );
  }
  return { source: file, metrics, warnings };
}

function withCapacity(raw: RawSeries, override: CapacityOverride | undefined): RawSeries {
  if (!override) return raw;
  return { ...raw, capacity: override.capacity, ...(override.breach ? { breach: override.breach } : {}) };
}
