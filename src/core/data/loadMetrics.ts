import * as path from 'node:path';
import { type BreachSide, type MetricSeries, type MetricSet } from '../forecast/schema';
import { formatDuration } from '../format';
import { DataError } from './dataError';
import { loadCsv } from './loadCsv';
import { loadJson } from './loadJson';
import { type RawSeries, regularize } from './regularize';

/** A capacity given outside the file (CLI flag, setting); it overrides the file's. */
export interface CapacityOverride {
  readonly capacity: number;
  readonly breach?: BreachSide;
}

export interface LoadOptions {
  /** Capacities by metric name (exact) or by a pattern with `*` wildcards. */
  readonly capacities?: Readonly<Record<string, CapacityOverride>>;
  /** The file's text, when it is already in memory (the editor's buffer). */
  readonly text?: string;
}

/** Loads a CSV or JSON metrics file (by extension; `.json` is JSON) into a regular metric set. */
export async function loadMetricFile(file: string, options: LoadOptions = {}): Promise<MetricSet> {
  const raw = path.extname(file).toLowerCase() === '.json' ? loadJson(file, options.text) : await loadCsv(file, options.text);
  return toMetricSet(file, raw, options);
}

export function toMetricSet(file: string, raw: readonly RawSeries[], options: LoadOptions = {}): MetricSet {
  const warnings: string[] = [];
  const metrics: MetricSeries[] = raw.map((r) => regularize(applyCapacity(r, options.capacities), file, warnings));
  const steps = new Set(metrics.map((m) => m.stepMs));
  if (steps.size > 1) {
    throw new DataError(file, `metrics have different sampling steps (${metrics.map((m) => `${m.name} every ${formatDuration(m.stepMs)}`).join(', ')}); put metrics with different steps in separate files`);
  }
  return { source: file, metrics, warnings };
}

function applyCapacity(raw: RawSeries, capacities: LoadOptions['capacities']): RawSeries {
  if (!capacities) return raw;
  const exact = capacities[raw.name];
  const match = exact ?? Object.entries(capacities).find(([pattern]) => pattern.includes('*') && globToRegExp(pattern).test(raw.name))?.[1];
  if (!match) return raw;
  return { ...raw, capacity: match.capacity, ...(match.breach ? { breach: match.breach } : {}) };
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}
