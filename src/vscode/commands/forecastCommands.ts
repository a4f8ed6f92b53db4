import { summarize } from '../../core/forecast/headline';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DataError } from '../../core/base/dataError';
import { type CapacityOverride, loadMetricFile } from '../../core/data/loadMetrics';
import { forecastWithFailover } from '../../core/health/forecastWithFailover';
import { type HealthMonitor } from '../../core/health/healthMonitor';
import { ProviderError, type FailureAction } from '../../core/providers/providerError';
import { type ForecastLedger } from '../../core/ledger/forecastLedger';
import { type ProviderEntry } from '../../core/settings/providerStack';
import { type KeyConsent } from '../keyConsent';
import { formatForecastTable } from '../../core/forecast/formatReport';
import { type ForecastData, type MetricSet } from '../../core/base/forecastSchema';
import { Emitter, type Event } from '../../core/events';
import { type Logger } from '../../core/logging';
import { type ProviderLock } from '../../core/lock/providerLock';
import { providerLabel } from '../../core/base/providerIds';
import { COMMANDS } from '../commandIds';
import { messageOf, loggable } from '../../core/errors';

const METRIC_FILES = /\.(csv|json)$/i;

/** The newest failure, as the person saw it (for the test API). */
export interface ShownFailure {
  readonly provider: string;
  readonly failure: string;
  readonly message: string;
  readonly actions: readonly string[];
}

/** What happens to forecasts, for the panel: `manual` runs were asked for by the person (Run Forecast). */
export type ForecastEvent =
  | { readonly kind: 'started'; readonly file: string; readonly provider: string; readonly manual: true }
  | { readonly kind: 'finished'; readonly data: ForecastData; readonly set: MetricSet; readonly manual: boolean }
  | { readonly kind: 'failed'; readonly file: string; readonly message: string; readonly actions: readonly FailureAction[]; readonly provider: string | undefined; readonly manual: boolean }
  | { readonly kind: 'cancelled'; readonly file: string; readonly manual: true };

export interface ForecastRunner {
  run(target?: unknown): Promise<ForecastData | undefined>;
  /** The same forecast with no UI (the scheduler's): throws on any failure. */
  forecastFile(file: string): Promise<ForecastData>;
  readonly last: ForecastData | undefined;
  readonly lastFailure: ShownFailure | undefined;
  readonly onDidForecast: Event<ForecastEvent>;
  dispose(): void;
}

const ACTION_LABELS: Record<FailureAction, string> = { setKey: 'Set API Key', switchProvider: 'Switch Provider', showLogs: 'Show Logs' };
const ACTION_COMMANDS: Record<FailureAction, string> = { setKey: COMMANDS.setApiKey, switchProvider: COMMANDS.switchProvider, showLogs: COMMANDS.showLogs };

export interface ForecastRunnerDeps {
  readonly lock: ProviderLock;
  readonly stack: () => readonly ProviderEntry[];
  /** Keys bound to their endpoints; a forecast a person started may ask to approve a new one. */
  readonly keys: KeyConsent;
  readonly ledger: ForecastLedger;
  readonly monitor: HealthMonitor;
  /** Capacities from settings, overriding the file's. */
  readonly capacities: () => Readonly<Record<string, CapacityOverride>>;
  readonly logger: Logger;
}

/**
 * Run Forecast: on the given file, the active CSV/JSON editor, or a file the user picks,
 * with the provider that holds the lock and no other. The progress notification can
 * cancel it (an AbortSignal reaches the provider request). A failure names the provider
 * and the cause, with buttons for what to do.
 */
