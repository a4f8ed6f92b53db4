import * as vscode from 'vscode';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProviderLock } from '../core/lock/providerLock';
import { providerLabel } from '../core/base/providerIds';
import { type BottleneckApi } from './api';
import { AuditView } from './auditView';
import { ReportView } from './reportView';
import { COMMANDS, CONTEXT_KEYS } from './commandIds';
import { llmIds, releaseProviderLock, switchProvider } from './commands/lockCommands';
import { selectModel } from './commands/selectModel';
import { createForecastRunner } from './forecastRunner';
import { SourceSecrets } from './sourceSecrets';
import { setSourceCredential } from './commands/sourceCommands';
import { clearApiKey, setApiKey, type SetKeyOptions } from './commands/keyCommands';
import { ApiKeys } from './apiKeys';
import { KeyConsent } from './keyConsent';
import { ForecastLedger } from '../core/ledger/forecastLedger';
import { UsageLedger } from '../core/ledger/usageLedger';
import { budgetCheck } from '../core/health/tokenBudget';
import { UsageView } from './usageView';
import { HealthMonitor } from '../core/health/healthMonitor';
import { keyedProbes } from '../core/health/keyedProbes';
import { ForecastScheduler } from '../core/scheduler/forecastScheduler';
import { systemClock } from '../core/time/clock';
import { systemTimers } from '../core/time/timers';
import { createLogger } from './logger';
import { Settings } from './settings';
import { ForecastableContext } from './forecastableContext';
import { LockStatusBar } from './statusBar';
import { WorkspaceStateStore } from './workspaceStateStore';
import { HealthView } from './healthView';
import { ForecastPanel, PANEL_VIEW_TYPE } from './panel/forecastPanel';
import { connectPanel, exportForecast, panelActionHandler } from './panel/panelController';
import { messageOf, loggable } from '../core/errors';
import { CapacityService } from './capacity/capacityService';
import { type FleetResult } from '../core/fleet/forecastFleet';
import { CapacityView, registerCapacityCommands } from './capacity/capacityView';
import { sourceName, sourceUri } from './metricSources';
import { ForecastChoices } from '../core/settings/forecastChoices';
import { announceRecovery } from './commands/lockCommands';

/** Failures a new key can fix. */
const KEY_FAILURES: ReadonlySet<string> = new Set(['not-configured', 'auth', 'quota']);

/**
 * The composition root: builds every service, wires them, registers every disposable
 * in `context.subscriptions`, and returns the API. No logic of its own lives here.
 */
