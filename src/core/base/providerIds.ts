import * as z from 'zod';

/** Every provider the extension knows, as one `as const` table (the single source of ids). */
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

export type ProviderId = keyof typeof PROVIDERS;
export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];
export const providerIdSchema = z.enum(PROVIDER_IDS as [ProviderId, ...ProviderId[]]);

export function providerLabel(id: ProviderId): string {
  return PROVIDERS[id].label;
}

/** Whether a provider cannot be used without a key (a custom endpoint may run without one). */
export function requiresKey(id: ProviderId): boolean {
  return PROVIDERS[id].needsKey && id !== 'custom';
}

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && Object.hasOwn(PROVIDERS, value);
}
