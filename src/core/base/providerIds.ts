import * as z from './zod';

/** Every provider kind the extension knows, as one `as const` table (the single source of kind ids). */
export const PROVIDERS = {
  builtin: {
    label: 'Built-in',
    kind: 'statistical',
    needsKey: false,
    description: 'Offline statistical forecaster, always available',
  },
  openai: { label: 'OpenAI', kind: 'llm', needsKey: true, description: 'api.openai.com' },
  groq: { label: 'Groq', kind: 'llm', needsKey: true, description: 'api.groq.com' },
  cloudflare: {
    label: 'Cloudflare Workers AI',
    kind: 'llm',
    needsKey: true,
    description: 'Workers AI, needs an account id',
  },
  huggingface: { label: 'Hugging Face', kind: 'llm', needsKey: true, description: 'Inference router' },
  ollama: { label: 'Ollama', kind: 'llm', needsKey: false, description: 'Local models, no key' },
  custom: { label: 'Custom endpoint', kind: 'llm', needsKey: true, description: 'Any OpenAI-compatible endpoint' },
} as const;

/** A provider kind: what a provider is (its endpoint, probe, key variable, default model). */
export type ProviderKindId = keyof typeof PROVIDERS;
/**
 * A named OpenAI-compatible endpoint, `custom:gateway-eu`: one of several custom endpoints,
 * each with its own key, health, lock identity and audit entries. Plain `custom` is the
 * unnamed one (what a single custom entry has always been).
 */
export type NamedCustomId = `custom:${string}`;
/** Which provider: a kind's own id, or a named custom endpoint. Holders, keys and health are per id. */
export type ProviderId = ProviderKindId | NamedCustomId;

export const PROVIDER_KIND_IDS = Object.keys(PROVIDERS) as ProviderKindId[];

/** The name after `custom:`: lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit, 1–40 characters. */
const CUSTOM_NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const CUSTOM_PREFIX = 'custom:';

export const providerIdSchema = z.union([
  z.enum(PROVIDER_KIND_IDS as [ProviderKindId, ...ProviderKindId[]]),
  z.templateLiteral([CUSTOM_PREFIX, z.string()]).refine((id) => CUSTOM_NAME.test(id.slice(CUSTOM_PREFIX.length)), {
    message:
      "a named custom endpoint is 'custom:' and a name of lowercase letters, digits, '.', '_' or '-' (at most 40)",
  }),
]);

/** The kind of a provider: a named custom endpoint is a `custom`. */
export function kindOf(id: ProviderId): ProviderKindId {
  return isNamedCustom(id) ? 'custom' : id;
}

export function isNamedCustom(id: ProviderId): id is NamedCustomId {
  return id.startsWith(CUSTOM_PREFIX);
}

/** The name of a named custom endpoint (`gateway-eu`), undefined for any other id. */
export function customName(id: ProviderId): string | undefined {
  return isNamedCustom(id) ? id.slice(CUSTOM_PREFIX.length) : undefined;
}

/** What people read: the kind's label, and a named endpoint's name after it ("Custom endpoint gateway-eu"). */
export function providerLabel(id: ProviderId): string {
  const name = customName(id);
  return name === undefined ? PROVIDERS[kindOf(id)].label : `${PROVIDERS.custom.label} ${name}`;
}

/** Whether a provider cannot be used without a key (a custom endpoint may run without one). */
export function requiresKey(id: ProviderId): boolean {
  const kind = kindOf(id);
  return PROVIDERS[kind].needsKey && kind !== 'custom';
}

/** Whether a provider's kind has a key at all (the custom ones may, optionally). */
export function takesKey(id: ProviderId): boolean {
  return PROVIDERS[kindOf(id)].needsKey;
}

export function isProviderId(value: unknown): value is ProviderId {
  if (typeof value !== 'string') return false;
  if (value.startsWith(CUSTOM_PREFIX)) return CUSTOM_NAME.test(value.slice(CUSTOM_PREFIX.length));
  return Object.hasOwn(PROVIDERS, value);
}
