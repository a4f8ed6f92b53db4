import { requiresKey } from '../base/providerIds';
import { type KeySource, endpointOf, originOf, refusal } from '../providers/keyGrant';
import { providerLabel } from '../base/providerIds';
import { type MonitorDeps } from './healthMonitor';
import { connectProvider } from '../providers/connectProvider';

/**
 * The monitor's view of the providers, given where keys come from (SecretStorage in the
 * editor, the environment in the CLI): a provider that needs a key and has none, or whose
 * endpoint is not approved for its key, is not configured and is never probed (so no key
 * goes to an endpoint a settings file chose); the others are probed with their kind's
 * cheap probe, through the one client factory (connectProvider).
 */
export function keyedProbes(getKey: KeySource): Pick<MonitorDeps, 'isConfigured' | 'probe'> {
  return {
    isConfigured: async (entry) => {
      if (entry.id === 'builtin') return true;
      const grant = await getKey(entry);
      if (!grant) return requiresKey(entry.id) ? 'no API key is set' : true;
      return refusal(grant, originOf(endpointOf(entry) ?? ''), providerLabel(entry.id)) ?? true;
    },
    probe: async (entry, signal) => {
      if (entry.id === 'builtin') return { ok: true, latencyMs: 0 };
      return (await connectProvider(entry, getKey)).probe(signal);
    },
  };
}
