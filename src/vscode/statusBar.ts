import * as vscode from 'vscode';
import { type LockSnapshot } from '../core/lock/providerLock';
import { type ProviderEntry } from '../core/settings/providerStack';
import { providerLabel } from '../core/base/providerIds';
import { COMMANDS, CONTEXT_KEYS } from './commandIds';
import { Disposable } from './lifecycle';
import { type HealthLookup, OPEN_WALKTHROUGH, type StatusBarView, renderStatusBar } from './statusBarView';

/** The status bar item: the lock holder, a tooltip with the stack, click to switch. */
export class LockStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private view: StatusBarView | undefined;

  constructor() {
    super();
    this.item = this._register(
      vscode.window.createStatusBarItem('bottleneck.providerLock', vscode.StatusBarAlignment.Left, 50),
    );
    this.item.name = vscode.l10n.t('Bottleneck Forecast Provider');
    this.item.command = COMMANDS.switchProvider;
  }

  update(
    lock: LockSnapshot,
    stack: readonly ProviderEntry[],
    hasKey: (id: ProviderEntry['id']) => boolean,
    health?: HealthLookup,
  ): void {
    const view = renderStatusBar(lock, stack, hasKey, health, vscode.l10n);
    this.view = view;
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: [...Object.values(COMMANDS), OPEN_WALKTHROUGH] };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.error
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : view.warning
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    this.item.accessibilityInformation = {
      label:
        lock.holder === null
          ? vscode.l10n.t('Bottleneck Forecast: no provider holds the lock. Click to choose one.')
          : vscode.l10n.t('Bottleneck Forecast provider: {0}. Click to switch.', providerLabel(lock.holder)),
    };
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.lockHeld, lock.holder !== null);
    this.item.show();
  }

  /** What the item shows now (for the test API). */
  get current(): StatusBarView | undefined {
    return this.view === undefined ? undefined : { ...this.view, text: this.item.text };
  }
}
