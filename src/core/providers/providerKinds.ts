import { type ProviderId, type ProviderKindId, customName, kindOf } from '../base/providerIds';
import { type ProviderEntry } from '../settings/providerStack';

/** How a provider can be asked for JSON, best first. */
export type OutputMode = 'json_schema' | 'json_object' | 'prompt';

/** What the extension knows about each LLM provider kind. */
export interface ProviderKind {
  /** Base URL of its OpenAI-compatible API; `{accountId}` is filled from the entry. */
  readonly baseUrl: string;
  /** Best output mode it supports for chat completions (an entry may lower it). */
  readonly output: OutputMode;
  /** The cheap health probe, which spends no tokens. */
  readonly probe: { readonly method: 'models' | 'cloudflare-token' | 'hf-whoami'; readonly description: string };
  /** Environment variable the CLI reads the key from. */
  readonly keyEnv: string | null;
  readonly defaultModel: string;
  /** Characters of serialized history the prompt may carry (≈ 4 characters a token). */
  readonly historyBudgetChars: number;
}

/** The kinds of LLM provider (every kind but the built-in forecaster). */
export type LlmKind = Exclude<ProviderKindId, 'builtin'>;
/** An LLM provider: a kind's own id, or a named custom endpoint. */
export type LlmProviderId = Exclude<ProviderId, 'builtin'>;

export const PROVIDER_KINDS: Record<LlmKind, ProviderKind> = {
  openai: {
    baseUrl: 'https://api.openai.com/v1',
    output: 'json_schema',
    probe: { method: 'models', description: 'GET /models (authenticated; lists models, spends no tokens)' },
    keyEnv: 'OPENAI_API_KEY',
    defaultModel: 'gpt-4o-mini',
    historyBudgetChars: 24_000,
  },
  groq: {
    baseUrl: 'https://api.groq.com/openai/v1',
    output: 'json_object',
    probe: { method: 'models', description: 'GET /models (authenticated; spends no tokens)' },
    keyEnv: 'GROQ_API_KEY',
    defaultModel: 'llama-3.3-70b-versatile',
    historyBudgetChars: 16_000,
  },
  cloudflare: {
    baseUrl: 'https://api.cloudflare.com/client/v4/accounts/{accountId}/ai/v1',
    output: 'json_object',
    probe: { method: 'cloudflare-token', description: 'GET /client/v4/user/tokens/verify (checks the API token)' },
    keyEnv: 'CLOUDFLARE_API_TOKEN',
    defaultModel: '@cf/meta/llama-3.1-8b-instruct',
    historyBudgetChars: 12_000,
  },
  huggingface: {
    baseUrl: 'https://router.huggingface.co/v1',
    output: 'json_object',
    probe: { method: 'hf-whoami', description: 'GET https://huggingface.co/api/whoami-v2 (checks the token)' },
    keyEnv: 'HF_TOKEN',
    defaultModel: 'meta-llama/Llama-3.1-8B-Instruct',
    historyBudgetChars: 12_000,
  },
  ollama: {
    baseUrl: 'http://localhost:11434/v1',
    output: 'json_object',
    probe: { method: 'models', description: 'GET /models (lists local models; no key)' },
    keyEnv: null,
    defaultModel: 'llama3.1',
    historyBudgetChars: 8_000,
  },
  custom: {
    baseUrl: '',
    output: 'prompt',
    probe: { method: 'models', description: 'GET /models' },
    keyEnv: 'BOTTLENECK_CUSTOM_API_KEY',
    defaultModel: 'default',
    historyBudgetChars: 12_000,
  },
};

/**
 * The model an entry's requests ask for: its own, else its kind's default; undefined for
 * the built-in forecaster and for a custom endpoint without one (its default is a placeholder).
 */
export function modelOf(entry: Pick<ProviderEntry, 'id' | 'model'>): string | undefined {
  if (entry.id === 'builtin') return undefined;
  return entry.model ?? (kindOf(entry.id) === 'custom' ? undefined : kindInfo(entry.id).defaultModel);
}

/** What the extension knows about an LLM provider's kind (a named custom endpoint is a `custom`). */
export function kindInfo(id: LlmProviderId): ProviderKind {
  return PROVIDER_KINDS[kindOf(id) as LlmKind];
}

/**
 * The environment variable the CLI reads a provider's key from: the kind's, and for a named
 * custom endpoint one of its own, `BOTTLENECK_CUSTOM_<NAME>_API_KEY` (`custom:gateway-eu` →
 * `BOTTLENECK_CUSTOM_GATEWAY_EU_API_KEY`), so that each endpoint has its own key.
 */
export function keyEnvOf(id: LlmProviderId): string | null {
  const name = customName(id);
  if (name === undefined) return kindInfo(id).keyEnv;
  return `BOTTLENECK_CUSTOM_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
}
