import { summarize } from '../core/forecast/headline';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type CapacityOverride } from '../core/data/loadMetrics';
import { type HealthMonitor } from '../core/health/healthMonitor';
import { type FailureAction, type FailureClass } from '../core/providers/providerError';
import { type FailoverNote } from '../core/health/forecastWithFailover';
import { type PipelineDeps, forecastSet, isPlanSource, runForecast } from '../core/pipeline/runForecast';
import { type FleetResult } from '../core/fleet/forecastFleet';
import { panelFleet } from '../core/fleet/formatFleet';
import { rowKey } from '../core/fleet/ranking';
import { type PanelModel } from '../core/panel/panelMessages';
import { type FailureView, describeFailure } from '../core/pipeline/describeFailure';
import { readSource, sourceName, sourceUri } from './metricSources';
import { type ForecastLedger } from '../core/ledger/forecastLedger';
import { type UsageLedger } from '../core/ledger/usageLedger';
import { type ProviderEntry } from '../core/settings/providerStack';
import { type KeyConsent } from './keyConsent';
import { type ForecastData, type MetricSet } from '../core/base/forecastSchema';
import { Emitter, type Event } from '../core/events';
import { type Logger } from '../core/logging';
import { type ProviderLock } from '../core/lock/providerLock';
import { type ProviderId, providerLabel } from '../core/base/providerIds';
import { COMMANDS } from './commandIds';
import { isPlanName } from '../core/sources/loadPlan';
import { type SourceAccess } from '../core/sources/queryPlan';
import { type ForecastSettings } from '../core/settings/forecastOptions';

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
  | {
      readonly kind: 'finished';
      readonly data: ForecastData;
      readonly set: MetricSet;
      readonly manual: boolean;
      /** Every series ranked, when the forecast shows only the first of a plan's many. */
      readonly fleet?: PanelModel['fleet'];
      /** The holder failed and the provider the lock moved to made this forecast. */
      readonly failover?: FailoverNote;
    }
  | {
      readonly kind: 'failed';
      readonly file: string;
      readonly message: string;
      readonly actions: readonly FailureAction[];
      readonly provider: ProviderId | undefined;
      /** A provider's failure class (what would fix it: a key, another provider…). */
      readonly failure?: FailureClass;
      readonly manual: boolean;
    }
  | { readonly kind: 'cancelled'; readonly file: string; readonly manual: true };

export interface ForecastRunner {
  run(target?: unknown): Promise<ForecastData | undefined>;
  /** The same forecast with no UI (the scheduler's): throws on any failure. */
  forecastFile(file: string, ranked?: FleetResult): Promise<ForecastData>;
  readonly last: ForecastData | undefined;
  readonly lastFailure: ShownFailure | undefined;
  readonly onDidForecast: Event<ForecastEvent>;
  dispose(): void;
}

/** The buttons' labels, in the display language (read when shown: VS Code loads the bundle first). */
const actionLabel = (action: FailureAction): string => {
  switch (action) {
    case 'setKey':
      return vscode.l10n.t('Set API Key');
    case 'switchProvider':
      return vscode.l10n.t('Switch Provider');
    case 'showLogs':
      return vscode.l10n.t('Show Logs');
    case 'openSample':
      return vscode.l10n.t('Open Sample Data');
  }
};
const ACTION_COMMANDS: Record<FailureAction, string> = {
  setKey: COMMANDS.setApiKey,
  switchProvider: COMMANDS.switchProvider,
  showLogs: COMMANDS.showLogs,
  openSample: COMMANDS.openSampleData,
};

