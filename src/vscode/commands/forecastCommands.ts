import * as path from 'node:path';
import * as vscode from 'vscode';
import { DataError } from '../../core/data/dataError';
import { loadMetricFile } from '../../core/data/loadMetrics';
import { forecastMetricSet } from '../../core/forecast/forecastMetricSet';
import { formatForecastTable } from '../../core/forecast/formatReport';
import { type ForecastData } from '../../core/forecast/schema';
import { formatDuration, formatValue } from '../../core/format';
import { type Logger } from '../../core/logging';
import { type ProviderLock } from '../../core/lock/providerLock';
import { providerLabel } from '../../core/providers/providerIds';
import { COMMANDS } from '../commandIds';

const METRIC_FILES = /\.(csv|json)$/i;

export interface ForecastRunner {
  run(target?: unknown): Promise<ForecastData | undefined>;
  readonly last: ForecastData | undefined;
}

/**
 * Run Forecast: on the given file, the active CSV/JSON editor, or a file the user picks.
 * The forecast goes to the lock holder only; today that is the built-in forecaster
 * (LLM providers are not available in this version, and the command says so rather
 * than pretend).
 */
export function createForecastRunner(lock: ProviderLock, logger: Logger): ForecastRunner {
  let last: ForecastData | undefined;
  return {
    get last() {
      return last;
    },
    async run(target?: unknown) {
      const uri = await resolveTarget(target);
      if (!uri) return undefined;
      const holder = lock.snapshot.holder;
      if (holder !== 'builtin') {
        const text = holder === null
          ? 'Bottleneck Forecast: no provider holds the lock, so nothing can forecast. Choose one with Switch Provider.'
          : `Bottleneck Forecast: ${providerLabel(holder)} holds the lock, but forecasting with ${providerLabel(holder)} is not available in this version yet. Switch to Built-in to forecast offline.`;
        void vscode.window.showWarningMessage(text, 'Switch Provider').then((c) => c && vscode.commands.executeCommand(COMMANDS.switchProvider));
        logger.warn(text);
        return undefined;
      }
      const name = path.basename(uri.fsPath);
      try {
        const data = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Bottleneck: forecasting ${name}`, cancellable: false },
          async () => {
            const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
            const set = await loadMetricFile(uri.fsPath, open ? { text: open.getText() } : {});
            return forecastMetricSet(set);
          },
        );
        last = data;
        logger.info(`forecast of ${uri.fsPath}: ${data.risk.level} risk; bottleneck ${data.bottleneck?.metric ?? 'none'}`);
        const summary = summarize(data);
        void vscode.window.showInformationMessage(summary, 'Show Report').then(async (c) => {
          if (c) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '```text\n' + formatForecastTable(data) + '\n```\n' }));
        });
        return data;
      } catch (err) {
        if (err instanceof DataError) {
          logger.warn(err.message);
          void vscode.window.showErrorMessage(`Bottleneck Forecast could not read ${name}: ${err.message}`, 'Open File').then((c) => c && vscode.window.showTextDocument(uri));
          return undefined;
        }
        logger.error(err instanceof Error ? err : String(err));
        void vscode.window.showErrorMessage(`Bottleneck Forecast failed on ${name}: ${err instanceof Error ? err.message : String(err)}`, 'Show Logs').then((c) => c && vscode.commands.executeCommand(COMMANDS.showLogs));
        return undefined;
      }
    },
  };
}

/** One line a person reads in a notification. */
export function summarize(data: ForecastData): string {
  const start = Date.parse(data.horizon.start) - data.horizon.stepSeconds * 1000;
  const b = data.bottleneck;
  const tail = `(risk ${data.risk.level}, confidence ${data.confidence.score.toFixed(2)})`;
  if (!b) return `Bottleneck Forecast: no metric is expected to reach its capacity in the next ${formatDuration(data.horizon.count * data.horizon.stepSeconds * 1000)} ${tail}.`;
  const m = data.metrics.find((x) => x.name === b.metric);
  const cap = m?.capacity != null ? formatValue(m.capacity, m.unit) : 'capacity';
  const when = b.expected ?? b.earliest;
  return `Bottleneck: ${b.metric} ${b.expected ? 'reaches' : 'could reach'} ${cap} in ${formatDuration(Date.parse(when ?? data.horizon.start) - start)} ${tail}.`;
}

async function resolveTarget(target: unknown): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string') return vscode.Uri.file(target);
  const active = vscode.window.activeTextEditor?.document;
  if (active && METRIC_FILES.test(active.fileName)) return active.uri;
  const picked = await vscode.window.showOpenDialog({ title: 'Bottleneck: pick a metrics file', filters: { 'Metrics (CSV, JSON)': ['csv', 'json'] }, canSelectMany: false });
  return picked?.[0];
}
