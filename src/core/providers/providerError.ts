import { type ProviderId, providerLabel } from '../base/providerIds';

/** Every way a provider request can fail. */
export type FailureClass =
  | 'auth'
  | 'model-not-found'
  | 'rate-limited'
  | 'quota'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad-output'
  | 'cancelled'
  | 'not-configured';

/** What a person can do about it (the buttons of the message). */
export type FailureAction = 'setKey' | 'switchProvider' | 'showLogs' | 'openSample';

const ADVICE: Record<
  FailureClass,
  { readonly cause: string; readonly actions: readonly FailureAction[]; readonly transient: boolean }
> = {
  auth: { cause: 'rejected the API key', actions: ['setKey', 'switchProvider'], transient: false },
  'model-not-found': {
    cause: 'does not know the configured model',
    actions: ['switchProvider', 'showLogs'],
    transient: false,
  },
  'rate-limited': { cause: 'is rate limiting requests', actions: ['switchProvider', 'showLogs'], transient: true },
  quota: { cause: 'says the account has no quota left', actions: ['switchProvider', 'setKey'], transient: false },
  server: { cause: 'had a server error', actions: ['switchProvider', 'showLogs'], transient: true },
  timeout: { cause: 'did not answer in time', actions: ['switchProvider', 'showLogs'], transient: true },
  network: { cause: 'could not be reached', actions: ['switchProvider', 'showLogs'], transient: true },
  'bad-output': {
    cause: 'returned output that is not a usable forecast',
    actions: ['switchProvider', 'showLogs'],
    transient: false,
  },
  cancelled: { cause: 'request was cancelled', actions: [], transient: false },
  'not-configured': { cause: 'is not configured', actions: ['setKey', 'switchProvider'], transient: false },
};

/** What else is known about a failure. */
export interface ProviderErrorDetails {
  /** The HTTP status, when the provider answered. */
  readonly status?: number | undefined;
  /** For rate limiting: how long the provider asked us to wait. */
  readonly retryAfterMs?: number | undefined;
  /** Problems found in the output, for bad-output. */
  readonly problems?: readonly string[];
}

/**
 * A classified provider failure. Its message names the provider and the cause and never
 * contains a key or a request body (they are never passed in).
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly actions: readonly FailureAction[];
  readonly transient: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly problems: readonly string[];

  constructor(
    readonly provider: ProviderId,
    readonly failure: FailureClass,
    readonly detail: string,
    { status, retryAfterMs, problems = [] }: ProviderErrorDetails = {},
  ) {
    const advice = ADVICE[failure];
    super(
      `${providerLabel(provider)} ${advice.cause}${status !== undefined ? ` (HTTP ${status})` : ''}${detail ? `: ${detail}` : ''}.`,
    );
    this.actions = advice.actions;
    this.transient = advice.transient;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.problems = problems;
  }
}

/**
 * Removes known keys (exact matches) and key-shaped strings (`sk-…`, `gsk_…`, `hf_…`,
 * `Bearer …`) from text a provider returned, before it is stored, shown or written.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let s = text;
  for (const secret of secrets) if (secret && secret.length >= 4) s = s.split(secret).join('[redacted]');
  return s
    .replace(/\b(sk|gsk|hf|cf)[-_][A-Za-z0-9_-]{8,}/g, '[redacted]')
    .replace(/Bearer\s+[^\s"',]+/gi, 'Bearer [redacted]');
}

/** Text from a provider's error body or a thrown error, made safe to show: keys redacted, length capped. */
export function safeDetail(text: unknown, secrets: readonly string[] = []): string {
  let s = redactSecrets(typeof text === 'string' ? text : text instanceof Error ? text.message : '', secrets);
  // eslint-disable-next-line no-control-regex -- control characters from a provider's error body are dropped
  s = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
