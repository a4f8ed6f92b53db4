import * as vscode from 'vscode';
import { type ProviderId, isProviderId, providerLabel } from '../../core/base/providerIds';
import { type Logger } from '../../core/logging';
import { type ProviderHealth } from '../../core/health/providerHealth';
import { type KeySource } from '../../core/providers/keyGrant';
import { MAX_MODELS } from '../../core/providers/modelList';
import { modelOf } from '../../core/providers/providerKinds';
import { type ProviderEntry } from '../../core/settings/providerStack';
import { levelInForce, withModel } from '../../core/settings/selectModel';
import { type ModelPick, chooseModel, listModels, modelsListed } from './modelPick';

/** What Select Model works with. */
export interface SelectModelDeps {
  /** The stack as the settings give it now. */
  readonly stack: () => readonly ProviderEntry[];
  readonly holder: () => ProviderId | null;
  readonly health: (id: ProviderId) => ProviderHealth | undefined;
  /** A key and its origins without asking: listing models never sends a key anywhere new. */
  readonly grant: KeySource;
  readonly logger: Logger;
}

/**
 * Select Model: the provider (the argument, else the lock holder's tier when it is an LLM
 * provider, else a pick among the stack's LLM tiers), then its model from what its
 * `GET /models` lists, the current one marked (a name typed in is taken as it is). The
 * choice is written to that provider's entry where the stack in force is defined (the
 * user's settings or this workspace's), so that it takes effect here. A model given as the
 * second argument skips the list (keybindings, tests). Returns the model written.
 */
export async function selectModel(
  deps: SelectModelDeps,
  providerArg?: unknown,
  modelArg?: unknown,
): Promise<string | undefined> {
  const entry = await chooseEntry(deps, providerArg);
  if (!entry) return undefined;
  const model = typeof modelArg === 'string' && modelArg.trim() ? modelArg.trim() : await pickModel(deps, entry);
  if (!model || model === entry.model) return model;
  return (await writeModel(deps, entry.id, model)) ? model : undefined;
}

async function chooseEntry(deps: SelectModelDeps, arg: unknown): Promise<ProviderEntry | undefined> {
  const llm = deps.stack().filter((e) => e.id !== 'builtin');
  if (arg !== undefined) {
    const entry = isProviderId(arg) ? llm.find((e) => e.id === arg) : undefined;
    if (!entry)
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Bottleneck Forecast: "{0}" is not an LLM provider of bottleneck.providers; Select Model needs one.',
          String(arg).slice(0, 60),
        ),
      );
    return entry;
  }
  if (llm.length === 0) {
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          'Bottleneck Forecast: your provider stack has no LLM provider to choose a model for. Add one with Switch Provider → Add provider….',
        ),
        vscode.l10n.t('Switch Provider'),
      )
      .then((c) => c && vscode.commands.executeCommand('bottleneck.switchProvider'));
    return undefined;
  }
  if (llm.length === 1) return llm[0];
  const holder = deps.holder();
  const ordered = [...llm.filter((e) => e.id === holder), ...llm.filter((e) => e.id !== holder)];
  const picked = await vscode.window.showQuickPick(
    ordered.map((entry) => ({
      entry,
      label: providerLabel(entry.id),
      description: [
        modelOf(entry) ?? vscode.l10n.t('no model set'),
        entry.id === holder ? vscode.l10n.t('holds the lock') : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    {
      title: vscode.l10n.t('Bottleneck: Select Model: which provider?'),
      placeHolder: vscode.l10n.t('The provider whose model to choose'),
    },
  );
  return picked?.entry;
}

/**
 * The model pick: the current model at once, then the provider's list when it answers; a
 * list longer than MAX_MODELS is cut there and the placeholder says so.
 */
async function pickModel(deps: SelectModelDeps, entry: ProviderEntry): Promise<string | undefined> {
  const label = providerLabel(entry.id);
  const current = modelOf(entry);
  const notServed = deps.health(entry.id)?.modelNotServed;
  // `complete`: the whole list was kept, so a model missing from it is not listed at all
  const items = (listed: readonly string[], complete: boolean): ModelPick[] => {
    const mark = (m: string): ModelPick => ({
      label: m === current ? `$(check) ${m}` : m,
      ...(m === current ? { description: vscode.l10n.t('current') } : {}),
      model: m,
    });
    const head: ModelPick[] =
      current !== undefined && !listed.includes(current)
        ? [
            {
              label: `$(check) ${current}`,
              description:
                complete || notServed === current
                  ? vscode.l10n.t('current · not listed by {0}', label)
                  : vscode.l10n.t('current'),
              model: current,
            },
          ]
        : [];
    return [...head, ...listed.map(mark)];
  };
  const pick = vscode.window.createQuickPick<ModelPick>();
  pick.title = vscode.l10n.t('Bottleneck: Select Model: {0}', label);
  pick.ignoreFocusOut = true;
  pick.items = items([], false);
  pick.placeholder = vscode.l10n.t('Asking {0} for its models… (or type a model name)', label);
  pick.busy = true;
  const controller = new AbortController();
  let listed: readonly string[] = [];
  let complete = false;
  void listModels(deps, entry, controller.signal).then((result) => {
    if (controller.signal.aborted) return;
    pick.busy = false;
    if (typeof result === 'string') {
      pick.placeholder = vscode.l10n.t('{0} Type a model name.', result);
      return;
    }
    listed = result.models;
    complete = result.omitted === 0;
    pick.items = items(listed, complete);
    const active = pick.items.find((i) => i.model === current);
    if (active) pick.activeItems = [active];
    pick.placeholder =
      result.omitted > 0
        ? vscode.l10n.t(
            '{0} listed {1} models; the first {2} in sorted order are shown. Type a name to use another.',
            label,
            (result.models.length + result.omitted).toLocaleString(vscode.env.language),
            MAX_MODELS,
          )
        : modelsListed(listed.length, label);
  });
  return chooseModel(pick, () => items(listed, complete), controller);
}

/**
 * Writes the model into the entry where the stack in force is defined: a workspace's own
 * stack is changed in the workspace's settings, the user's in the user's, so that the
 * choice takes effect here and nowhere it was not asked for.
 */
async function writeModel(deps: SelectModelDeps, id: ProviderId, model: string): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('bottleneck');
  const levels = config.inspect<unknown>('providers');
  const level = levelInForce(levels ?? {}, config.get<unknown>('providers'));
  const value = level === 'workspace' ? levels?.workspaceValue : levels?.globalValue;
  const next = level ? withModel(value, id, model) : undefined;
  if (!level || !next) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Bottleneck Forecast: {0} was not found in the bottleneck.providers setting in force here; add it there first.',
        providerLabel(id),
      ),
    );
    return false;
  }
  const target = level === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('providers', next, target);
  deps.logger.info(`model of ${id} set to ${model} in the ${level} settings`);
  void vscode.window.showInformationMessage(
    level === 'workspace'
      ? vscode.l10n.t(
          "Bottleneck Forecast: {0} now uses the model {1} (written to this workspace's settings).",
          providerLabel(id),
          model,
        )
      : vscode.l10n.t(
          'Bottleneck Forecast: {0} now uses the model {1} (written to your user settings).',
          providerLabel(id),
          model,
        ),
  );
  return true;
}
