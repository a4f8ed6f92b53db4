import { parseProviderStack, type ProviderEntry } from '../core/settings/providerStack';
import { PROVIDER_KINDS, keyEnvOf } from '../core/providers/providerKinds';
import { type KeyGrant, defaultOrigins, originOf } from '../core/providers/keyGrant';
import { parseJsonText, readBoundedText } from '../core/boundedRead';
import { UsageError } from './usageError';

/** The largest config file the CLI reads: a provider stack is a few hundred bytes. */
export const CONFIG_CAP_BYTES = 1024 * 1024;

/**
 * The CLI's provider stack: `--config FILE` or $BOTTLENECK_CONFIG, a JSON file
 * `{ "providers": [ … ] }` with the same entries as the `bottleneck.providers` setting.
 * Without one, the stack is the built-in forecaster alone. The file may come from a
 * repository, so it can name endpoints but never send a key to one (see `cliKeys`).
 */
export function loadCliStack(configFlag: string | undefined, warn: (s: string) => void): readonly ProviderEntry[] {
  const file = configFlag ?? process.env['BOTTLENECK_CONFIG'];
  if (!file) return parseProviderStack(undefined).stack;
  const json = parseJsonText(readBoundedText(file, CONFIG_CAP_BYTES, '--config', 'a provider stack file may be'), file);
  const providers =
    typeof json === 'object' && json !== null && !Array.isArray(json) && Object.hasOwn(json, 'providers')
      ? (json as { providers?: unknown }).providers
      : undefined;
  const { stack, problems } = parseProviderStack(providers);
  for (const p of problems) warn(`warning: ${p.replace(/^bottleneck\.providers/, `${file}: providers`)}`);
  return stack;
}

/**
 * The origins the user allows keys to go to besides each provider's default endpoint:
 * `--allow-origin URL` (repeatable) and $BOTTLENECK_ALLOWED_ORIGINS (comma-separated).
 * Both are outside the config file on purpose: a committed config can point a provider at
 * a host, but only the person running the CLI can let a key follow it.
 */
export function allowedOrigins(
  flags: readonly string[],
  env: string | undefined = process.env['BOTTLENECK_ALLOWED_ORIGINS'],
): readonly string[] {
  const given = [...flags, ...(env ?? '').split(',')].map((s) => s.trim()).filter(Boolean);
  return given.map((value) => {
    const origin = originOf(value);
    if (!origin) throw new UsageError(`--allow-origin / BOTTLENECK_ALLOWED_ORIGINS: "${value}" is not an http(s) URL`);
    return origin;
  });
}

/**
 * A provider's key for the CLI, from the environment variable named in the README (never
 * from a file or a flag), bound to the provider's default endpoint and the origins the
 * user allowed.
 */
export function cliKeys(allowed: readonly string[]): (entry: ProviderEntry) => Promise<KeyGrant | undefined> {
  return (entry) => {
    if (entry.id === 'builtin') return Promise.resolve(undefined);
    const name = keyEnvOf(entry.id);
    const key = name ? process.env[name]?.trim() : undefined;
    return Promise.resolve(key ? { key, origins: [...new Set([...defaultOrigins(entry.id), ...allowed])] } : undefined);
  };
}

/** Every provider key the environment holds (to redact them from text a provider wrote). */
export function envKeys(): string[] {
  const named = Object.keys(process.env).filter((name) => /^BOTTLENECK_CUSTOM_\w+_API_KEY$/.test(name));
  return [...Object.values(PROVIDER_KINDS).map((k) => k.keyEnv), ...named]
    .map((name) => (name ? process.env[name]?.trim() : undefined))
    .filter((k): k is string => Boolean(k));
}
