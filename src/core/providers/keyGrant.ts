import { type ProviderEntry } from '../settings/providerStack';
import { type ProviderId } from '../base/providerIds';
import { kindInfo } from './providerKinds';
import { hostOf, isLoopbackOrigin, originOf } from '../origin';

export { hostOf, isLoopbackOrigin, originOf } from '../origin';

/**
 * A key together with the origins it may be sent to. A key is bound to the origin it
 * was stored for (the provider's default endpoint, or the endpoint the user confirmed);
 * other origins are added only by the user (a consent in the editor, a flag or an
 * environment variable in the CLI), never by a settings or config file alone.
 */
export interface KeyGrant {
  readonly key: string;
  /** Origins (`https://api.openai.com`) this key may be sent to. */
  readonly origins: readonly string[];
}

/** Where the key for a provider entry comes from; undefined when none is stored. */
export type KeySource = (entry: ProviderEntry) => Promise<KeyGrant | undefined>;

/** A key as stored: the key and the origin it was stored for. */
export interface StoredKey {
  readonly key: string;
  /** The origin the person stored it for; undefined for a key stored before keys were bound (then: the provider's default). */
  readonly origin: string | undefined;
}

/**
 * The origins a stored key may go to: the one it was stored for (a key stored for the
 * provider's default endpoint also covers the kind's probe host), plus the origins the
 * person approved for it.
 */
export function boundOrigins(id: ProviderId, stored: StoredKey, approved: readonly string[] = []): readonly string[] {
  const defaults = defaultOrigins(id);
  const base = stored.origin === undefined || defaults.includes(stored.origin) ? defaults : [stored.origin];
  return [...new Set([...base, ...approved])];
}

/** The origins a provider's key goes to when nothing overrides its endpoint: its API and its probe. */
export function defaultOrigins(id: ProviderId): readonly string[] {
  if (id === 'builtin') return [];
  const kind = kindInfo(id);
  const base = originOf(kind.baseUrl.replace('{accountId}', 'account'));
  const probe = kind.probe.method === 'hf-whoami' ? originOf('https://huggingface.co/') : undefined;
  return [base, probe].filter((o): o is string => o !== undefined);
}

/**
 * Whether a provider runs on this machine: the built-in forecaster, or an LLM endpoint on
 * a loopback address (Ollama by default, a local `custom` server). Everything else is a cloud.
 */
export function isLocalProvider(entry: Pick<ProviderEntry, 'id' | 'baseUrl' | 'accountId'>): boolean {
  if (entry.id === 'builtin') return true;
  const url = endpointOf(entry);
  const origin = url ? originOf(url) : undefined;
  return origin !== undefined && isLoopbackOrigin(origin);
}

/**
 * A provider entry's endpoint: its `baseUrl`, else its kind's (with the account id filled
 * in), without a trailing slash; undefined when it cannot be known (no baseUrl for
 * `custom`, no accountId for Cloudflare).
 */
export function endpointOf(entry: Pick<ProviderEntry, 'id' | 'baseUrl' | 'accountId'>): string | undefined {
  if (entry.id === 'builtin') return undefined;
  const url = entry.baseUrl ?? kindInfo(entry.id).baseUrl;
  if (!url) return undefined;
  if (url.includes('{accountId}'))
    return entry.accountId ? url.replace('{accountId}', encodeURIComponent(entry.accountId)) : undefined;
  return url.replace(/\/+$/, '');
}

/** Where a provider's requests go, for people: "this machine" or the host. */
export function whereDataGoes(entry: Pick<ProviderEntry, 'id' | 'baseUrl' | 'accountId'>): string {
  if (entry.id === 'builtin') return 'stays on this machine';
  const url = endpointOf({ ...entry, accountId: entry.accountId ?? 'account' });
  const origin = url ? originOf(url) : undefined;
  if (!origin) return 'no endpoint set';
  return isLoopbackOrigin(origin) ? `this machine (${hostOf(origin)})` : `sent to ${hostOf(origin)}`;
}

/** Why a key may not be sent to `origin`, or undefined when it may. */
export function refusal(grant: KeyGrant, origin: string | undefined, label: string): string | undefined {
  if (origin !== undefined && grant.origins.includes(origin)) return undefined;
  // hosts as people read them, with the scheme where only the scheme tells two apart
  const sameHost = origin !== undefined && grant.origins.some((o) => hostOf(o) === hostOf(origin));
  const show = (o: string): string => (sameHost ? o : hostOf(o));
  const bound = grant.origins.length ? grant.origins.map(show).join(' or ') : 'no endpoint';
  return `its key is bound to ${bound}, and ${origin ? show(origin) : 'this endpoint'} is not approved for the ${label} key`;
}

/**
 * A fetch that sends a request only to the grant's origins, and never follows a redirect
 * (a redirect to another host would otherwise carry the request there). It is the last
 * check before a key leaves the process, whatever built the request.
 */
export function originGuardedFetch(
  origins: readonly string[],
  inner: typeof fetch,
  onRefused: (origin: string) => Error,
): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const origin = originOf(url);
    if (origin === undefined || !origins.includes(origin)) return Promise.reject(onRefused(origin ?? url));
    return inner(input, { ...init, redirect: 'error' });
  };
}
