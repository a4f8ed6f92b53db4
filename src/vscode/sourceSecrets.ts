import type * as vscode from 'vscode';
import { hostOf, originOf } from '../core/origin';
import { type SourceCredential } from '../core/sources/promClient';
import { type PlanSource } from '../core/sources/planSchema';
import { type SourceAccess } from '../core/sources/queryPlan';

/** Where a plan's source secrets sit in SecretStorage: by the origin they were stored for and the source's name. */
const keyOf = (origin: string, name: string): string => `bottleneck.sourceSecret:${origin}:${name}`;

/**
 * A plan source's password or token, in the editor's SecretStorage, never in the plan. It
 * is stored under the origin the person typed it for, so a plan that later names another
 * host finds no secret for it and sends nothing there.
 */
export class SourceSecrets {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async credential(source: PlanSource): Promise<SourceCredential | undefined> {
    const origin = originOf(source.url);
    if (origin === undefined) return undefined;
    const secret = await this.secrets.get(keyOf(origin, source.name));
    return secret
      ? {
          secret,
          origins: [origin],
          howToAllow: 'run "Bottleneck: Set Source Credential" for this host if you trust it',
        }
      : undefined;
  }

  async store(source: PlanSource, secret: string): Promise<string> {
    const origin = originOf(source.url);
    if (origin === undefined) throw new Error(`the source "${source.name}" has no http(s) URL`);
    await this.secrets.store(keyOf(origin, source.name), secret);
    return hostOf(origin);
  }

  /** How forecasts reach plan sources: no query at all in Restricted Mode. */
  access(trusted: () => boolean): SourceAccess {
    return {
      credential: (source) => this.credential(source),
      credentialHint: (source) =>
        `run "Bottleneck: Set Source Credential" and store the ${source.auth?.type === 'bearer' ? 'token' : 'password'} for ${hostOf(originOf(source.url) ?? source.url)}`,
      get refused() {
        return trusted()
          ? undefined
          : "Restricted Mode: a capacity plan's queries run only in a trusted workspace (Manage Workspace Trust)";
      },
    };
  }
}
