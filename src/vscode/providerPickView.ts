import {
  PROVIDER_KIND_IDS,
  PROVIDERS,
  type ProviderId,
  type ProviderKindId,
  providerLabel,
  requiresKey,
  takesKey,
} from '../core/base/providerIds';
import { type ProviderHealth } from '../core/health/providerHealth';
import { whereDataGoes } from '../core/providers/keyGrant';
import { type ProviderEntry } from '../core/settings/providerStack';
import { type L10n, english } from '../core/l10n';
import { keyInWords, stateInWords } from './statusBarView';

// Pure rendering of Switch Provider's rows (no vscode import), so it is unit-tested in plain mocha.

/** What choosing a row does. */
export type ProviderChoice =
  /** It takes the lock now. */
  | 'claim'
  /** It needs a key first: the key box opens at once, then it takes the lock. */
  | 'askKey'
  /** It is not in the stack: Add provider… for that kind (model, key), then it takes the lock. */
  | 'add'
  /** It is disabled in settings: nothing moves; the person is told where to enable it. */
  | 'disabled'
  /** Its monthly token budget is spent: nothing moves; the person is told when it can be chosen again. */
  | 'budgetSpent';

/** One row of Switch Provider: every provider kind, with its state. */
export interface ProviderRow {
  readonly id: ProviderId;
  readonly label: string;
  /** The state in a few words: "tier 1 · key set · healthy", "not in your stack · no key". */
  readonly description: string;
  /** Where its data goes and what choosing it does. */
  readonly detail: string;
  readonly choice: ProviderChoice;
  readonly inStack: boolean;
}

/**
 * Every provider kind, the stack first in tier order, then the kinds not in it. Each row
 * says whether it is in the stack (and its tier), whether its key is set, and its health
 * when that is worth a look (unhealthy, degraded, not configured), so the list answers
 * "which of these can forecast?" before one is chosen.
 */
export function providerRows(
  holder: ProviderId | null,
  stack: readonly ProviderEntry[],
  hasKey: (id: ProviderId) => boolean,
  health: (id: ProviderId) => ProviderHealth | undefined,
  l10n: L10n = english,
  spent: (id: ProviderId) => boolean = () => false,
): ProviderRow[] {
  const inStack = stack.map((entry, index) =>
    stackRow(entry, index, holder, hasKey(entry.id), health(entry.id), l10n, spent(entry.id)),
  );
  const others = PROVIDER_KIND_IDS.filter((id) => !stack.some((e) => e.id === id)).map((id) =>
    otherRow(id, hasKey(id), l10n),
  );
  return [...inStack, ...others];
}

function keyState(id: ProviderId, keySet: boolean, l10n: L10n): string | undefined {
  return id === 'builtin' ? undefined : keyInWords(takesKey(id), keySet, l10n);
}

/** The health worth showing in the list: what would stop or slow a forecast. */
function healthState(h: ProviderHealth | undefined, keySet: boolean, l10n: L10n): string | undefined {
  if (!h) return undefined;
  if (h.state === 'unhealthy' || h.state === 'degraded') {
    const error = h.lastError
      ? `: ${h.lastError.failure}${h.lastError.status !== undefined ? ` ${h.lastError.status}` : ''}`
      : '';
    return `${stateInWords(h.state, l10n)}${error}`;
  }
  // without a key, "no key" already says why it is not configured
  if (h.state === 'not-configured' && keySet) return l10n.t('not configured: {0}', h.reason);
  if (h.state === 'healthy' && h.id !== 'builtin') return stateInWords('healthy', l10n);
  return undefined;
}

function stackRow(
  entry: ProviderEntry,
  index: number,
  holder: ProviderId | null,
  keySet: boolean,
  h: ProviderHealth | undefined,
  l10n: L10n,
  budgetSpent: boolean,
): ProviderRow {
  const current = entry.id === holder;
  const missingKey = requiresKey(entry.id) && !keySet;
  const choice: ProviderChoice = !entry.enabled
    ? 'disabled'
    : budgetSpent
      ? 'budgetSpent'
      : missingKey
        ? 'askKey'
        : 'claim';
  const description = [
    entry.model,
    l10n.t('tier {0}', index + 1),
    current ? l10n.t('holds the lock') : undefined,
    entry.enabled ? undefined : l10n.t('disabled in settings'),
    budgetSpent ? l10n.t('monthly token budget spent') : undefined,
    keyState(entry.id, keySet, l10n),
    entry.id === 'builtin' ? l10n.t('always available') : healthState(h, keySet, l10n),
  ];
  const then =
    choice === 'disabled'
      ? l10n.t('Enable it in bottleneck.providers to choose it')
      : choice === 'budgetSpent'
        ? l10n.t('It can be chosen again next month (UTC) or with a larger bottleneck.budget.monthlyTokens')
        : choice === 'askKey'
          ? l10n.t('Choosing it asks for its API key')
          : undefined;
  return {
    id: entry.id,
    label: `${current ? '$(lock)' : '$(circle-large-outline)'} ${providerLabel(entry.id)}`,
    description: description.filter(Boolean).join(' · '),
    detail: [capitalize(whereDataGoes(entry)), then].filter(Boolean).join(' · '),
    choice,
    inStack: true,
  };
}

function otherRow(id: ProviderKindId, keySet: boolean, l10n: L10n): ProviderRow {
  return {
    id,
    label: `$(add) ${providerLabel(id)}`,
    description: [l10n.t('not in your stack'), keyState(id, keySet, l10n)].filter(Boolean).join(' · '),
    detail: `${PROVIDERS[id].description} · ${l10n.t('Choosing it adds it to your provider stack')}`,
    choice: 'add',
    inStack: false,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
