import * as vscode from 'vscode';
import { type Logger } from '../../core/logging';
import { PROVIDER_KIND_IDS, type ProviderId, isProviderId, providerLabel, takesKey } from '../../core/base/providerIds';
import { type ProviderEntry } from '../../core/settings/providerStack';
import { type ApiKeys } from '../apiKeys';
import { type ProviderHealth } from '../../core/health/providerHealth';
import { defaultOrigins, endpointOf, hostOf, originOf } from '../../core/providers/keyGrant';

type LlmProvider = Exclude<ProviderId, 'builtin'>;

/** The providers a key can be stored for: every kind that takes one, and the stack's named custom endpoints. */
function keyed(stack: readonly ProviderEntry[]): LlmProvider[] {
  return [...new Set<ProviderId>([...PROVIDER_KIND_IDS, ...stack.map((e) => e.id)])].filter(
    (id): id is LlmProvider => id !== 'builtin' && takesKey(id),
  );
}

export interface SetKeyOptions {
  /** Check the key with the provider's cheap probe afterwards (asked when not given). */
  readonly probe?: boolean;
}

/**
 * Set API Key: pick a provider that needs one, type the key (a password box; trimmed,
 * empty rejected), store it in SecretStorage, then optionally probe the provider to say
 * whether the key works. Arguments (provider, key, options) skip the prompts.
 */
export async function setApiKey(
  keys: ApiKeys,
  stack: readonly ProviderEntry[],
  logger: Logger,
  checkNow: (provider: ProviderId, since: number) => Promise<ProviderHealth | undefined>,
  providerArg?: unknown,
  keyArg?: unknown,
  options: SetKeyOptions = {},
): Promise<string | undefined> {
  let provider: LlmProvider | undefined;
  if (isProviderId(providerArg) && providerArg !== 'builtin') provider = providerArg;
  else {
    const ids = keyed(stack);
    await keys.refreshAll(ids);
    const picked = await vscode.window.showQuickPick(
      ids.map((id) => ({
        id,
        label: providerLabel(id),
        description: [
          keys.has(id) ? vscode.l10n.t('key set') : vscode.l10n.t('no key'),
          stack.some((e) => e.id === id) ? vscode.l10n.t('in your stack') : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
      })),
      {
        title: vscode.l10n.t('Bottleneck: Set API Key'),
        placeHolder: vscode.l10n.t("The provider whose key to store (kept in VS Code's secret storage)"),
      },
    );
    provider = picked?.id;
  }
  if (!provider) return undefined;
  const entry = stack.find((e) => e.id === provider);
  // the key is bound to the endpoint it is stored for: the stack's, else the provider's default
  const endpoint = entry ? endpointOf(entry) : undefined;
  const origin = endpoint ? originOf(endpoint) : defaultOrigins(provider)[0];
  const key = typeof keyArg === 'string' ? keyArg.trim() : await askForKey(provider, origin);
  if (!key) return undefined;
  const stored = Date.now(); // the check needs a probe that starts after this
  await keys.set(provider, key, origin);
  logger.info(`API key for ${provider} stored for ${origin ? hostOf(origin) : 'its default endpoint'}`);
  const checkLabel = vscode.l10n.t('Check Now');
  const probe =
    options.probe ??
    (entry
      ? (await vscode.window.showInformationMessage(
          vscode.l10n.t('Key for {0} stored. Check that it works?', providerLabel(provider)),
          checkLabel,
        )) === checkLabel
      : false);
  if (!probe || !entry) return 'stored';
  // through the monitor: one probe (joining the round the key change started), and its result is the health the status bar shows
  const h = await checkNow(provider, stored);
  const answered = h !== undefined && h.lastProbeAt !== null && h.lastProbeAt >= stored;
  const works = answered && h.consecutiveFailures === 0;
  const failure = h?.state === 'not-configured' ? 'not-configured' : (h?.lastError?.failure ?? 'failed');
  const text = works
    ? vscode.l10n.t('{0} accepted the key ({1} ms).', providerLabel(provider), Math.round(h.latencyMs ?? 0))
    : vscode.l10n.t(
        'Bottleneck Forecast: {0}',
        h?.lastError && answered
          ? h.lastError.message
          : `${providerLabel(provider)}: ${h?.reason ?? vscode.l10n.t('the check failed')}`,
      );
  logger.info(`key check for ${provider}: ${works ? 'ok' : failure}`);
  void (works ? vscode.window.showInformationMessage(text) : vscode.window.showWarningMessage(text));
  return works ? 'works' : failure;
}

/**
 * The key box: a password input that names the one host the key will be sent to. Returns
 * the trimmed key, or undefined when the person cancels. With `optional` (a custom
 * endpoint that may need no key) an empty answer is allowed and returned as ''.
 */
export async function askForKey(
  provider: ProviderId,
  origin: string | undefined,
  optional = false,
): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title: origin
      ? vscode.l10n.t('Bottleneck: API key for {0}, sent only to {1}', providerLabel(provider), hostOf(origin))
      : vscode.l10n.t('Bottleneck: API key for {0}', providerLabel(provider)),
    prompt: [
      vscode.l10n.t(
        "Stored in VS Code's secret storage; never written to settings or logs. It will be sent to {0} and to no other host.",
        origin ? hostOf(origin) : vscode.l10n.t('the endpoint you configure'),
      ),
      ...(optional ? [vscode.l10n.t('Leave it empty if the endpoint needs no key.')] : []),
    ].join(' '),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' && !optional ? vscode.l10n.t('The key cannot be empty.') : undefined),
  });
  return key?.trim();
}

/** Clear API Key: pick a provider with a stored key and delete it. */
export async function clearApiKey(
  keys: ApiKeys,
  stack: readonly ProviderEntry[],
  logger: Logger,
  providerArg?: unknown,
): Promise<void> {
  let provider: ProviderId | undefined = isProviderId(providerArg) ? providerArg : undefined;
  if (!provider) {
    const ids = keyed(stack);
    await keys.refreshAll(ids);
    const withKey = ids.filter((id) => keys.has(id));
    if (withKey.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Bottleneck Forecast: no API keys are stored.'));
      return;
    }
    provider = (
      await vscode.window.showQuickPick(
        withKey.map((id) => ({ id, label: providerLabel(id) })),
        { title: vscode.l10n.t('Bottleneck: Clear API Key') },
      )
    )?.id;
  }
  if (!provider) return;
  await keys.clear(provider);
  logger.info(`API key for ${provider} cleared`);
}
