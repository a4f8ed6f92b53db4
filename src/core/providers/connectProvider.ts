import { type ProviderEntry } from '../settings/providerStack';
import { type ProviderId } from '../base/providerIds';
import { ProviderError } from './providerError';
import { type KeySource } from './keyGrant';
import type { ProviderClient } from './providerClient';

type LlmProvider = Exclude<ProviderId, 'builtin'>;

/** How requests leave the process; injected by tests. */
export interface ProviderTransport {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * The one way to make a provider client: the entry's key and the origins it may go to come
 * from `keys` (SecretStorage in the editor, the environment in the CLI), and the client
 * refuses any other origin. The client module (and the openai package behind it) is loaded
 * on first use, so a session that only runs the built-in forecaster never evaluates it.
 */
export async function connectProvider(
  entry: ProviderEntry,
  keys: KeySource,
  transport: ProviderTransport = {},
): Promise<ProviderClient> {
  if (entry.id === 'builtin')
    throw new ProviderError('builtin', 'not-configured', 'the built-in forecaster has no client');
  const { ProviderClient: Client } = await import('./providerClient.js');
  return new Client({
    entry: { ...entry, id: entry.id as LlmProvider },
    grant: await keys(entry),
    ...(transport.fetch ? { fetch: transport.fetch } : {}),
    ...(transport.sleep ? { sleep: transport.sleep } : {}),
  });
}