export function createForecastRunner({ lock, stack, keys, ledger, monitor, capacities, logger }: ForecastRunnerDeps): ForecastRunner {
  let last: ForecastData | undefined;
  let lastFailure: ShownFailure | undefined;
  const events = new Emitter<ForecastEvent>();
  return {
    onDidForecast: events.event,
    dispose: () => events.dispose(),
    get last() {
      return last;
    },
    get lastFailure() {
      return lastFailure;
    },
    async forecastFile(file: string) {
      try {
        const set = await loadMetricFile(file, { capacities: capacities() });
        const data = await forecastWithFailover(set, lock, monitor, { stack: stack(), getKey: (e) => keys.grant(e), ledger, logger });
        last = data;
        events.fire({ kind: 'finished', data, set, manual: false });
        return data;
      } catch (err) {
        const provider = err instanceof ProviderError ? err.provider : undefined;
        events.fire({ kind: 'failed', file, message: messageOf(err), actions: err instanceof ProviderError ? err.actions : ['showLogs'], provider, manual: false });
        throw err;
      }
    },
    async run(target?: unknown) {
      const uri = await resolveTarget(target);
      if (!uri) return undefined;
      const holder = lock.snapshot.holder;
      const name = path.basename(uri.fsPath);
      let set: MetricSet | undefined;
      events.fire({ kind: 'started', file: uri.fsPath, provider: holder ? providerLabel(holder) : 'no provider', manual: true });
      try {
        const data = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Bottleneck: forecasting ${name} with ${holder ? providerLabel(holder) : 'no provider'}`, cancellable: true },
          async (_progress, token) => {
            const controller = new AbortController();
            const subscription = token.onCancellationRequested(() => controller.abort());
            try {
              const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
              set = await loadMetricFile(uri.fsPath, { capacities: capacities(), ...(open ? { text: open.getText() } : {}) });
              return await forecastWithFailover(set, lock, monitor, { stack: stack(), getKey: (e) => keys.grantAsking(e), signal: controller.signal, ledger, logger });
            } finally {
              subscription.dispose();
            }
          },
        );
        last = data;
        lastFailure = undefined;
        if (set) events.fire({ kind: 'finished', data, set, manual: true });
        logger.info(`forecast of ${uri.fsPath}: ${data.risk.level} risk; bottleneck ${data.bottleneck?.metric ?? 'none'}`);
        const summary = summarize(data);
        void vscode.window.showInformationMessage(summary, 'Show Report').then(async (c) => {
          if (c) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '```text\n' + formatForecastTable(data) + '\n```\n' }));
        });
        return data;
      } catch (err) {
        if (err instanceof ProviderError) {
          const text = `Bottleneck Forecast: ${err.message}`;
          lastFailure = { provider: err.provider, failure: err.failure, message: text, actions: err.actions.map((a) => ACTION_LABELS[a]) };
          if (err.failure === 'cancelled') {
            logger.info(`forecast of ${name} cancelled`);
            events.fire({ kind: 'cancelled', file: uri.fsPath, manual: true });
            return undefined;
          }
          events.fire({ kind: 'failed', file: uri.fsPath, message: err.message, actions: err.actions, provider: err.provider, manual: true });
          logger.warn(`forecast of ${name} failed: ${err.failure}${err.status !== undefined ? ` (HTTP ${err.status})` : ''}: ${err.message}`);
          for (const problem of err.problems.slice(0, 20)) logger.warn(`  output problem: ${problem}`);
          void vscode.window.showErrorMessage(text, ...err.actions.map((a) => ACTION_LABELS[a])).then((choice) => {
            const action = err.actions.find((a) => ACTION_LABELS[a] === choice);
            if (action) void vscode.commands.executeCommand(ACTION_COMMANDS[action], ...(action === 'setKey' ? [err.provider] : []));
          });
          return undefined;
        }
        if (err instanceof DataError) {
          logger.warn(err.message);
          events.fire({ kind: 'failed', file: uri.fsPath, message: `could not read the file: ${err.message}`, actions: ['showLogs'], provider: undefined, manual: true });
          void vscode.window.showErrorMessage(`Bottleneck Forecast could not read ${name}: ${err.message}`, 'Open File').then((c) => c && vscode.window.showTextDocument(uri));
          return undefined;
        }
        logger.error(loggable(err));
        events.fire({ kind: 'failed', file: uri.fsPath, message: messageOf(err), actions: ['showLogs'], provider: undefined, manual: true });
        void vscode.window.showErrorMessage(`Bottleneck Forecast failed on ${name}: ${messageOf(err)}`, 'Show Logs').then((c) => c && vscode.commands.executeCommand(COMMANDS.showLogs));
        return undefined;
      }
    },
  };
}

async function resolveTarget(target: unknown): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string') return vscode.Uri.file(target);
  const pick = typeof target === 'object' && target !== null && (target as { pick?: unknown }).pick === true;
  const active = vscode.window.activeTextEditor?.document;
  if (!pick && active && METRIC_FILES.test(active.fileName)) return active.uri;
  const picked = await vscode.window.showOpenDialog({ title: 'Bottleneck: pick a metrics file', filters: { 'Metrics (CSV, JSON)': ['csv', 'json'] }, canSelectMany: false });
  return picked?.[0];
}