export interface ForecastRunnerDeps {
  readonly lock: ProviderLock;
  readonly stack: () => readonly ProviderEntry[];
  /** Keys bound to their endpoints; a forecast a person started may ask to approve a new one. */
  readonly keys: KeyConsent;
  readonly ledger: ForecastLedger;
  /** Each answer's tokens, counted for the month and checked against the budgets. */
  readonly usage?: UsageLedger;
  readonly monitor: HealthMonitor;
  /** Capacities from settings, overriding the file's. */
  readonly capacities: () => Readonly<Record<string, CapacityOverride>>;
  /**
   * Horizon and interval level for a source (the CLI's --horizon and --level), read at each
   * run: the settings', or the file's choice in the panel over them.
   */
  readonly forecastSettings: (file: string) => ForecastSettings;
  readonly logger: Logger;
  /** The bundled sample, offered when there is nothing else to forecast. */
  readonly sample: vscode.Uri;
  /** How capacity plans reach their sources (secret storage, Restricted Mode). */
  readonly sources?: SourceAccess;
  /**
   * Ranks a plan's series on the worker pool (the Capacity view's run). With it, Run Forecast
   * on a plan forecasts the first TOP_SERIES of the ranking with the lock holder, and the
   * panel lists them all.
   */
  readonly rank?: (source: string, signal: AbortSignal) => Promise<FleetResult>;
  /** Opens a forecast's text report (Show Report on the notification). */
  readonly showReport: (data: ForecastData) => Thenable<unknown>;
}

/** How many series of a plan the panel charts (the first of its ranking). */
export const TOP_SERIES = 8;

/**
 * Run Forecast: on the given file, the active CSV/JSON editor, or a file the user picks,
 * with the provider that holds the lock and no other. The progress notification can
 * cancel it (an AbortSignal reaches the provider request). A failure names the provider
 * and the cause, with buttons for what to do.
 */
