import * as fs from 'node:fs';
import { parseProviderStack, type ProviderEntry } from '../core/settings/providerStack';
import { type ProviderId } from '../core/providers/providerIds';
import { PROVIDER_KINDS } from '../core/providers/providerKinds';
import { UsageError } from './exitCodes';

/**
 * The CLI's provider stack: `--config FILE` or $BOTTLENECK_CONFIG, a JSON file
 * `{ "providers": [ … ] }` with the same entries as the `bottleneck.providers` setting.
 * Without one, the stack is the built-in forecaster alone.
 */
export function loadCliStack(configFlag: string | undefined, warn: (s: string) => void): readonly ProviderEntry[] {
  const file = configFlag ?? process.env['BOTTLENECK_CONFIG'];
  if (!file) return parseProviderStack(undefined).stack;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--config ${file}: ${(err as Error).message}`);
  }
  const providers = typeof json === 'object' && json !== null ? (json as { providers?: unknown }).providers : undefined;
  const { stack, problems } = parseProviderStack(providers);
  for (const p of problems) warn(`warning: ${p.replace(/^bottleneck\.providers/, `${file}: providers`)}`);
  return stack;
}

/** A provider's key for the CLI: from the environment variable named in the README (never from a file or a flag). */
export function cliKey(provider: ProviderId): Promise<string | undefined> {
  if (provider === 'builtin') return Promise.resolve(undefined);
  const name = PROVIDER_KINDS[provider].keyEnv;
  const value = name ? process.env[name]?.trim() : undefined;
  return Promise.resolve(value || undefined);
}
