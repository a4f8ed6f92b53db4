import * as vscode from 'vscode';
import { type HealthMonitor, type LockMove } from '../core/health/healthMonitor';
import { type ProviderHealth } from '../core/health/providerHealth';
import { type Logger } from '../core/logging';
import { providerLabel } from '../core/base/providerIds';
import { COMMANDS } from './commandIds';
import { Disposable } from './lifecycle';
import { stateInWords } from './statusBarView';

/** What a notification said and offered (kept for the test API). */
export interface Notice {
  readonly message: string;
  readonly actions: readonly string[];
}

/** The buttons of a lock-move notification, in the display language. */
const noticeButtons = (): Record<'audit' | 'usage' | 'key' | 'switch', string> => ({
  audit: vscode.l10n.t('Show Audit Trail'),
  usage: vscode.l10n.t('Show Usage'),
  key: vscode.l10n.t('Set API Key'),
  switch: vscode.l10n.t('Switch Provider'),
});

/** The text and buttons of the one notification a move of the lock gets. */
export function lockMoveNotice(move: LockMove): Notice {
  const b = noticeButtons();
  if (move.kind === 'failback') {
    return {
      message: vscode.l10n.t(
        'Bottleneck Forecast: the lock moved back to {0}: {1}.',
        providerLabel(move.to),
        move.reason,
      ),
      actions: [b.audit],
    };
  }
  if (move.kind === 'budget') {
    return {
      message: vscode.l10n.t(
        'Bottleneck Forecast: {0}. The lock moved to {1}; {2} can be used again next month (UTC) or with a larger bottleneck.budget.monthlyTokens.',
        move.reason,
        providerLabel(move.to),
        providerLabel(move.from),
      ),
      actions: [b.usage, b.audit],
    };
  }
  const keyProblem = move.failure === 'auth' || move.failure === 'quota';
  return {
    message: vscode.l10n.t('Bottleneck Forecast: {0}. The lock moved to {1}.', move.reason, providerLabel(move.to)),
    actions: [...(keyProblem ? [b.key] : []), b.switch, b.audit],
  };
}

/** One line per tier, as Check Provider Health shows it. */
export function healthSummary(results: readonly ProviderHealth[]): string {
  return results
    .map((h) =>
      h.latencyMs !== null && h.id !== 'builtin' && h.state !== 'not-configured'
        ? vscode.l10n.t(
            '{0}: {1} ({2} ms)',
            providerLabel(h.id),
            stateInWords(h.state, vscode.l10n),
            Math.round(h.latencyMs),
          )
        : vscode.l10n.t('{0}: {1}', providerLabel(h.id), stateInWords(h.state, vscode.l10n)),
    )
    .join(' · ');
}

/**
 * The editor side of the health monitor: one notification per move of the lock (never
 * per probe), what Check Provider Health does, and pausing while the window is not
 * focused when the setting asks for it.
 */
export class HealthView extends Disposable {
  private notice: Notice | undefined;

  constructor(
    private readonly monitor: HealthMonitor,
    private readonly logger: Logger,
    pauseWhenUnfocused: () => boolean,
  ) {
    super();
    this._register({ dispose: monitor.onDidMoveLock((move) => this.announce(move)).dispose });
    this._register(
      vscode.window.onDidChangeWindowState((state) => {
        if (!pauseWhenUnfocused()) return;
        if (state.focused) monitor.resume();
        else monitor.pause();
      }),
    );
  }

  /** Check Provider Health: a round now, its summary in a notification and the log. */
  async checkNow(): Promise<readonly ProviderHealth[]> {
    // a round already under way may have probed before this was asked: its answer is not fresh
    const results = await this.monitor.runRound({ force: true, fresh: true });
    const summary = healthSummary(results);
    this.logger.info(`health check: ${summary}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Bottleneck provider health: {0}', summary));
    return results;
  }

  /** The newest lock-move notification. */
  get lastNotice(): Notice | undefined {
    return this.notice;
  }

  private announce(move: LockMove): void {
    const notice = lockMoveNotice(move);
    this.notice = notice;
    const show = move.kind === 'failback' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    const b = noticeButtons();
    void show(notice.message, ...notice.actions).then((choice) => {
      if (choice === b.key) void vscode.commands.executeCommand(COMMANDS.setApiKey, move.from);
      if (choice === b.switch) void vscode.commands.executeCommand(COMMANDS.switchProvider);
      if (choice === b.audit) void vscode.commands.executeCommand(COMMANDS.showAuditTrail);
      if (choice === b.usage) void vscode.commands.executeCommand(COMMANDS.showUsage);
    });
  }
}
