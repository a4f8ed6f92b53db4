import { requiresKey, type ProviderId } from '../providers/providerIds';
import { type MonitorDeps } from './healthMonitor';

/**
 * The monitor's view of the providers, given where keys come from (SecretStorage in the
 * editor, the environment in the CLI): a provider that needs a key and has none is not
 * configured; the others are probed with their kind's cheap probe. The client (and the
 * openai package) is loaded on the first probe.
 */
export function keyedProbes(getKey: (provider: ProviderId) => Promise<string | undefined>): Pick<MonitorDeps, 'isConfigured' | 'probe'> {
  return {
    isConfigured: async (entry) => !requiresKey(entry.id) || Boolean(await getKey(entry.id)),
    probe: async (entry, signal) => {
      if (entry.id === 'builtin') return { ok: true, latencyMs: 0 };
      const { ProviderClient } = await import('../providers/providerClient.js');
      return new ProviderClient({ entry: { ...entry, id: entry.id }, key: await getKey(entry.id) }).probe(signal);
    },
  };
}
