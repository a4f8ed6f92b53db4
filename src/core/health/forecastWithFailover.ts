import { type ForecastData, type MetricSet } from '../forecast/schema';
import { forecastWithHolder, type ProviderForecastOptions } from '../providers/forecastWithProvider';
import { ProviderError } from '../providers/providerError';
import { type ProviderLock } from '../lock/providerLock';
import { type HealthMonitor } from './healthMonitor';

/**
 * A forecast by the lock holder; when it fails with a failover-class error, the monitor
 * moves the lock (to the highest healthy tier, generation-checked) and the request is
 * retried once, on the new holder only. Never two providers at once, never a mix.
 */
export async function forecastWithFailover(set: MetricSet, lock: ProviderLock, monitor: HealthMonitor, options: Omit<ProviderForecastOptions, 'holder'>): Promise<ForecastData> {
  const holder = lock.snapshot.holder;
  try {
    return await forecastWithHolder(set, { ...options, holder });
  } catch (err) {
    if (!(err instanceof ProviderError) || holder === null || err.provider !== holder) throw err;
    const next = await monitor.reportFailure(holder, err);
    if (!next) throw err;
    options.logger?.warn(`retrying the forecast once with ${next} after ${holder} failed (${err.failure})`);
    return forecastWithHolder(set, { ...options, holder: next });
  }
}
