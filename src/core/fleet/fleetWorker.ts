import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { forecastMetricSet } from '../forecast/forecastMetricSet';
import { loadSource } from '../pipeline/runForecast';
import { type FleetTask, type LoadBatch, type LoadDone } from './fleetTasks';
import { failedRow, parseSeriesName, rowOf } from './fleetRow';
import { serveTasks } from './workerPool';
import { type SourceAccess } from '../sources/queryPlan';
import { DataError } from '../base/dataError';

/**
 * A fleet worker: loads sources and forecasts series off the host's thread, with the same
 * loaders and the same built-in forecaster as a single forecast. `attempt` counts from 1.
 */
export async function handleFleetTask(
  task: FleetTask,
  progress: (p: unknown) => void,
  attempt: number,
): Promise<unknown> {
  switch (task.kind) {
    case 'series': {
      const s = task.series;
      if (task.fault === 'crash' || (task.fault === 'crash-once' && attempt === 1)) process.exit(70);
      const info = { series: s.name, group: s.group };
      try {
        // Stryker disable next-line ArrayDeclaration: the set's warnings pass into the forecast, and rowOf reads none
        const data = forecastMetricSet({ source: s.group, metrics: [s], warnings: [] }, task.options);
        return rowOf(info, data, task.thresholds);
      } catch (error) {
        // bad input of one series (too little history) fails its row, not the fleet
        if (error instanceof DataError) return failedRow(info, error.detail);
        throw error;
      }
    }
    case 'set':
      return forecastMetricSet(task.set, task.options);
    case 'load':
      return load(task, progress);
  }
}

async function load(task: Extract<FleetTask, { kind: 'load' }>, progress: (p: unknown) => void): Promise<LoadDone> {
  const a = task.access;
  const sources: SourceAccess | undefined = a && {
    credential: async (source) => a.credentials[source.name],
    refused: a.refused,
    credentialHint: (source) => a.hints[source.name] ?? '',
    ...(a.now !== undefined ? { now: () => a.now as number } : {}),
  };
  const { set, plan } = await loadSource(
    task.source,
    { ...(task.capacities ? { capacities: task.capacities } : {}), ...(sources ? { sources } : {}) },
    undefined,
  );
  const fileGroup = path.basename(task.source.name);
  const batch = Math.max(1, task.batch ?? 32);
  for (let i = 0; i < set.metrics.length; i += batch) {
    const message: LoadBatch = {
      series: set.metrics.slice(i, i + batch).map((m) => ({
        ...m,
        group: plan ? parseSeriesName(m.name).metric : fileGroup,
      })),
    };
    progress(message);
  }
  return {
    source: set.source,
    warnings: [...set.warnings],
    ...(plan ? { thresholds: plan.thresholds } : {}),
    ...(plan
      ? {
          queries: Object.fromEntries(
            plan.metrics.map((m) => [m.name, { query: m.query, source: m.source.name, url: m.source.url }]),
          ),
        }
      : {}),
  };
}

if (parentPort)
  serveTasks(parentPort, (task, progress, attempt) => handleFleetTask(task as FleetTask, progress, attempt));
