import { type ProviderId } from '../base/providerIds';
import { type FailureClass } from '../providers/providerError';
import { type ProviderEntry } from '../settings/providerStack';
import { type AuditEntry } from '../lock/lockState';
import { type ProviderHealth } from './providerHealth';
import { isLocalProvider } from '../providers/keyGrant';

/** Request failures that move the lock to another tier (bad output, model-not-found and rate limiting do not). */
export const FAILOVER_CLASSES: ReadonlySet<FailureClass> = new Set(['server', 'timeout', 'network', 'auth', 'quota']);

/** Limits on where failover may take the lock. */
export interface FailoverLimits {
  /** The holder was chosen by a person: failover never moves it to a tier above it. */
  readonly pinned: boolean;
  /** Whether a local holder (builtin, Ollama, a loopback endpoint) may fail over to a cloud provider. */
  readonly toCloud: boolean;
}

/**
 * Where the lock goes when its holder is down: the highest enabled tier (other than the
 * holder) that is healthy; failing that, one that is degraded. A holder chosen by hand
 * only falls to tiers below it (failover does not promote past a person's choice), and a
 * local holder never moves to a cloud provider unless `toCloud` allows it: the data would
 * leave the machine. `builtin` is always healthy and local, so with it below the holder
 * there is always a target.
 */
export function chooseFailover(
  holder: ProviderId,
  stack: readonly ProviderEntry[],
  health: ReadonlyMap<ProviderId, ProviderHealth>,
  limits: FailoverLimits = { pinned: false, toCloud: true },
): ProviderId | undefined {
  const holderTier = stack.findIndex((e) => e.id === holder);
  const holderEntry = stack[holderTier];
  const local = holderEntry ? isLocalProvider(holderEntry) : false;
  const candidates = stack.filter(
    (e, tier) =>
      e.enabled &&
      e.id !== holder &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: tier < holderTier is false when holderTier < 0, and tier === holderTier is the holder, excluded above
      !(limits.pinned && holderTier >= 0 && tier < holderTier) &&
      !(local && !limits.toCloud && !isLocalProvider(e)),
  );
  return (
    candidates.find((e) => health.get(e.id)?.state === 'healthy') ??
    candidates.find((e) => health.get(e.id)?.state === 'degraded')
  )?.id;
}

/**
 * Where the lock goes back to: the highest tier above the holder that has been healthy
 * for `failbackAfter` probes in a row, but never above `ceiling` (the last provider a
 * person chose): the monitor restores a person's choice, it does not override it.
 */
export function chooseFailback(
  holder: ProviderId,
  stack: readonly ProviderEntry[],
  health: ReadonlyMap<ProviderId, ProviderHealth>,
  ceiling: ProviderId | null,
  failbackAfter: number,
): ProviderId | undefined {
  const holderTier = stack.findIndex((e) => e.id === holder);
  const ceilingTier =
    // Stryker disable next-line ConditionalExpression: no tier's id is null, so findIndex gives -1 and the tier is 0 either way
    ceiling === null
      ? 0
      : Math.max(
          0,
          stack.findIndex((e) => e.id === ceiling),
        );
  const limit = holderTier < 0 ? stack.length : holderTier;
  for (let tier = ceilingTier; tier < limit; tier++) {
    const entry = stack[tier];
    const h = entry ? health.get(entry.id) : undefined;
    // Stryker disable next-line OptionalChaining: tier < limit <= stack.length, so the entry exists
    if (entry?.enabled && h?.state === 'healthy' && h.consecutiveSuccesses >= failbackAfter) return entry.id;
  }
  return undefined;
}

/** The last provider a person (in the editor or the CLI) gave the lock to, from the audit trail. */
export function lastPersonChoice(audit: readonly AuditEntry[]): ProviderId | null {
  // Stryker disable next-line ArithmeticOperator: an index past the end gives undefined, which the loop skips
  for (let i = audit.length - 1; i >= 0; i--) {
    const e = audit[i];
    if (e && (e.who === 'user' || e.who === 'cli') && e.to !== null) return e.to;
  }
  return null;
}
