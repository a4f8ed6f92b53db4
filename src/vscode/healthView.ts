import * as vscode from 'vscode';
import { type HealthMonitor, type LockMove } from '../core/health/healthMonitor';
import { type ProviderHealth } from '../core/health/providerHealth';
import { type Logger } from '../core/logging';
import { providerLabel } from '../core/base/providerIds';
import { COMMANDS } from './commandIds';
import { Disposable } from './lifecycle';

/** What a notification said and offered (kept for the test API). */
export interface Notice {
  readonly message: string;
  readonly actions: readonly string[];
}

/** The text and buttons of the one notification a move of the lock gets. */
export function lockMoveNotice(move: LockMove): Notice {
  if (move.kind === 'failback') {
    return {
      message: `Bottleneck Forecast: the lock moved back to ${providerLabel(move.to)}: ${move.reason}.`,
      actions: ['Show Audit Trail'],
    };
  }
  if (move.kind === 'budget') {
    return {
      message: `Bottleneck Forecast: ${move.reason}. The lock moved to ${providerLabel(move.to)}; ${providerLabel(move.from)} can be used again next month (UTC) or with a larger bottleneck.budget.monthlyTokens.`,
      actions: ['Show Usage', 'Show Audit Trail'],
    };
  }
  const keyProblem = move.failure === 'auth' || move.failure === 'quota';
  return {
    message: `Bottleneck Forecast: ${move.reason}. The lock moved to ${providerLabel(move.to)}.`,
    actions: [...(keyProblem ? ['Set API Key'] : []), 'Switch Provider', 'Show Audit Trail'],
  };
}

/** One line per tier, as Check Provider Health shows it. */
export function healthSummary(results: readonly ProviderHealth[]): string {
  return results
    .map(
      (h) =>
        `${providerLabel(h.id)}: ${h.state === 'not-configured' ? 'not configured' : h.state}${h.latencyMs !== null && h.id !== 'builtin' && h.state !== 'not-configured' ? ` (${Math.round(h.latencyMs)} ms)` : ''}`,
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
    void vscode.window.showInformationMessage(`Bottleneck provider health: ${summary}`);
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
    void show(notice.message, ...notice.actions).then((choice) => {
      if (choice === 'Set API Key') void vscode.commands.executeCommand(COMMANDS.setApiKey, move.from);
      if (choice === 'Switch Provider') void vscode.commands.executeCommand(COMMANDS.switchProvider);
      if (choice === 'Show Audit Trail') void vscode.commands.executeCommand(COMMANDS.showAuditTrail);
      if (choice === 'Show Usage') void vscode.commands.executeCommand(COMMANDS.showUsage);
    });
  }
}