export function createForecastRunner({
  lock,
  stack,
  keys,
  ledger,
  usage,
  monitor,
  capacities,
  forecastSettings,
  logger,
  sample,
  sources,
  rank,
  showReport,
}: ForecastRunnerDeps): ForecastRunner {
  let last: ForecastData | undefined;
  let lastFailure: ShownFailure | undefined;
  const events = new Emitter<ForecastEvent>();
  const deps = (asking: boolean): PipelineDeps => ({
    lock,
    monitor,
    stack: stack(),
    getKey: (e) => (asking ? keys.grantAsking(e) : keys.grant(e)),
    ledger,
    ...(usage ? { usage } : {}),
    logger,
    capacities: capacities(),
    ...(sources ? { sources } : {}),
  });
  return {
    onDidForecast: events.event,
    dispose: () => events.dispose(),
    get last() {
      return last;
    },
    get lastFailure() {
      return lastFailure;
    },
    async forecastFile(file: string, ranked?: FleetResult) {
      const uri = sourceUri(file);
      try {
        const source = await readSource(uri);
        // a plan's series are ranked on the worker pool (or were, by the refresh); its first ones are charted
        const {
          data,
          set,
          failover,
          fleet,
        }: { data: ForecastData; set: MetricSet; failover?: FailoverNote; fleet?: PanelModel['fleet'] } =
          rank && isPlanSource(source)
            ? await forecastTop(source.name, new AbortController().signal, false, ranked)
            : await runForecast(source, deps(false), forecastSettings(source.name));
        last = data;
        events.fire({
          kind: 'finished',
          data,
          set,
          manual: false,
          ...(failover ? { failover } : {}),
          ...(fleet ? { fleet } : {}),
        });
        return data;
      } catch (err) {
        const view = describeFailure(err, vscode.l10n);
        events.fire({
          kind: 'failed',
          file: sourceName(uri),
          message: view.message,
          actions: view.actions,
          provider: view.provider,
          ...(view.failure ? { failure: view.failure } : {}),
          manual: false,
        });
        throw err;
      }
    },
    async run(target?: unknown) {
      const uri = await resolveTarget(target, last ? sourceUri(last.source) : undefined, sample);
      if (!uri) return undefined;
      const holder = lock.snapshot.holder;
      const file = sourceName(uri);
      const name = path.posix.basename(uri.path) || file;
      const by = holder ? providerLabel(holder) : vscode.l10n.t('no provider');
      events.fire({ kind: 'started', file, provider: by, manual: true });
      try {
        const { data, set, fleet, failover } = await vscode.window.withProgress<{
          data: ForecastData;
          set: MetricSet;
          fleet?: PanelModel['fleet'];
          failover?: FailoverNote;
        }>(
          {
            location: vscode.ProgressLocation.Notification,
            title: vscode.l10n.t('Bottleneck: forecasting {0} with {1}', name, by),
            cancellable: true,
          },
          async (_progress, token) => {
            const controller = new AbortController();
            const subscription = token.onCancellationRequested(() => controller.abort());
            try {
              const source = await readSource(uri);
              if (rank && isPlanSource(source)) return await forecastTop(source.name, controller.signal, true);
              return await runForecast(source, deps(true), {
                ...forecastSettings(source.name),
                signal: controller.signal,
              });
            } finally {
              subscription.dispose();
            }
          },
        );
        last = data;
        lastFailure = undefined;
        events.fire({
          kind: 'finished',
          data,
          set,
          manual: true,
          ...(fleet ? { fleet } : {}),
          ...(failover ? { failover } : {}),
        });
        logger.info(`forecast of ${file}: ${data.risk.level} risk; bottleneck ${data.bottleneck?.metric ?? 'none'}`);
        void vscode.window
          .showInformationMessage(summarize(data, vscode.l10n), vscode.l10n.t('Show Report'))
          .then(async (c) => {
            if (c) await showReport(data);
          });
        return data;
      } catch (err) {
        showFailure(describeFailure(err, vscode.l10n), uri, name);
        return undefined;
      }
    },
  };

  /**
   * A plan: its series ranked on the worker pool, then the first TOP_SERIES (all of them
   * when there are no more) forecast with the lock holder; the panel lists the whole ranking
   * when it holds more.
   */
  async function forecastTop(
    name: string,
    signal: AbortSignal,
    asking: boolean,
    done?: FleetResult,
  ): Promise<{ data: ForecastData; set: MetricSet; fleet?: PanelModel['fleet']; failover?: FailoverNote }> {
    const ranked = done ?? (await (rank as NonNullable<typeof rank>)(name, signal));
    const top = ranked.rows
      .filter((r) => r.error === undefined)
      .slice(0, TOP_SERIES)
      .map((r) => ranked.series.get(rowKey(r)))
      .filter((s): s is NonNullable<typeof s> => s !== undefined)
      .map(({ group: _group, ...metric }) => metric);
    const more = ranked.rows.length > top.length;
    const set: MetricSet = {
      source: name,
      metrics: top,
      warnings: [
        ...ranked.warnings,
        ...(more
          ? [
              vscode.l10n.t(
                'The charts show the first {0} of {1} series, ranked by time to breach; the table below lists them all.',
                top.length,
                ranked.rows.length,
              ),
            ]
          : []),
      ],
    };
    const { data, failover } = await forecastSet(set, deps(asking), { ...forecastSettings(name), signal });
    return {
      data,
      set,
      ...(more ? { fleet: panelFleet(ranked.rows, vscode.l10n) } : {}),
      ...(failover ? { failover } : {}),
    };
  }

  /** A failed Run Forecast, as the person sees it: the panel's status, a notification with what to do, the log. */
  function showFailure(view: FailureView, uri: vscode.Uri, name: string): void {
    const file = sourceName(uri);
    if (view.kind === 'cancelled') {
      logger.info(`forecast of ${name} cancelled`);
      events.fire({ kind: 'cancelled', file, manual: true });
      return;
    }
    if (view.kind === 'provider') {
      const text = vscode.l10n.t('Bottleneck Forecast: {0}', view.message);
      lastFailure = {
        provider: view.provider ?? 'builtin',
        failure: view.failure ?? 'server',
        message: text,
        actions: view.actions.map(actionLabel),
      };
      events.fire({
        kind: 'failed',
        file,
        message: view.message,
        actions: view.actions,
        provider: view.provider,
        ...(view.failure ? { failure: view.failure } : {}),
        manual: true,
      });
      logger.warn(`forecast of ${name} failed: ${view.failure ?? ''}: ${view.message}`);
      for (const problem of view.problems.slice(0, 20)) logger.warn(`  output problem: ${problem}`);
      void vscode.window.showErrorMessage(text, ...view.actions.map(actionLabel)).then((choice) => {
        const action = view.actions.find((a) => actionLabel(a) === choice);
        if (action)
          void vscode.commands.executeCommand(
            ACTION_COMMANDS[action],
            ...(action === 'setKey' && view.provider ? [view.provider] : []),
          );
      });
      return;
    }
    if (view.kind === 'input') {
      logger.warn(view.message);
      // a file that is not metrics at all: one sentence and the sample, not "Open File" on what is already open
      const notMetrics = view.actions.includes('openSample');
      // "package.json is not a metrics file: …", named as the tab names it
      const sentence = notMetrics && view.detail ? `${name} ${view.detail}` : view.message;
      events.fire({
        kind: 'failed',
        file,
        message: notMetrics ? sentence : vscode.l10n.t('could not read the file: {0}', view.message),
        actions: notMetrics ? view.actions : ['showLogs'],
        provider: undefined,
        manual: true,
      });
      if (notMetrics) {
        const text = vscode.l10n.t('Bottleneck Forecast: {0}', sentence);
        const openSample = actionLabel('openSample');
        lastFailure = { provider: '', failure: 'input', message: text, actions: [openSample] };
        void vscode.window
          .showErrorMessage(text, openSample)
          .then((c) => c && vscode.commands.executeCommand(ACTION_COMMANDS.openSample));
        return;
      }
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t('Bottleneck Forecast could not read {0}: {1}', name, view.message),
          vscode.l10n.t('Open File'),
        )
        .then((c) => (c ? vscode.window.showTextDocument(uri) : undefined));
      return;
    }
    logger.error(view.message);
    events.fire({
      kind: 'failed',
      file,
      message: view.message,
      actions: ['showLogs'],
      provider: undefined,
      manual: true,
    });
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('Bottleneck Forecast failed on {0}: {1}', name, view.message),
        actionLabel('showLogs'),
      )
      .then((c) => c && vscode.commands.executeCommand(COMMANDS.showLogs));
  }
}

