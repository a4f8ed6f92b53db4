import { type ProviderId, providerLabel } from '../base/providerIds';
import { type L10n, type Said, english, say } from '../l10n';

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

const ADVICE: Record<FailureClass, { readonly actions: readonly FailureAction[]; readonly transient: boolean }> = {
  auth: { actions: ['setKey', 'switchProvider'], transient: false },
  'model-not-found': { actions: ['switchProvider', 'showLogs'], transient: false },
  'rate-limited': { actions: ['switchProvider', 'showLogs'], transient: true },
  quota: { actions: ['switchProvider', 'setKey'], transient: false },
  server: { actions: ['switchProvider', 'showLogs'], transient: true },
  timeout: { actions: ['switchProvider', 'showLogs'], transient: true },
  network: { actions: ['switchProvider', 'showLogs'], transient: true },
  'bad-output': { actions: ['switchProvider', 'showLogs'], transient: false },
  cancelled: { actions: [], transient: false },
  'not-configured': { actions: ['setKey', 'switchProvider'], transient: false },
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

/** "OpenAI rejected the API key": the provider and the cause, in the language `l10n` speaks. */
function causeIn(provider: ProviderId, failure: FailureClass, l10n: L10n): string {
  const p = providerLabel(provider);
  switch (failure) {
    case 'auth':
      return l10n.t('{0} rejected the API key', p);
    case 'model-not-found':
      return l10n.t('{0} does not know the configured model', p);
    case 'rate-limited':
      return l10n.t('{0} is rate limiting requests', p);
    case 'quota':
      return l10n.t('{0} says the account has no quota left', p);
    case 'server':
      return l10n.t('{0} had a server error', p);
    case 'timeout':
      return l10n.t('{0} did not answer in time', p);
    case 'network':
      return l10n.t('{0} could not be reached', p);
    case 'bad-output':
      return l10n.t('{0} returned output that is not a usable forecast', p);
    case 'cancelled':
      return l10n.t('{0} request was cancelled', p);
    case 'not-configured':
      return l10n.t('{0} is not configured', p);
  }
}

/**
 * A classified provider failure. Its message names the provider and the cause and never
 * contains a key or a request body (they are never passed in). `message` and `detail` are
 * English (the CLI's, and the logs'); `messageIn` says the message in the language of a
 * translator (a provider's own text in it stays as the provider wrote it).
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly actions: readonly FailureAction[];
  readonly transient: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly problems: readonly string[];
  readonly detail: string;
  private readonly saidDetail: string | Said;

  constructor(
    readonly provider: ProviderId,
    readonly failure: FailureClass,
    detail: string | Said,
    { status, retryAfterMs, problems = [] }: ProviderErrorDetails = {},
  ) {
    const advice = ADVICE[failure];
    super(providerMessage(provider, failure, status, detail, english));
    this.detail = say(detail, english);
    this.saidDetail = detail;
    this.actions = advice.actions;
    this.transient = advice.transient;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.problems = problems;
  }

  /** The message in the language `l10n` speaks. */
  messageIn(l10n: L10n): string {
    return providerMessage(this.provider, this.failure, this.status, this.saidDetail, l10n);
  }
}

/** "OpenAI rejected the API key (HTTP 401): invalid key.": the cause, the status, the detail. */
function providerMessage(
  provider: ProviderId,
  failure: FailureClass,
  status: number | undefined,
  saidDetail: string | Said,
  l10n: L10n,
): string {
  const cause = causeIn(provider, failure, l10n);
  const detail = say(saidDetail, l10n);
  if (status !== undefined)
    return detail ? l10n.t('{0} (HTTP {1}): {2}.', cause, status, detail) : l10n.t('{0} (HTTP {1}).', cause, status);
  return detail ? l10n.t('{0}: {1}.', cause, detail) : l10n.t('{0}.', cause);
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
