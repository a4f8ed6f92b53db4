import {
  EXPORT_FORMATS,
  type ExportFormat,
  type PageMessage,
  type PanelAction,
  type PanelControls,
} from '../../core/panel/panelMessages';
import { type MetricSet } from '../../core/base/forecastSchema';
import { type ForecastChoices } from '../../core/settings/forecastChoices';
import { type ForecastSettings } from '../../core/settings/forecastOptions';
import { buildPanelControls, readChoice } from '../../core/panel/panelControls';
import { sourceUri } from '../metricSources';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatForecastCsv } from '../../core/forecast/formatReport';
import { type Logger } from '../../core/logging';
import { type FailureAction } from '../../core/providers/providerError';
import { COMMANDS } from '../commandIds';
import { type ForecastRunner } from '../forecastRunner';
import { type ForecastPanel } from './forecastPanel';
import { messageOf } from '../../core/errors';
import { formatDuration } from '../../core/format';
import { type KeyValueStore } from '../../core/storage/keyValueStore';
import { SHOWN_KEY, readShownForecast, restoredControls, shownForecast } from '../../core/panel/shownForecast';
import { panelModelId } from '../../core/panel/panelModel';

const PANEL_ACTION_OF: Record<FailureAction, PanelAction> = {
  setKey: 'setApiKey',
  switchProvider: 'switchProvider',
  showLogs: 'showLogs',
  openSample: 'forecastSample',
};

/** What the panel's horizon and level selectors show: each file's choice over the settings. */
export interface PanelChoices {
  readonly choices: ForecastChoices;
  readonly settings: () => ForecastSettings;
  /** Where the forecast shown is remembered, for the selectors of a panel restored after a reload. */
  readonly store: KeyValueStore;
  readonly logger: Logger;
}

/**
 * Connects the forecast runner to the panel: a Run Forecast reveals the panel with a
 * loading status, then the forecast (with its selectors) or the failure; a scheduled
 * forecast updates an open panel without taking focus. The selectors wait while a Run
 * Forecast is under way.
 */
export function connectPanel(panel: ForecastPanel, runner: ForecastRunner, choices: PanelChoices): vscode.Disposable {
  const controlsFor = (file: string, set: MetricSet, busy: boolean): PanelControls =>
    buildPanelControls(file, set.metrics, choices.settings(), choices.choices.get(file), busy, vscode.l10n);
  let running = 0;
  const remember = (id: string, file: string, set: MetricSet): void => {
    const shown = shownForecast(id, file, set);
    if (shown)
      void choices.store
        .update(SHOWN_KEY, shown)
        .catch((err: unknown) =>
          choices.logger.warn(`forecast panel: the forecast shown could not be remembered: ${messageOf(err)}`),
        );
  };
  const ended = (manual: boolean): void => {
    if (!manual) return;
    running = Math.max(0, running - 1);
    panel.setBusy(running > 0);
  };
  // a page VS Code restored after a reload shows its saved forecast: its selectors come back
  // when it is the forecast the host remembers
  const restored = panel.onDidRestorePage((showing) => {
    const shown = readShownForecast(choices.store.get(SHOWN_KEY));
    if (!shown) return;
    const controls = restoredControls(
      shown,
      showing,
      choices.settings(),
      choices.choices.get(shown.file),
      running > 0,
      vscode.l10n,
    );
    if (controls) panel.restoreControls(controls);
  });
  const forecasts = runner.onDidForecast((e) => {
    switch (e.kind) {
      case 'started':
        running++;
        panel.setBusy(true);
        panel.show(true);
        panel.setStatus({ kind: 'loading', source: path.basename(e.file), provider: e.provider });
        return;
      case 'finished':
        if (e.manual) running = Math.max(0, running - 1);
        panel.setForecast(e.data, e.set, {
          ...(e.fleet ? { fleet: e.fleet } : {}),
          ...(e.failover ? { failover: e.failover } : {}),
          controls: controlsFor(e.data.source, e.set, running > 0),
        });
        remember(panelModelId(e.data), e.data.source, e.set);
        if (e.manual) panel.show(true);
        return;
      case 'failed': {
        ended(e.manual);
        // A scheduled failure only shows in an open panel; the previous forecast stays below it,
        // marked stale with its age when it is of the same source.
        const kept = panel.current?.source === e.file ? panel.current : undefined;
        const stale = kept
          ? ` ${vscode.l10n.t('The forecast below is stale: it was made {0} ago.', formatDuration(Date.now() - Date.parse(kept.createdAt), vscode.l10n))}`
          : '';
        if (e.manual || panel.isOpen)
          panel.setStatus(
            {
              kind: 'error',
              source: path.basename(e.file),
              message: `${e.message}${stale}`,
              actions: e.actions.map((a) => PANEL_ACTION_OF[a]),
            },
            e.provider && e.failure ? { provider: e.provider, failure: e.failure } : undefined,
          );
        return;
      }
      case 'cancelled':
        ended(true);
        panel.setStatus({ kind: 'empty' });
        return;
    }
  });
  return vscode.Disposable.from(restored, forecasts);
}

