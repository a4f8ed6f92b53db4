import * as vscode from 'vscode';
import { providerLabel } from '../../core/base/providerIds';
import { type Logger } from '../../core/logging';
import { type KeySource } from '../../core/providers/keyGrant';
import { connectProvider } from '../../core/providers/connectProvider';
import { type ModelList } from '../../core/providers/modelList';
import { ProviderError } from '../../core/providers/providerError';
import { type ProviderEntry } from '../../core/settings/providerStack';
import { messageOf } from '../../core/errors';

/** A row of a model quick pick (Add provider…, Select Model). */
export interface ModelPick extends vscode.QuickPickItem {
  readonly model: string;
}

/** The endpoint's models, or a sentence saying why they could not be listed. */
export async function listModels(
  deps: { readonly grant: KeySource; readonly logger: Logger },
  entry: ProviderEntry,
  signal: AbortSignal,
): Promise<ModelList | string> {
  try {
    const list = await (await connectProvider(entry, deps.grant)).listModels(signal);
    return list.models.length ? list : vscode.l10n.t('{0} listed no models.', providerLabel(entry.id));
  } catch (err) {
    const why = err instanceof ProviderError ? err.message : messageOf(err);
    deps.logger.info(`could not list the models of ${entry.id}: ${why}`);
    return vscode.l10n.t('The models could not be listed: {0}', why);
  }
}

/** The placeholder over a model list: how many models the provider listed. */
export function modelsListed(count: number, label: string): string {
  return count === 1
    ? vscode.l10n.t('1 model listed by {0}; choose it or type a name', label)
    : vscode.l10n.t('{0} models listed by {1}; choose one or type a name', count, label);
}

/**
 * Shows `pick` until a model is accepted (its name) or the pick is hidden (undefined). A name
 * typed that is not among `known()` is offered as it is. Afterwards `controller` is aborted
 * (a list still being fetched is dropped) and the pick disposed.
 */
export async function chooseModel(
  pick: vscode.QuickPick<ModelPick>,
  known: () => ModelPick[],
  controller: AbortController,
): Promise<string | undefined> {
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    const rows = known();
    pick.items =
      typed && !rows.some((m) => m.model === typed)
        ? [{ label: typed, description: vscode.l10n.t('use this model name'), model: typed, alwaysShow: true }, ...rows]
        : rows;
  });
  try {
    return await new Promise<string | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.model);
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    controller.abort();
    pick.dispose();
  }
}
