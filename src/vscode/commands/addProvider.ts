import * as vscode from 'vscode';
import * as z from '../../core/base/zod';
import {
  PROVIDER_KIND_IDS,
  PROVIDERS,
  type ProviderId,
  customName,
  isProviderId,
  kindOf,
  providerLabel,
  requiresKey,
  takesKey,
} from '../../core/base/providerIds';
import { type LlmKind, kindInfo } from '../../core/providers/providerKinds';
import { boundOrigins, defaultOrigins, endpointOf, hostOf, originOf } from '../../core/providers/keyGrant';
import { type NewProviderEntry, withProviderEntry } from '../../core/settings/addProvider';
import { type ProviderEntry } from '../../core/settings/providerStack';
import { type ModelPick, chooseModel, listModels, modelsListed } from './modelPick';
import { askForKey } from './keyCommands';
import type { SwitchProviderDeps } from './lockCommands';

type LlmProvider = Exclude<ProviderId, 'builtin'>;
const LLM_KINDS = PROVIDER_KIND_IDS.filter((id): id is LlmKind => id !== 'builtin');
const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * Add provider…: the kind, then what its endpoint needs (a base URL for a custom endpoint,
 * an account id for Cloudflare), then the model (listed by the provider's `/models` when
 * it needs no key or its key is stored; typed otherwise), then the key (SecretStorage,
 * bound to the endpoint's host, skipped when one is stored for that host). Cancelling any
 * step changes nothing. It writes `bottleneck.providers` in the user's settings (never a
 * workspace's) and, when that is the stack in force here, the new provider takes the lock.
 */
export async function addProvider(
  deps: SwitchProviderDeps,
  kind: ProviderId | undefined,
  claim: (id: ProviderId) => Promise<void>,
): Promise<void> {
  const picked = kind && kind !== 'builtin' ? kind : await pickKind(deps);
  if (!picked) return;
  const id = kindOf(picked) === 'custom' ? await askCustomName(deps, picked) : picked;
  if (!id) return;
  const existing = deps.stack().find((e) => e.id === id);
  const endpoint = await askEndpoint(id, existing);
  if (!endpoint) return;
  const draft: ProviderEntry = { id, timeoutMs: existing?.timeoutMs ?? 60_000, enabled: true, ...endpoint };
  const model = await pickModel(deps, draft, existing?.model);
  if (!model) return;
  const stored = await storeKeyIfNeeded(deps, draft);
  if (!stored) return;

  const entry: NewProviderEntry = { id, model, ...endpoint };
  const config = vscode.workspace.getConfiguration('bottleneck');
  const before = config.inspect<unknown>('providers');
  await config.update('providers', withProviderEntry(before?.globalValue, entry), vscode.ConfigurationTarget.Global);
  deps.logger.info(`added ${id} (${model}) to bottleneck.providers in the user settings`);
  const label = providerLabel(id);
  // a workspace's own stack takes precedence over the user's (except in Restricted Mode, where it is ignored)
  const overridden =
    vscode.workspace.isTrusted && (before?.workspaceValue !== undefined || before?.workspaceFolderValue !== undefined);
  if (overridden) {
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Bottleneck Forecast: {0} was added to your user settings, but this workspace sets its own bottleneck.providers, which takes precedence here. Add it there to use it in this workspace.',
          label,
        ),
        vscode.l10n.t('Open Workspace Settings'),
      )
      .then((c) => c && vscode.commands.executeCommand('workbench.action.openWorkspaceSettingsFile'));
    return;
  }
  if (!(await stackHas(deps, id, model))) {
    deps.logger.warn(`${id} was written to the user settings but is not in the provider stack yet`);
    return;
  }
  await claim(id);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Bottleneck Forecast: {0} ({1}) is in your provider stack (user settings) and holds the lock.',
      label,
      model,
    ),
  );
}

