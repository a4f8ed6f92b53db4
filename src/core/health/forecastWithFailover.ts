import { type ForecastData, type MetricSet } from '../base/forecastSchema';
import { forecastWithHolder, type ProviderForecastOptions } from '../providers/forecastWithProvider';
import { ProviderError } from '../providers/providerError';
import { type LockSnapshot, type ProviderLock } from '../lock/providerLock';
import { type ProviderId, providerLabel } from '../base/providerIds';
import { type HealthMonitor } from './healthMonitor';

/** A forecast that was made after a failover: who was asked, what failed, who made it. */
export interface FailoverNote {
  readonly asked: ProviderId;
  /** The failure in one sentence ("OpenAI rejected the API key (HTTP 401)."). */
  readonly failure: string;
  readonly madeBy: ProviderId;
}

/** The note as a person reads it. */
export function describeFailover(note: FailoverNote): string {
  return `${providerLabel(note.asked)} was asked first and failed: ${note.failure} The lock moved to ${providerLabel(note.madeBy)}, which made this forecast.`;
}

/**
 * A forecast by the lock holder; when it fails with a failover-class error, the monitor
 * moves the lock (to the highest healthy tier, generation-checked) and the request is
 * retried once, on the new holder only. Never two providers at once, never a mix.
 *
 * The move is made only against the generation seen when the forecast started: when the
 * lock changed while the request was in flight (a person's switch, in this process or
 * in another one sharing the state file), that change wins, the lock is not moved, the
 * forecast is not retried, and a warning says so.
 */
export async function forecastWithFailover(
  set: MetricSet,
  lock: ProviderLock,
  monitor: HealthMonitor,
  options: Omit<ProviderForecastOptions, 'holder'>,
  onFailover?: (note: FailoverNote) => void,
): Promise<ForecastData> {
  const seen = lock.snapshot;
  const holder = seen.holder;
  try {
    return await forecastWithHolder(set, { ...options, holder });
  } catch (err) {
    if (!(err instanceof ProviderError) || holder === null || err.provider !== holder) throw err;
    const now = await lock.refresh().catch(() => lock.snapshot);
    if (now.generation !== seen.generation) {
      // the failure still counts against the provider's health; the monitor moves nothing when another provider holds the lock
      if (now.holder !== holder) await monitor.reportFailure(holder, err);
      warnChanged(options, holder, now);
      throw err;
    }
    const next = await monitor.reportFailure(holder, err);
    // the monitor's compare-and-switch made the move that follows the generation seen, or none was made
    const move = lock.audit.find((e) => e.generation === seen.generation + 1);
    if (next === undefined || move?.who !== 'monitor' || move.from !== holder || move.to !== next) {
      if (lock.snapshot.generation !== seen.generation) warnChanged(options, holder, lock.snapshot);
      throw err;
    }
    options.logger?.warn(`retrying the forecast once with ${next} after ${holder} failed (${err.failure})`);
    const data = await forecastWithHolder(set, { ...options, holder: next });
    onFailover?.({ asked: holder, failure: err.message, madeBy: next });
    return data;
  }
}

function warnChanged(
  options: Omit<ProviderForecastOptions, 'holder'>,
  failed: NonNullable<LockSnapshot['holder']>,
  now: LockSnapshot,
): void {
  const holder = now.holder === null ? 'no provider holds it' : `${providerLabel(now.holder)} holds it`;
  options.logger?.warn(
    `the lock changed while the forecast was in flight (${holder}, generation ${now.generation}), so ${providerLabel(failed)}'s failure did not move it and the forecast was not retried`,
  );
}
