import * as vscode from 'vscode';
import { type Logger } from '../../core/logging';
import { type LockRecovery, LockPersistError, type ProviderLock } from '../../core/lock/providerLock';
import { type ProviderEntry } from '../../core/settings/providerStack';
import { PROVIDER_KIND_IDS, type ProviderId, isProviderId, providerLabel } from '../../core/base/providerIds';
import { type ProviderHealth } from '../../core/health/providerHealth';
import { type KeySource, defaultOrigins, endpointOf, hostOf, originOf } from '../../core/providers/keyGrant';
import { COMMANDS } from '../commandIds';
import { loggable } from '../../core/errors';
import { type ApiKeys } from '../apiKeys';
import { type ProviderRow, providerRows } from '../providerPickView';
import { type BudgetCheck } from '../../core/health/tokenBudget';
import { askForKey } from './keyCommands';
import { addProvider } from './addProvider';

/** What Switch Provider (and Add provider…, which it opens) works with. */
export interface SwitchProviderDeps {
  readonly lock: ProviderLock;
  /** The stack as the settings give it now. */
  readonly stack: () => readonly ProviderEntry[];
  readonly keys: ApiKeys;
  readonly health: (id: ProviderId) => ProviderHealth | undefined;
  readonly logger: Logger;
  /**
   * Runs for the chosen entry before it takes the lock: the key consent asks about a new
   * endpoint now, while the person is choosing, rather than in the middle of a forecast.
   */
  readonly prepare: (entry: ProviderEntry) => Promise<unknown>;
  /** A key and its origins without asking (Add provider… lists an endpoint's models with it). */
  readonly grant: KeySource;
  /** Fires when the settings (the provider stack among them) changed. */
  readonly onStackChanged: vscode.Event<void>;
  /** Why a provider's monthly token budget is spent (it cannot be chosen then), or undefined. */
  readonly overBudget?: BudgetCheck;
}

interface ProviderPick extends vscode.QuickPickItem {
  readonly row?: ProviderRow;
  readonly add?: true;
}

/** Every LLM provider whose key state is shown: each kind's own id, and the stack's named custom endpoints. */
export function llmIds(stack: readonly ProviderEntry[]): ProviderId[] {
  return [...new Set<ProviderId>([...PROVIDER_KIND_IDS, ...stack.map((e) => e.id)])].filter((id) => id !== 'builtin');
}

/**
 * Switch Provider: a quick pick of every provider kind, the stack first in tier order, each
 * with its state (tier, key, health), and "Add provider…"; or a provider id as the argument
 * (keybindings, tests), which only moves the lock. The choice is the user's: audited as
 * such and pinned. A provider without a key asks for it at once; one not in the stack is
 * added first (Add provider… for that kind).
 */
export async function switchProvider(deps: SwitchProviderDeps, arg?: unknown): Promise<void> {
  if (arg !== undefined) {
    if (!isProviderId(arg)) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Bottleneck Forecast: "{0}" is not a provider id.', String(arg).slice(0, 60)),
      );
      return;
    }
    if (refusedOverBudget(deps, arg)) return;
    await claim(deps, arg, 'chosen with Switch Provider');
    return;
  }
  await deps.keys.refreshAll(llmIds(deps.stack()));
  const holder = deps.lock.snapshot.holder;
  const rows = providerRows(
    holder,
    deps.stack(),
    (id) => deps.keys.has(id),
    deps.health,
    vscode.l10n,
    (id) => deps.overBudget?.(id) !== undefined,
  );
  const item = (row: ProviderRow): ProviderPick => ({
    label: row.label,
    description: row.description,
    detail: row.detail,
    row,
    ...(row.inStack && row.id !== 'builtin' ? { buttons: [selectModelButton()] } : {}),
  });
  const separator = (label: string): ProviderPick => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const picked = await pickRow(
    [
      separator(vscode.l10n.t('Your provider stack')),
      ...rows.filter((r) => r.inStack).map(item),
      separator(vscode.l10n.t('Other providers')),
      ...rows.filter((r) => !r.inStack).map(item),
      separator(''),
      {
        label: `$(add) ${vscode.l10n.t('Add provider…')}`,
        description: vscode.l10n.t('an LLM provider, its model and its key, without editing settings.json'),
        add: true,
      },
    ],
    holder
      ? vscode.l10n.t('{0} holds the lock; choose the provider that forecasts', providerLabel(holder))
      : vscode.l10n.t('No provider holds the lock; choose the provider that forecasts'),
  );
  if (!picked) return;
  if ('selectModel' in picked) {
    await vscode.commands.executeCommand(COMMANDS.selectModel, picked.selectModel);
    return;
  }
  if (picked.add || picked.row?.choice === 'add') {
    await addProvider(deps, picked.row?.id, (id) => claim(deps, id, 'added with Switch Provider'));
    return;
  }
  const row = picked.row;
  if (!row) return;
  if (row.choice === 'disabled') {
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Bottleneck Forecast: {0} is disabled in bottleneck.providers ("enabled": false). Enable it there to choose it.',
          providerLabel(row.id),
        ),
        vscode.l10n.t('Open Settings'),
      )
      .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettingsJson'));
    return;
  }
  if (row.choice === 'budgetSpent' && refusedOverBudget(deps, row.id)) return;
  if (row.choice === 'askKey') {
    const entry = deps.stack().find((e) => e.id === row.id);
    const endpoint = entry ? endpointOf(entry) : undefined;
    const origin = endpoint ? originOf(endpoint) : defaultOrigins(row.id)[0];
    const key = await askForKey(row.id, origin);
    // without a key it cannot forecast: the lock stays where it is
    if (!key) return;
    await deps.keys.set(row.id, key, origin);
    deps.logger.info(`API key for ${row.id} stored for ${origin ? hostOf(origin) : 'its default endpoint'}`);
  }
  await claim(deps, row.id, 'chosen with Switch Provider');
}