/** What the page's buttons and selectors do; `choose` keeps a file's horizon or level choice. */
export function panelActionHandler(
  panel: ForecastPanel,
  runner: ForecastRunner,
  sample: vscode.Uri,
  logger: Logger,
  choices: Pick<ForecastChoices, 'set'>,
) {
  return (message: Extract<PageMessage, { type: 'command' | 'export' | 'png' | 'choose' }>): void => {
    if (message.type === 'choose') {
      const read = readChoice(panel.controls, message);
      if (!read.ok) {
        logger.warn(`forecast panel: refused a ${message.control} choice: ${read.problem}`);
        return;
      }
      const file = message.file;
      panel.setBusy(true); // until the forecast it starts has ended
      void choices
        .set(file, read.change)
        .catch((err: unknown) =>
          logger.warn(`forecast panel: the ${message.control} choice could not be stored: ${messageOf(err)}`),
        )
        // the same path as Run Forecast: the lock holder, its progress, its failures
        .then(() => runner.run(sourceUri(file)));
      return;
    }
    if (message.type === 'export') {
      void vscode.commands.executeCommand(COMMANDS.exportForecast, message.format);
      return;
    }
    if (message.type === 'png') {
      void saveExport({
        panel,
        logger,
        format: 'png',
        png: Buffer.from(message.dataUrl.slice(message.dataUrl.indexOf(',') + 1), 'base64'),
      });
      return;
    }
    const source = panel.current?.source ?? runner.last?.source;
    const run: Record<PanelAction, () => Thenable<unknown>> = {
      // the runner directly, with the source's URI (any scheme), not a command round trip with a path
      retry: () => runner.run(source ? sourceUri(source) : undefined),
      forecastSample: () => runner.run(sample),
      pickFile: () => runner.run({ pick: true }),
      switchProvider: () => vscode.commands.executeCommand(COMMANDS.switchProvider),
      setApiKey: () =>
        vscode.commands.executeCommand(
          COMMANDS.setApiKey,
          ...(runner.lastFailure ? [runner.lastFailure.provider] : []),
        ),
      showLogs: () => vscode.commands.executeCommand(COMMANDS.showLogs),
      openSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', 'bottleneck.'),
    };
    void run[message.command]();
  };
}

/**
 * Export Forecast: the newest forecast as CSV (the forecast points), JSON (`ForecastData`)
 * or PNG (the panel's charts), to `target` or where the person picks.
 */
export async function exportForecast(
  panel: ForecastPanel,
  runner: ForecastRunner,
  logger: Logger,
  format?: unknown,
  target?: unknown,
): Promise<vscode.Uri | undefined> {
  if (!panel.current && !runner.last) {
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Bottleneck Forecast: there is no forecast to export yet. Run a forecast first.'),
      vscode.l10n.t('Run Forecast'),
    );
    if (choice) void vscode.commands.executeCommand(COMMANDS.runForecast);
    return undefined;
  }
  const picked = (EXPORT_FORMATS as readonly string[]).includes(format as string)
    ? (format as ExportFormat)
    : (
        await vscode.window.showQuickPick(
          [
            {
              label: 'CSV',
              description: vscode.l10n.t('the forecast points: metric, time, value, lower, upper'),
              format: 'csv' as const,
            },
            { label: 'JSON', description: vscode.l10n.t('the whole forecast (ForecastData)'), format: 'json' as const },
            { label: 'PNG', description: vscode.l10n.t('the charts as an image'), format: 'png' as const },
          ],
          {
            title: vscode.l10n.t('Bottleneck: Export Forecast'),
            placeHolder: vscode.l10n.t('Export the newest forecast as…'),
          },
        )
      )?.format;
  if (!picked) return undefined;
  try {
    return await saveExport({
      panel,
      logger,
      format: picked,
      runner,
      ...(target instanceof vscode.Uri ? { target } : {}),
    });
  } catch (err) {
    const message = messageOf(err);
    logger.warn(`export failed: ${message}`);
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Bottleneck Forecast could not export: {0}', message), vscode.l10n.t('Show Logs'))
      .then((c) => c && vscode.commands.executeCommand(COMMANDS.showLogs));
    return undefined;
  }
}

interface ExportRequest {
  readonly panel: ForecastPanel;
  readonly logger: Logger;
  readonly format: ExportFormat;
  /** Where to write; asked with a save dialog when absent. */
  readonly target?: vscode.Uri;
  /** The charts as the page drew them (PNG export from the page's own button). */
  readonly png?: Uint8Array;
  /** Whose newest forecast to export when the panel shows none. */
  readonly runner?: ForecastRunner;
}

async function saveExport({
  panel,
  logger,
  format,
  target,
  png,
  runner,
}: ExportRequest): Promise<vscode.Uri | undefined> {
  const data = panel.current ?? runner?.last;
  if (!data) return undefined;
  const stem = `${path.basename(data.source).replace(/\.[^.]+$/, '')}-forecast`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const filters: Record<ExportFormat, Record<string, string[]>> = {
    csv: { CSV: ['csv'] },
    json: { JSON: ['json'] },
    png: { [vscode.l10n.t('PNG image')]: ['png'] },
  };
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Forecast as {0}', format.toUpperCase()),
      filters: filters[format],
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${stem}.${format}`) } : {}),
    }));
  if (!uri) return undefined;
  const bytes =
    format === 'csv'
      ? new TextEncoder().encode(formatForecastCsv([data]) + '\n')
      : format === 'json'
        ? new TextEncoder().encode(JSON.stringify(data, null, 2) + '\n')
        : (png ?? (await panel.requestPng()));
  await vscode.workspace.fs.writeFile(uri, bytes);
  logger.info(`exported the forecast of ${data.source} as ${format.toUpperCase()} to ${uri.fsPath}`);
  return uri;
}
