import * as vscode from 'vscode';
import { type Logger } from '../../core/logging';
import { LockPersistError, type ProviderLock } from '../../core/lock/providerLock';
import { type ProviderEntry } from '../../core/settings/providerStack';
import { type ProviderId, isProviderId, providerLabel } from '../../core/base/providerIds';
import { COMMANDS } from '../commandIds';
import { loggable } from '../../core/errors';

interface ProviderPick extends vscode.QuickPickItem {
  readonly id: ProviderId;
}

/**
 * Switch Provider: a quick pick of the stack in tier order (or a provider id as the
 * argument, for keybindings and tests). The choice is the user's: audited as such and pinned.
 * `prepare` runs for the chosen entry first (the key consent asks about a new endpoint
 * now, while the person is choosing, rather than in the middle of a forecast).
 */
export async function switchProvider(
  lock: ProviderLock,
  stack: readonly ProviderEntry[],
  logger: Logger,
  arg?: unknown,
  prepare?: (entry: ProviderEntry) => Promise<unknown>,
): Promise<void> {
  let target: ProviderId | undefined;
  if (arg !== undefined) {
    if (!isProviderId(arg)) {
      void vscode.window.showErrorMessage(`Bottleneck Forecast: "${String(arg)}" is not a provider id.`);
      return;
    }
    target = arg;
  } else {
    const holder = lock.snapshot.holder;
    const items: ProviderPick[] = stack.map((entry, index) => ({
      id: entry.id,
      label: `${entry.id === holder ? '$(lock)' : '$(circle-large-outline)'} ${providerLabel(entry.id)}`,
      description: [entry.model, entry.id === holder ? 'current' : undefined].filter(Boolean).join(' · '),
      detail: `Tier ${index + 1}${entry.enabled ? '' : ' · disabled in settings'}`,
    }));
    const picked = await vscode.window.showQuickPick(
      items.filter((item) => stack.find((e) => e.id === item.id)?.enabled),
      {
        title: 'Bottleneck: Switch Provider',
        placeHolder: holder
          ? `${providerLabel(holder)} holds the lock; choose the provider that forecasts`
          : 'No provider holds the lock; choose the provider that forecasts',
      },
    );
    target = picked?.id;
  }
  if (target === undefined) return;
  const entry = stack.find((e) => e.id === target);
  if (entry && prepare) await prepare(entry);
  await run(logger, () => lock.claim(target, 'user', 'chosen with Switch Provider'));
}

export async function releaseProviderLock(lock: ProviderLock, logger: Logger): Promise<void> {
  await run(logger, () => lock.release('user', 'released with Release Provider Lock'));
}

async function run(logger: Logger, change: () => ReturnType<ProviderLock['claim']>): Promise<void> {
  try {
    const result = await change();
    if (!result.changed) logger.debug(`lock unchanged: ${result.reason}`);
  } catch (err) {
    logger.error(loggable(err));
    const message =
      err instanceof LockPersistError
        ? err.message
        : `Bottleneck Forecast: the lock could not be changed: ${String(err)}`;
    void vscode.window.showErrorMessage(message, 'Show Logs').then((c) => {
      if (c) void vscode.commands.executeCommand(COMMANDS.showLogs);
    });
  }
}
