import { type ProviderId } from '../base/providerIds';
import { type FailureClass, type ProviderError } from '../providers/providerError';

export type HealthState = 'unknown' | 'healthy' | 'degraded' | 'unhealthy' | 'not-configured';

/** What the monitor knows about one provider. */
export interface ProviderHealth {
  readonly id: ProviderId;
  readonly state: HealthState;
  readonly consecutiveFailures: number;
  readonly consecutiveSuccesses: number;
  /** Exponentially smoothed probe latency (α = 0.3), ms. */
  readonly latencyMs: number | null;
  readonly lastError: {
    readonly failure: FailureClass;
    readonly message: string;
    readonly status?: number;
    readonly at: number;
  } | null;
  readonly lastProbeAt: number | null;
  readonly nextProbeAt: number | null;
  /** Why the state is what it is, in words. */
  readonly reason: string;
  /** True after an unhealthy provider's first success, until `healthyAfter` successes in a row. */
  readonly recovering: boolean;
  /** The configured model, when the last probe found it missing from the provider's `/models`. */
  readonly modelNotServed?: string;
}

export interface HealthPolicy {
  /** Failures in a row that make a provider unhealthy (default 3). */
  readonly unhealthyAfter: number;
  /** Successes in a row that make an unhealthy provider healthy again (default 2). */
  readonly healthyAfter: number;
  readonly intervalMs: number;
  /** The longest wait between probes of an unhealthy provider (default 15 minutes). */
  readonly backoffCapMs: number;
}

export const DEFAULT_POLICY: HealthPolicy = {
  unhealthyAfter: 3,
  healthyAfter: 2,
  intervalMs: 60_000,
  backoffCapMs: 15 * 60_000,
};

export function initialHealth(id: ProviderId, configured: boolean): ProviderHealth {
  if (id === 'builtin')
    return {
      id,
      state: 'healthy',
      consecutiveFailures: 0,
      consecutiveSuccesses: 0,
      latencyMs: 0,
      lastError: null,
      lastProbeAt: null,
      nextProbeAt: null,
      reason: 'always available',
      recovering: false,
    };
  return {
    id,
    state: configured ? 'unknown' : 'not-configured',
    consecutiveFailures: 0,
    consecutiveSuccesses: 0,
    latencyMs: null,
    lastError: null,
    lastProbeAt: null,
    nextProbeAt: null,
    reason: configured ? 'not checked yet' : 'no API key',
    recovering: false,
  };
}

/**
 * The state machine of one provider, as a pure function of its last state and a probe
 * (or request) outcome:
 * - success: failures reset; an unhealthy provider needs `healthyAfter` successes in a row
 *   to be healthy again (degraded until then); rate-limit headers with under 10% of the
 *   requests left make it degraded; the next probe is one interval away.
 * - failure: auth and quota make it unhealthy at once (retrying cannot fix them);
 *   rate limiting makes it degraded, never unhealthy by itself (no failover storms);
 *   other failures make it degraded, and unhealthy after `unhealthyAfter` in a row.
 *   An unhealthy provider is probed with exponential backoff: interval·2^(failures − N), capped.
 */
export function applyProbe(
  h: ProviderHealth,
  outcome:
    | {
        ok: true;
        latencyMs: number;
        rateLimit?: { remaining: number; limit: number };
        modelNotServed?: { model: string; listed: number };
      }
    | { ok: false; error: ProviderError },
  now: number,
  policy: HealthPolicy,
): ProviderHealth {
  if (outcome.ok) {
    const successes = h.consecutiveSuccesses + 1;
    const latencyMs = h.latencyMs === null ? outcome.latencyMs : 0.7 * h.latencyMs + 0.3 * outcome.latencyMs;
    const limited =
      // Stryker disable next-line EqualityOperator: with a limit of 0, remaining / limit is Infinity or NaN, never under 0.1
      outcome.rateLimit && outcome.rateLimit.limit > 0 && outcome.rateLimit.remaining / outcome.rateLimit.limit < 0.1;
    const recovering = (h.state === 'unhealthy' || h.recovering) && successes < policy.healthyAfter;
    let state: HealthState = 'healthy';
    let reason = 'answering';
    const missing = outcome.modelNotServed;
    if (missing) {
      // degraded, not unhealthy: the endpoint and its key work; the settings name a model it
      // does not list, which only the person can fix (Select Model), so no failover either
      state = 'degraded';
      reason = `model not served: "${missing.model}" is not among the ${missing.listed} model${missing.listed === 1 ? '' : 's'} it lists`;
    } else if (recovering) {
      state = 'degraded';
      reason = `recovering: ${successes} of ${policy.healthyAfter} probes succeeded`;
    } else if (limited) {
      state = 'degraded';
      // Stryker disable next-line OptionalChaining: limited implies rateLimit is set
      reason = `rate limit nearly reached (${outcome.rateLimit?.remaining} of ${outcome.rateLimit?.limit} requests left)`;
    }
    const { modelNotServed: _served, ...rest } = h;
    return {
      ...rest,
      ...(missing ? { modelNotServed: missing.model } : {}),
      state,
      reason,
      recovering,
      consecutiveSuccesses: successes,
      consecutiveFailures: 0,
      latencyMs,
      lastProbeAt: now,
      nextProbeAt: now + policy.intervalMs,
    };
  }
  const { error } = outcome;
  const failures = h.consecutiveFailures + 1;
  const lastError = {
    failure: error.failure,
    message: error.message,
    ...(error.status !== undefined ? { status: error.status } : {}),
    at: now,
  };
  let state: HealthState;
  let reason: string;
  if (error.failure === 'not-configured') {
    state = 'not-configured';
    reason = 'not configured';
  } else if (error.failure === 'auth' || error.failure === 'quota') {
    state = 'unhealthy';
    reason = error.failure === 'auth' ? 'the API key was rejected' : 'no quota left';
  } else if (error.failure === 'rate-limited') {
    state = h.state === 'unhealthy' || h.recovering ? 'unhealthy' : 'degraded';
    reason = 'rate limited';
  } else if (failures >= policy.unhealthyAfter || h.state === 'unhealthy' || h.recovering) {
    state = 'unhealthy';
    reason = `${failures} failure${failures > 1 ? 's' : ''} in a row (${error.failure})`;
  } else {
    state = 'degraded';
    reason = `${failures} failure${failures > 1 ? 's' : ''} in a row (${error.failure})`;
  }
  const wait =
    state === 'unhealthy'
      ? Math.min(policy.backoffCapMs, policy.intervalMs * 2 ** Math.max(0, failures - policy.unhealthyAfter))
      : error.failure === 'rate-limited' && error.retryAfterMs !== undefined
        ? Math.max(policy.intervalMs, error.retryAfterMs)
        : policy.intervalMs;
  // what a failed probe says replaces what the last answer listed
  const { modelNotServed: _served, ...rest } = h;
  return {
    ...rest,
    state,
    reason,
    recovering: false,
    consecutiveFailures: failures,
    consecutiveSuccesses: 0,
    lastError,
    lastProbeAt: now,
    nextProbeAt: now + wait,
  };
}
