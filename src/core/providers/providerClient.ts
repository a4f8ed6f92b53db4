import type OpenAI from 'openai';
import type * as OpenAiPackage from 'openai';
import { type ProviderEntry } from '../settings/providerStack';
import { kindOf, providerLabel, requiresKey } from '../base/providerIds';
import { type LlmProviderId, type OutputMode, kindInfo } from './providerKinds';
import { ProviderError, safeDetail } from './providerError';
import { MAX_ANSWER_CHARS } from '../normalize/answerLimits';
import { type KeyGrant, endpointOf, originGuardedFetch, originOf, refusal } from './keyGrant';
import { HttpStatusError, abortableSleep, bodyCappedFetch, retryAfterMs } from './providerHttp';
import { type ModelList, listsModel, readModelList } from './modelList';
import { type TokenUsage, readUsage } from '../base/tokenUsage';

export { retryAfterMs } from './providerHttp';

type Sdk = typeof OpenAiPackage;
/**
 * The `openai` package, loaded by the first chat completion: health probes and a session
 * that only runs the built-in forecaster never evaluate it. The extension and the CLI ship
 * it as a file of its own beside their bundles (esbuild.js).
 */
let sdk: Sdk | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, kept a require so bundles leave it to run time
const loadSdk = (): Sdk => (sdk ??= require('openai') as Sdk);

type LlmProvider = LlmProviderId;

export interface ProviderClientOptions {
  readonly entry: ProviderEntry & { readonly id: LlmProvider };
  /**
   * The API key and the origins it may go to, from SecretStorage (editor) or an environment
   * variable (CLI); never logged. A request to any other origin is refused before it is sent.
   */
  readonly grant: KeyGrant | undefined;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Waits between retries; injected for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Retries of a transient failure (default 2). */
  readonly maxRetries?: number;
  /** The longest retry-after the client waits for; longer ones fail at once (default 20 s). */
  readonly retryAfterCapMs?: number;
}

export interface ChatRequest {
  readonly system: string;
  readonly user: string;
  /** JSON schema of the wanted output, used in json_schema mode. */
  readonly schema: Record<string, unknown>;
}

export interface ProbeResult {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly failure?: ProviderError;
  /** From x-ratelimit-* headers, when the provider sends them. */
  readonly rateLimit?: { readonly remaining: number; readonly limit: number };
  /** The endpoint answered, but its `/models` does not list the model the entry asks for. */
  readonly modelNotServed?: { readonly model: string; readonly listed: number };
}

/** Resolves a provider entry's base URL (the entry's override, else the kind's, with the account id filled in). */
export function resolveBaseUrl(entry: ProviderEntry & { readonly id: LlmProvider }): string {
  const url = endpointOf(entry);
  if (url) return url;
  throw new ProviderError(
    entry.id,
    'not-configured',
    kindInfo(entry.id).baseUrl ? 'an accountId setting is needed' : 'no baseUrl is set',
  );
}

/** The largest HTTP response body read from a provider: twice the largest answer the normalizer accepts, for the JSON envelope around it. */
export const MAX_RESPONSE_BYTES = 2 * MAX_ANSWER_CHARS;

/**
 * One provider's OpenAI-compatible client. Chat completions go through the `openai`
 * package, loaded on first use, with the base URL always set explicitly and every
 * credential option passed (the package would otherwise read OPENAI_BASE_URL,
 * OPENAI_API_KEY and others from the environment); its own retries are off: this class
 * retries only transient failures, honouring retry-after. Health probes are plain GETs.
 */