export async function activate(context: vscode.ExtensionContext): Promise<BottleneckApi> {
  const started = performance.now();
  const { logger, channel } = createLogger();
  context.subscriptions.push(channel);
  try {
    const settings = new Settings(logger);
    context.subscriptions.push(settings);
    const store = new WorkspaceStateStore(context.workspaceState);
    const { lock, recovery, firstRun } = await ProviderLock.open(store, { auditLimit: settings.auditTrailLimit });
    context.subscriptions.push(lock);

    const statusBar = new LockStatusBar();
    const auditView = new AuditView(lock);
    const reportView = new ReportView();
    context.subscriptions.push(statusBar, auditView, reportView);
    const keys = new ApiKeys(context.secrets);
    context.subscriptions.push(keys);
    const consent = new KeyConsent(keys, context.workspaceState, logger);
    const ledger = new ForecastLedger(store);
    if (ledger.recovered) logger.warn(`provider ledger: ${ledger.recovered}`);
    const { ledger: usage, recovery: usageRecovery } = await UsageLedger.open(store);
    if (usageRecovery)
      logger.warn(
        `token usage: ${usageRecovery.problem}; kept aside as ${usageRecovery.quarantineKey}; counting starts afresh`,
      );
    // a provider whose monthly token budget is spent: the monitor moves the lock off it, Switch Provider refuses it
    const overBudget = budgetCheck(usage, () => settings.budget.monthlyTokens);
    const monitor = new HealthMonitor({
      lock,
      stack: () => settings.providerStack,
      ...keyedProbes((entry) => consent.grant(entry)),
      policy: () => settings.healthPolicy,
      clock: systemClock,
      timers: systemTimers,
      random: Math.random,
      logger,
      overBudget,
    });
    context.subscriptions.push({ dispose: () => monitor.dispose() });
    const usageView = new UsageView(
      usage,
      () => settings.budget,
      () => settings.providerStack,
    );
    context.subscriptions.push(usageView);
    const healthView = new HealthView(monitor, logger, () => settings.healthPolicy.pauseWhenUnfocused);
    context.subscriptions.push(healthView);
    const sample = vscode.Uri.joinPath(context.extensionUri, 'samples', 'service-metrics.csv');
    const samplePlan = vscode.Uri.joinPath(context.extensionUri, 'samples', 'node-exporter.plan.json');
    const sourceSecrets = new SourceSecrets(context.secrets);
    const views: { capacity?: CapacityView } = {};
    const capacity = new CapacityService({
      memento: context.workspaceState,
      capacities: () => settings.capacities,
      forecastSettings: () => settings.forecast,
      sources: sourceSecrets.access(() => vscode.workspace.isTrusted),
      logger,
      notify: (notice, buttons) =>
        notice.severity === 'critical'
          ? vscode.window.showErrorMessage(notice.text, ...buttons)
          : vscode.window.showWarningMessage(notice.text, ...buttons),
      reveal: (source, row) => void views.capacity?.reveal(source, row),
    });
    const capacityView = new CapacityView(capacity);
    views.capacity = capacityView;
    context.subscriptions.push(capacity, capacityView);
    // the panel's horizon and level per file, over the settings
    const choices = new ForecastChoices(store);
    if (choices.problem) logger.warn(choices.problem);
    const forecasts = createForecastRunner({
      sources: sourceSecrets.access(() => vscode.workspace.isTrusted),
      lock,
      stack: () => settings.providerStack,
      keys: consent,
      ledger,
      usage,
      monitor,
      capacities: () => settings.capacities,
      forecastSettings: (file) => choices.apply(file, settings.forecast),
      logger,
      sample,
      rank: (source, signal) => capacity.rank(source, { scheduled: false, signal }),
      showReport: (data) => reportView.show(data),
    });
    context.subscriptions.push(forecasts);
    const folder = (): string | undefined => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const refreshFiles = (): string[] =>
      settings.refresh.files.map((f) => (path.isAbsolute(f) ? f : path.join(folder() ?? '', f)));
    const scheduler = new ForecastScheduler({
      enabled: () => settings.refresh.enabled && settings.refresh.files.length > 0,
      intervalMs: () => settings.refresh.intervalMs,
      // One refresh: the panel gets one forecast (of the source it shows when that is refreshed,
      // else of the first file), and every file is ranked as a fleet for the Capacity view and
      // its warnings, which come as one notification for the whole refresh.
      run: async () => {
        const files = refreshFiles();
        const shown = panel.current?.source;
        const forPanel = files.find((f) => shown !== undefined && sourceName(sourceUri(f)) === shown) ?? files[0];
        const errors: unknown[] = [];
        const results = [];
        capacity.keepScheduled(files.map((f) => sourceName(sourceUri(f))));
        const ranked = new Map<string, FleetResult>();
        for (const f of files)
          try {
            ranked.set(f, await capacity.rank(sourceName(sourceUri(f)), { scheduled: true }));
          } catch (error) {
            errors.push(error);
          }
        if (forPanel !== undefined)
          try {
            results.push(await forecasts.forecastFile(forPanel, ranked.get(forPanel)));
          } catch (error) {
            // said by the panel (a failed event); the first error of the refresh is recorded
            if (!errors.length) errors.push(error);
          }
        capacity.announce();
        if (errors.length) throw errors[0];
        return results;
      },
      clock: systemClock,
      timers: systemTimers,
      logger,
    });
    context.subscriptions.push({ dispose: () => scheduler.dispose() });
    const forecastable = new ForecastableContext();
    context.subscriptions.push(forecastable);
    const panel: ForecastPanel = new ForecastPanel({
      extensionUri: context.extensionUri,
      logger,
      onPageMessage: (m) => onPageMessage(m),
      priceOf: (id) => settings.budget.prices.get(id),
    });
    const onPageMessage = panelActionHandler(panel, forecasts, sample, logger, choices);
    context.subscriptions.push(
      panel,
      connectPanel(panel, forecasts, { choices, settings: () => settings.forecast, store, logger }),
      {
        dispose: forecasts.onDidForecast(
          (e) =>
            e.kind === 'finished' && void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasForecast, true),
        ).dispose,
      },
      // After a reload VS Code hands back the open panel; its page restores the forecast it showed.
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (restored) => panel.adopt(restored),
      }),
    );
    const refresh = (): void =>
      statusBar.update(lock.snapshot, settings.providerStack, (id) => keys.has(id), {
        get: (id) => monitor.get(id),
        now: Date.now(),
      });
    refresh();
    context.subscriptions.push(
      { dispose: lock.onDidChange(refresh).dispose },
      {
        dispose: lock.onDidChange(() => {
          const e = lock.audit.at(-1);
          if (e) logger.info(`lock ${e.action}: ${e.from ?? 'none'} → ${e.to ?? 'none'} by ${e.who} (${e.reason})`);
        }).dispose,
      },
      keys.onDidChange(refresh),
      // a key stored for the provider whose missing or rejected key the panel reports: the report goes
      keys.onDidChange((change) =>
        panel.clearIfFixed(
          (c) =>
            KEY_FAILURES.has(c.failure) &&
            (change.provider === undefined || change.provider === c.provider) &&
            keys.has(c.provider),
        ),
      ),
      // another provider holds the lock: an error about the one that held it no longer applies
      { dispose: lock.onDidChange(() => panel.clearIfFixed((c) => lock.snapshot.holder !== c.provider)).dispose },
      keys.onDidChange(
        () =>
          void vscode.commands.executeCommand(
            'setContext',
            CONTEXT_KEYS.hasApiKey,
            llmIds(settings.providerStack).some((id) => keys.has(id)),
          ),
      ),
      // a probe that started after the key became readable used it: no second probe for it
      keys.onDidChange((change) => void monitor.runRound({ force: true, since: change.at })),
      { dispose: monitor.onDidChange(refresh).dispose },
      settings.onDidChange(() => {
        lock.setAuditLimit(settings.auditTrailLimit);
        scheduler.reschedule();
        void monitor.runRound({ force: true });
        // a named custom endpoint new in the stack: whether its key is stored
        void keys.refreshAll(llmIds(settings.providerStack));
        refresh();
      }),
      vscode.commands.registerCommand(COMMANDS.switchProvider, (arg?: unknown) =>
        switchProvider(
          {
            lock,
            stack: () => settings.providerStack,
            keys,
            health: (id) => monitor.get(id),
            logger,
            prepare: (entry) => consent.grantAsking(entry),
            grant: (entry) => consent.grant(entry),
            onStackChanged: settings.onDidChange,
            overBudget,
          },
          arg,
        ),
      ),
      vscode.commands.registerCommand(COMMANDS.selectModel, (provider?: unknown, model?: unknown) =>
        selectModel(
          {
            stack: () => settings.providerStack,
            holder: () => lock.snapshot.holder,
            health: (id) => monitor.get(id),
            grant: (entry) => consent.grant(entry),
            logger,
          },
          provider,
          model,
        ),
      ),
      vscode.commands.registerCommand(COMMANDS.checkProviderHealth, () => healthView.checkNow()),
      vscode.commands.registerCommand(COMMANDS.releaseProviderLock, () => releaseProviderLock(lock, logger)),
      vscode.commands.registerCommand(COMMANDS.showAuditTrail, () => auditView.show()),
      vscode.commands.registerCommand(COMMANDS.showUsage, () => usageView.show()),
      vscode.commands.registerCommand(COMMANDS.exportAuditTrail, (target?: vscode.Uri) => auditView.export(target)),
      vscode.commands.registerCommand(COMMANDS.showLogs, () => channel.show()),
      vscode.commands.registerCommand(COMMANDS.runForecast, (target?: unknown) => forecasts.run(target)),
      vscode.commands.registerCommand(
        COMMANDS.setApiKey,
        (provider?: unknown, key?: unknown, options?: SetKeyOptions) =>
          setApiKey(
            keys,
            settings.providerStack,
            logger,
            async (id, since) => {
              await monitor.runRound({ force: true, since });
              return monitor.get(id);
            },
            provider,
            key,
            options,
          ),
      ),
      vscode.commands.registerCommand(COMMANDS.clearApiKey, (provider?: unknown) =>
        clearApiKey(keys, settings.providerStack, logger, provider),
      ),
      vscode.commands.registerCommand(COMMANDS.openSampleData, async (which?: unknown) =>
        vscode.window.showTextDocument(await vscode.workspace.openTextDocument(which === 'plan' ? samplePlan : sample)),
      ),
      vscode.commands.registerCommand(COMMANDS.setSourceCredential, (plan?: unknown) =>
        setSourceCredential(sourceSecrets, plan),
      ),
      vscode.commands.registerCommand(COMMANDS.showForecastPanel, () => panel.show()),
      ...registerCapacityCommands({
        service: capacity,
        logger,
        sources: refreshFiles,
        showInPanel: ({ data, set }) => {
          panel.setForecast(data, set);
          panel.show(true);
        },
      }),
      vscode.commands.registerCommand(COMMANDS.exportForecast, (format?: unknown, target?: unknown) =>
        exportForecast(panel, forecasts, logger, format, target),
      ),
    );

    settings.reportProblems();
    void keys.refreshAll(llmIds(settings.providerStack));
    monitor.start();
    scheduler.reschedule();
    if (recovery) announceRecovery(recovery, logger, () => channel.show());
    // First run in a workspace: the offline forecaster takes the lock, so forecasts work at once.
    // Not awaited: activation does not wait for the write.
    const ready = firstRun
      ? lock
          .acquire('builtin', 'startup', 'first run in this workspace: the offline forecaster is always available')
          .then(
            () => undefined,
            (err: unknown) => logger.error(loggable(err)),
          )
      : Promise.resolve();

    const activationMs = performance.now() - started;
    logger.info(
      `activated in ${activationMs.toFixed(1)} ms; lock held by ${lock.snapshot.holder ? providerLabel(lock.snapshot.holder) : 'nobody'}`,
    );
    const testing =
      context.extensionMode === vscode.ExtensionMode.Test
        ? {
            readStoredState: (key: string) => context.workspaceState.get<unknown>(key),
            writeStoredState: (key: string, value: unknown) =>
              Promise.resolve(context.workspaceState.update(key, value)),
            storedKeys: () => context.workspaceState.keys(),
            logUri: context.logUri,
            runScheduledRefresh: async () => {
              await scheduler.runNow();
            },
            activeFileIsForecastable: () => forecastable.current,
            panel: {
              deliver: (raw: unknown) => panel.handle(raw),
              get dropped() {
                return panel.dropped;
              },
              onDidRender: panel.onDidRender,
            },
          }
        : undefined;
    return {
      apiVersion: 1,
      activationMs,
      ready,
      getLock: () => lock.snapshot,
      getAuditTrail: () => lock.audit,
      getStatusBar: () => statusBar.current,
      getProviderStack: () => settings.providerStack,
      getLastForecast: () => forecasts.last,
      getLastFailure: () => forecasts.lastFailure,
      getHealth: () => monitor.snapshot(),
      getUsage: () => usage.thisMonth(),
      getLastLockNotice: () => healthView.lastNotice,
      getPanel: () => ({
        open: panel.isOpen,
        visible: panel.isVisible,
        lastRender: panel.lastRender,
        showing: panel.current?.createdAt,
        status: panel.shownStatus,
        notes: panel.notes,
        controls: panel.controls,
      }),
      getCapacity: () => ({
        groups: (capacityView.groups ?? []).map((g) => ({
          label: g.label,
          description: g.description,
          status: g.status,
          series: g.children.map((c) => ({
            label: c.label,
            description: c.description,
            status: c.status,
            series: c.row.series,
          })),
        })),
        statusBar: capacityView.statusText,
        lastNotice: capacity.lastNotice,
      }),
      getScheduledRuns: () =>
        scheduler.runs.map((r) => ({ at: r.at, ok: r.ok, ...(r.error !== undefined ? { error: r.error } : {}) })),
      sampleUri: sample,
      startupRecovery: recovery,
      ...(testing ? { testing } : {}),
    };
  } catch (err) {
    logger.error(loggable(err));
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('Bottleneck Forecast failed to start: {0}', messageOf(err)),
        vscode.l10n.t('Show Logs'),
      )
      .then((c) => {
        if (c) channel.show();
      });
    throw err;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