async function pickKind(deps: SwitchProviderDeps): Promise<LlmKind | undefined> {
  const stack = deps.stack();
  const picked = await vscode.window.showQuickPick(
    LLM_KINDS.map((id) => ({
      id,
      label: providerLabel(id),
      description: [
        PROVIDERS[id].description,
        stack.some((e) => e.id === id) ? vscode.l10n.t('in your stack') : undefined,
        PROVIDERS[id].needsKey
          ? deps.keys.has(id)
            ? vscode.l10n.t('key set')
            : vscode.l10n.t('needs a key')
          : vscode.l10n.t('no key needed'),
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    {
      title: vscode.l10n.t('Bottleneck: Add provider: which kind?'),
      placeHolder: vscode.l10n.t('The provider to add to your stack'),
    },
  );
  return picked?.id;
}

/**
 * Which custom endpoint: with none in the stack, the unnamed `custom`; with one already
 * there, a name tells the new one apart (`custom:gateway-eu`, its own key and health), or
 * names the one to change (empty: the unnamed one). Undefined when cancelled.
 */
async function askCustomName(deps: SwitchProviderDeps, picked: LlmProvider): Promise<LlmProvider | undefined> {
  const customs = deps.stack().filter((e) => kindOf(e.id) === 'custom');
  if (customs.length === 0 || picked !== 'custom') return picked;
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Bottleneck: Add provider: a name for this custom endpoint'),
    prompt: vscode.l10n.t(
      'Your stack has {0}. A name (e.g. gateway-eu) adds another endpoint with its own key; the name of one in your stack changes it; empty changes the unnamed one.',
      customs.map((e) => providerLabel(e.id)).join(', '),
    ),
    value: customs.some((e) => e.id === 'custom') ? '' : (customName(customs[0]?.id ?? 'custom') ?? ''),
    ignoreFocusOut: true,
    validateInput: (v) =>
      v.trim() === '' || isProviderId(`custom:${v.trim()}`)
        ? undefined
        : vscode.l10n.t("Lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (at most 40)."),
  });
  if (name === undefined) return undefined;
  return name.trim() === '' ? 'custom' : `custom:${name.trim()}`;
}

/** A custom endpoint's base URL, Cloudflare's account id; nothing for the others. Undefined when cancelled. */
async function askEndpoint(
  id: LlmProvider,
  existing: ProviderEntry | undefined,
): Promise<{ baseUrl?: string; accountId?: string } | undefined> {
  if (kindOf(id) === 'custom') {
    const baseUrl = await vscode.window.showInputBox({
      title: vscode.l10n.t('Bottleneck: Add provider: the endpoint'),
      prompt: vscode.l10n.t(
        'The base URL of an OpenAI-compatible API, e.g. http://localhost:8080/v1 (its /models and /chat/completions are used)',
      ),
      value: existing?.baseUrl ?? '',
      ignoreFocusOut: true,
      validateInput: (v) =>
        httpUrl.safeParse(v.trim()).success ? undefined : vscode.l10n.t('Enter an http:// or https:// URL.'),
    });
    return baseUrl ? { baseUrl: baseUrl.trim().replace(/\/+$/, '') } : undefined;
  }
  if (id === 'cloudflare') {
    const accountId = await vscode.window.showInputBox({
      title: vscode.l10n.t('Bottleneck: Add provider: your Cloudflare account id'),
      prompt: vscode.l10n.t('Shown on the Workers AI page of the Cloudflare dashboard'),
      value: existing?.accountId ?? '',
      ignoreFocusOut: true,
      validateInput: (v) =>
        /^[A-Za-z0-9]{1,64}$/.test(v.trim()) ? undefined : vscode.l10n.t('Letters and digits only.'),
    });
    return accountId ? { accountId: accountId.trim() } : undefined;
  }
  return {};
}

/**
 * The model: a quick pick that offers the default at once, fills in the provider's own list
 * when it can be asked for one (no key needed, or the key is stored for this endpoint), and
 * takes whatever the person types.
 */
async function pickModel(
  deps: SwitchProviderDeps,
  draft: ProviderEntry,
  current: string | undefined,
): Promise<string | undefined> {
  const id = draft.id as LlmProvider;
  const label = providerLabel(id);
  const fallback = current ?? kindInfo(id).defaultModel;
  const offered = (models: readonly string[]): ModelPick[] => [
    {
      label: fallback,
      description: current ? vscode.l10n.t('the model in your settings') : vscode.l10n.t('default'),
      model: fallback,
    },
    ...models.filter((m) => m !== fallback).map((m) => ({ label: m, model: m })),
  ];
  const pick = vscode.window.createQuickPick<ModelPick>();
  pick.title = vscode.l10n.t("Bottleneck: Add provider: {0}'s model", label);
  pick.ignoreFocusOut = true;
  pick.items = offered([]);
  const canList = !requiresKey(id) || deps.keys.has(id);
  pick.placeholder = canList
    ? vscode.l10n.t('Asking {0} for its models… (or type a model name)', label)
    : vscode.l10n.t('Type a model name or take the default ({0} lists its models once its key is stored)', label);
  const controller = new AbortController();
  let listed: readonly string[] = [];
  if (canList) {
    pick.busy = true;
    void listModels(deps, draft, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      pick.busy = false;
      if (typeof result === 'string') {
        pick.placeholder = vscode.l10n.t('{0} Type a model name or take the default.', result);
        return;
      }
      listed = result.models;
      pick.items = offered(listed);
      pick.placeholder = modelsListed(listed.length, label);
    });
  }
  // a typed name that is not in the list is offered as it is
  return chooseModel(pick, () => offered(listed), controller);
}

/**
 * Asks for the key when the kind needs one (optional for a custom endpoint) and none is
 * stored for this endpoint's host; stores it bound to that host. False when cancelled.
 */
async function storeKeyIfNeeded(deps: SwitchProviderDeps, draft: ProviderEntry): Promise<boolean> {
  const id = draft.id as LlmProvider;
  if (!takesKey(id)) return true;
  const endpoint = endpointOf(draft);
  const origin = endpoint ? originOf(endpoint) : defaultOrigins(id)[0];
  const stored = await deps.keys.get(id);
  if (stored && origin && boundOrigins(id, stored).includes(origin)) return true;
  const key = await askForKey(id, origin, kindOf(id) === 'custom');
  if (key === undefined || (key === '' && requiresKey(id))) return false;
  if (key) {
    await deps.keys.set(id, key, origin);
    deps.logger.info(`API key for ${id} stored for ${origin ? hostOf(origin) : 'its default endpoint'}`);
  }
  return true;
}

/** Waits (a few seconds at most) until the settings give a stack with the new entry. */
function stackHas(deps: SwitchProviderDeps, id: ProviderId, model: string): Promise<boolean> {
  const has = (): boolean => deps.stack().some((e) => e.id === id && e.model === model);
  if (has()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (value: boolean): void => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    };
    const timer = setTimeout(() => done(has()), 5000);
    const subscription = deps.onStackChanged(() => has() && done(true));
  });
}
