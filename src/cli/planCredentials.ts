import { type SourceAccess } from '../core/sources/queryPlan';

/** `BOTTLENECK_SOURCE_PROD_EU_TOKEN` for source "prod-eu": the variable that holds a source's secret. */
export function sourceSecretEnv(sourceName: string, type: 'basic' | 'bearer'): string {
  return `BOTTLENECK_SOURCE_${sourceName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${type === 'basic' ? 'PASSWORD' : 'TOKEN'}`;
}

/**
 * The CLI's access to a plan's sources: a secret comes from the environment only, and goes
 * only to the origins the person allowed outside the plan (--allow-origin,
 * BOTTLENECK_ALLOWED_ORIGINS), as a provider key for a `custom` endpoint does.
 */
export function cliSourceAccess(allowed: readonly string[], env: NodeJS.ProcessEnv = process.env): SourceAccess {
  return {
    credentialHint: (source) =>
      `set ${sourceSecretEnv(source.name, source.auth?.type === 'bearer' ? 'bearer' : 'basic')} in the environment`,
    credential: (source) => {
      const type = source.auth?.type;
      if (type !== 'basic' && type !== 'bearer') return Promise.resolve(undefined);
      const secret = env[sourceSecretEnv(source.name, type)];
      if (!secret) return Promise.resolve(undefined);
      return Promise.resolve({
        secret,
        origins: allowed,
        howToAllow: `allow it with --allow-origin ${new URL(source.url).origin} (or BOTTLENECK_ALLOWED_ORIGINS)`,
      });
    },
  };
}