const isMetricsDocument = (d: vscode.TextDocument): boolean =>
  METRIC_FILES.test(d.fileName) || isPlanName(d.fileName) || (d.isUntitled && ['csv', 'json'].includes(d.languageId));

/**
 * What Run Forecast forecasts when not told: the metrics file in the active editor, else
 * one shown in another editor (a walkthrough or the panel may have the focus), else the
 * last file forecast, else the person chooses: the sample, or a file.
 */
async function resolveTarget(
  target: unknown,
  lastSource: vscode.Uri | undefined,
  sample: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string') return sourceUri(target);
  const pick = typeof target === 'object' && target !== null && (target as { pick?: unknown }).pick === true;
  if (!pick) {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isMetricsDocument(active)) return active.uri;
    const shown = vscode.window.visibleTextEditors.find((e) => isMetricsDocument(e.document));
    if (shown) return shown.document.uri;
    if (lastSource) return lastSource;
    const choice = await vscode.window.showQuickPick(
      [
        {
          label: `$(beaker) ${vscode.l10n.t('Forecast the sample data')}`,
          detail: vscode.l10n.t('Four weeks of five service metrics, shipped with the extension'),
          id: 'sample',
        },
        {
          label: `$(folder-opened) ${vscode.l10n.t('Pick a metrics file…')}`,
          detail: vscode.l10n.t('A CSV or JSON file of timestamps and values'),
          id: 'pick',
        },
      ],
      {
        title: vscode.l10n.t('Bottleneck: Run Forecast'),
        placeHolder: vscode.l10n.t('No metrics file is open. What should be forecast?'),
      },
    );
    if (!choice) return undefined;
    if (choice.id === 'sample') return sample;
  }
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Bottleneck: pick a metrics file'),
    filters: { [vscode.l10n.t('Metrics (CSV, JSON)')]: ['csv', 'json'] },
    canSelectMany: false,
  });
  return picked?.[0];
}