export class ProviderClient {
  readonly provider: LlmProvider;
  readonly baseUrl: string;
  readonly model: string;
  /** What must never appear in an answer, a log or a file: the key, when there is one. */
  get secrets(): readonly string[] {
    return this.options.grant?.key ? [this.options.grant.key] : [];
  }
  private client: OpenAI | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: ProviderClientOptions) {
    const { entry } = options;
    this.provider = entry.id;
    this.baseUrl = resolveBaseUrl(entry);
    this.model = entry.model ?? kindInfo(entry.id).defaultModel;
    const { grant } = options;
    if (requiresKey(entry.id) && !grant?.key) {
      throw new ProviderError(entry.id, 'not-configured', (l10n) => l10n.t('no API key is set'));
    }
    const why = grant ? refusal(grant, originOf(this.baseUrl), providerLabel(entry.id)) : undefined;
    if (why) throw new ProviderError(entry.id, 'not-configured', why);
    const inner = options.fetch ?? globalThis.fetch;
    // With a key, every request (chat, models, the kind's own probe URL) passes the origin check.
    const guarded = grant
      ? originGuardedFetch(
          grant.origins,
          inner,
          (origin) =>
            new ProviderError(
              entry.id,
              'not-configured',
              refusal(grant, originOf(origin), providerLabel(entry.id)) ?? 'endpoint not approved',
            ),
        )
      : inner;
    this.fetchFn = bodyCappedFetch(
      guarded,
      MAX_RESPONSE_BYTES,
      () =>
        new ProviderError(
          entry.id,
          'bad-output',
          `the response was larger than ${MAX_RESPONSE_BYTES / (1024 * 1024)} MiB; it was not read`,
        ),
    );
    this.sleep = options.sleep ?? abortableSleep;
  }

  private chat(): OpenAI {
    const { default: OpenAIClient } = loadSdk();
    this.client ??= new OpenAIClient({
      apiKey: this.options.grant?.key || 'not-needed',
      baseURL: this.baseUrl,
      organization: null,
      project: null,
      adminAPIKey: null,
      webhookSecret: null,
      timeout: this.options.entry.timeoutMs,
      maxRetries: 0,
      logLevel: 'off',
      fetch: this.fetchFn,
    });
    return this.client;
  }

  /**
   * The model the probe looks for in `/models`: the entry's, else the kind's default; none
   * for a custom endpoint without a model (its default is a placeholder, not a model name).
   */
  private get checkedModel(): string | undefined {
    const { entry } = this.options;
    return entry.model ?? (kindOf(entry.id) === 'custom' ? undefined : this.model);
  }

  /** The output mode to ask for: the entry's, else the kind's best. */
  get outputMode(): OutputMode {
    return this.options.entry.responseFormat ?? kindInfo(this.provider).output;
  }

  /**
   * Sends one chat completion and returns the message text, and the tokens the provider
   * says it used (null when it did not say, or said something that is not a count).
   * Transient failures (rate limit with an acceptable retry-after, 5xx, network) are
   * retried; a 400 that rejects the response format is retried once with the next simpler mode.
   */
  async complete(
    request: ChatRequest,
    signal?: AbortSignal,
  ): Promise<{ text: string; mode: OutputMode; usage: TokenUsage | null }> {
    let mode = this.outputMode;
    const retries = this.options.maxRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        const client = this.chat();
        const completion = await client.chat.completions.create(
          {
            model: this.model,
            temperature: 0,
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.user },
            ],
            ...(mode === 'json_schema'
              ? {
                  response_format: {
                    type: 'json_schema' as const,
                    json_schema: { name: 'forecast', strict: true, schema: request.schema },
                  },
                }
              : {}),
            ...(mode === 'json_object' ? { response_format: { type: 'json_object' as const } } : {}),
          },
          { ...(signal ? { signal } : {}) },
        );
        const text = completion.choices?.[0]?.message?.content;
        const usage = readUsage((completion as { usage?: unknown }).usage);
        if (typeof text !== 'string' || text.trim() === '') {
          throw new ProviderError(
            this.provider,
            'bad-output',
            completion.choices?.length ? 'the answer was empty' : 'the answer had no choices',
          );
        }
        return { text, mode, usage };
      } catch (err) {
        const error = this.classify(err, signal);
        if (
          error.status === 400 &&
          mode !== 'prompt' &&
          /response_format|json_schema|json_object|schema/i.test(error.detail)
        ) {
          mode = mode === 'json_schema' ? 'json_object' : 'prompt';
          continue;
        }
        const wait = this.retryDelay(error, attempt);
        if (attempt >= retries || wait === undefined) throw error;
        await this.sleep(wait, signal).catch(() => {
          throw new ProviderError(this.provider, 'cancelled', '');
        });
      }
    }
  }

  /** The kind's cheap health probe (no tokens spent). */
  async probe(signal?: AbortSignal): Promise<ProbeResult> {
    const started = Date.now();
    const method = kindInfo(this.provider).probe.method;
    try {
      const special =
        method === 'cloudflare-token' && /\/client\/v4\//.test(this.baseUrl)
          ? `${this.baseUrl.slice(0, this.baseUrl.indexOf('/client/v4/'))}/client/v4/user/tokens/verify`
          : method === 'hf-whoami' && this.options.entry.baseUrl === undefined
            ? 'https://huggingface.co/api/whoami-v2'
            : undefined;
      const timeout = AbortSignal.timeout(this.options.entry.timeoutMs);
      const key = this.options.grant?.key;
      const res = await this.fetchFn(special ?? `${this.baseUrl.replace(/\/+$/, '')}/models`, {
        headers: { accept: 'application/json', ...(key || special ? { authorization: `Bearer ${key ?? ''}` } : {}) },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (!res.ok) throw await HttpStatusError.from(res);
      const headers = res.headers;
      // a 2xx that is not JSON is a login page, a proxy or the wrong endpoint: it answers, but not as an API
      const type = headers.get('content-type') ?? '';
      const checked = special === undefined && method === 'models' ? this.checkedModel : undefined;
      if (!/json/i.test(type) || checked === undefined) await res.body?.cancel().catch(() => undefined);
      if (!/json/i.test(type)) {
        throw new ProviderError(
          this.provider,
          'bad-output',
          `the endpoint answered with ${type.split(';')[0] || 'no content type'}, not JSON: is the baseUrl an OpenAI-compatible API?`,
        );
      }
      // the list is read (at most the response cap) only to see whether the configured model is on it
      const listing = checked === undefined ? undefined : listsModel(await res.json().catch(() => undefined), checked);
      const remaining = Number(headers.get('x-ratelimit-remaining-requests'));
      const limit = Number(headers.get('x-ratelimit-limit-requests'));
      return {
        ok: true,
        latencyMs: Date.now() - started,
        ...(Number.isFinite(remaining) && Number.isFinite(limit) && headers.has('x-ratelimit-remaining-requests')
          ? { rateLimit: { remaining, limit } }
          : {}),
        ...(checked !== undefined && listing?.listed === false
          ? { modelNotServed: { model: checked, listed: listing.count } }
          : {}),
      };
    } catch (err) {
      return { ok: false, latencyMs: Date.now() - started, failure: this.classify(err, signal) };
    }
  }

  /**
   * The models the endpoint lists (`GET /models`, no tokens spent), for choosing one. It
   * goes through the same guarded fetch as every request: with a key, only to the key's
   * origins. Throws a ProviderError when the endpoint does not answer with a list.
   */
  async listModels(signal?: AbortSignal): Promise<ModelList> {
    const timeout = AbortSignal.timeout(Math.min(this.options.entry.timeoutMs, 15_000));
    const key = this.options.grant?.key;
    try {
      const res = await this.fetchFn(`${this.baseUrl}/models`, {
        headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (!res.ok) throw await HttpStatusError.from(res);
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new ProviderError(this.provider, 'bad-output', 'the model list is not JSON');
      }
      return readModelList(body);
    } catch (err) {
      throw this.classify(err, signal);
    }
  }

  /** Maps anything the client throws to a ProviderError, with no key in it. */
  classify(err: unknown, signal?: AbortSignal): ProviderError {
    if (err instanceof ProviderError) return err;
    // the origin guard's refusal, wrapped by the openai package as a connection error
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof ProviderError) return cause;
    const p = this.provider;
    const detail = (e: unknown): string => safeDetail(e, [this.options.grant?.key ?? '']);
    if (signal?.aborted || (sdk && err instanceof sdk.APIUserAbortError)) return new ProviderError(p, 'cancelled', '');
    if ((sdk && err instanceof sdk.APIConnectionTimeoutError) || (err as { name?: unknown }).name === 'TimeoutError')
      return new ProviderError(p, 'timeout', (l10n) =>
        l10n.t('no answer within {0} s', Math.round(this.options.entry.timeoutMs / 1000)),
      );
    // fetch's own failure (a TypeError with the system error as its cause), or the package's wrapping of it
    if ((sdk && err instanceof sdk.APIConnectionError) || (err instanceof TypeError && err.cause !== undefined)) {
      const cause = (err as { cause?: { code?: string; cause?: { code?: string } } }).cause;
      const code = cause?.code ?? cause?.cause?.code;
      return new ProviderError(
        p,
        'network',
        code ? `${code} at ${new URL(this.baseUrl).host}` : `connection to ${new URL(this.baseUrl).host} failed`,
      );
    }
    if (err instanceof HttpStatusError || (sdk && err instanceof sdk.APIError)) {
      const status = err.status;
      const text = `${err.code ?? ''} ${err.type ?? ''} ${err.message}`;
      if (status === 401 || status === 403) return new ProviderError(p, 'auth', detail(err.message), { status });
      if (status === 404) return new ProviderError(p, 'model-not-found', `model "${this.model}"`, { status });
      if (status === 429) {
        if (/insufficient_quota|quota|billing|credits/i.test(text))
          return new ProviderError(p, 'quota', detail(err.message), { status });
        return new ProviderError(p, 'rate-limited', detail(err.message), {
          status,
          retryAfterMs: retryAfterMs(err.headers as Headers | undefined),
        });
      }
      if (status !== undefined && status >= 500) return new ProviderError(p, 'server', detail(err.message), { status });
      return new ProviderError(p, 'server', detail(err.message), { status });
    }
    return new ProviderError(p, 'network', detail(err));
  }

  private retryDelay(error: ProviderError, attempt: number): number | undefined {
    const cap = this.options.retryAfterCapMs ?? 20_000;
    if (error.failure === 'rate-limited') {
      const wait = error.retryAfterMs ?? 1000 * 2 ** attempt;
      return wait <= cap ? wait : undefined;
    }
    if (error.failure === 'server' && (error.status ?? 0) >= 500) return 500 * 2 ** attempt;
    if (error.failure === 'network') return 500 * 2 ** attempt;
    return undefined;
  }
}