/**
 * A provider whose monthly token budget is spent is not given the lock (the next forecast
 * would move it back before asking anything): the person is told why and when it can be
 * chosen again. Returns whether the choice was refused.
 */
function refusedOverBudget(deps: SwitchProviderDeps, id: ProviderId): boolean {
  const reason = deps.overBudget?.(id);
  if (reason === undefined) return false;
  deps.logger.info(`Switch Provider: ${id} not given the lock: ${reason}`);
  const showUsage = vscode.l10n.t('Show Usage');
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        'Bottleneck Forecast: {0}. It can be chosen again next month (UTC) or with a larger bottleneck.budget.monthlyTokens.',
        reason,
      ),
      showUsage,
    )
    .then((c) => c === showUsage && vscode.commands.executeCommand(COMMANDS.showUsage));
  return true;
}

/** Select Model on a row (made when shown: the display language's bundle is loaded by then). */
const selectModelButton = (): vscode.QuickInputButton => ({
  iconPath: new vscode.ThemeIcon('symbol-misc'),
  tooltip: vscode.l10n.t('Select Model'),
});

/**
 * Switch Provider's list: a row chosen, or the Select Model button of a row pressed (which
 * closes this list and opens that provider's model list); undefined when dismissed.
 */
function pickRow(
  items: readonly ProviderPick[],
  placeholder: string,
): Promise<ProviderPick | { readonly selectModel: ProviderId } | undefined> {
  const pick = vscode.window.createQuickPick<ProviderPick>();
  pick.title = vscode.l10n.t('Bottleneck: Switch Provider');
  pick.placeholder = placeholder;
  pick.matchOnDescription = true;
  pick.items = items;
  return new Promise<ProviderPick | { readonly selectModel: ProviderId } | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidTriggerItemButton((e) => {
      if (e.item.row) resolve({ selectModel: e.item.row.id });
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  }).finally(() => pick.dispose());
}

/** Gives the lock to `id`, as the person's choice, after `prepare` (the endpoint consent). */
export async function claim(deps: SwitchProviderDeps, id: ProviderId, reason: string): Promise<void> {
  const entry = deps.stack().find((e) => e.id === id);
  if (entry) await deps.prepare(entry);
  await run(deps.logger, () => deps.lock.claim(id, 'user', reason));
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
        : vscode.l10n.t('Bottleneck Forecast: the lock could not be changed: {0}', String(err));
    void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Logs')).then((c) => {
      if (c) void vscode.commands.executeCommand(COMMANDS.showLogs);
    });
  }
}

/** The saved lock could not be read at startup: it was kept aside; one warning says so, with what to do. */
export function announceRecovery(recovery: LockRecovery, logger: Logger, showLogs: () => void): void {
  const switchLabel = vscode.l10n.t('Switch Provider');
  const logsLabel = vscode.l10n.t('Show Logs');
  logger.warn(`provider lock: ${recovery.problem}; kept aside as ${recovery.quarantineKey}`);
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        'Bottleneck Forecast: the saved provider lock could not be read ({0}). It was kept aside and the lock is released.',
        recovery.problem,
      ),
      switchLabel,
      logsLabel,
    )
    .then((choice) => {
      if (choice === switchLabel) void vscode.commands.executeCommand(COMMANDS.switchProvider);
      if (choice === logsLabel) showLogs();
    });
}
