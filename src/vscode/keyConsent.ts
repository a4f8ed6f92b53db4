import * as vscode from 'vscode';
import { type Logger } from '../core/logging';
import { type ProviderId, providerLabel } from '../core/base/providerIds';
import { type KeyGrant, boundOrigins, endpointOf, hostOf, originOf } from '../core/providers/keyGrant';
import { type ProviderEntry } from '../core/settings/providerStack';
import { type ApiKeys } from './apiKeys';

const APPROVALS_KEY = 'bottleneck.endpointApprovals';

type Decision = 'allowed' | 'denied';

/**
 * Which endpoints a stored key may go to, per workspace. A key is bound to the origin it
 * was stored for; when the provider's effective endpoint is another origin (a workspace's
 * `.vscode/settings.json` pointing OpenAI at its own host, or a changed user setting),
 * nothing is sent until the person allows that host in a modal that names it. The answer
 * (allow or decline) is kept in workspaceState, per provider and origin, so it is asked
 * once per workspace and host. Background work (the health monitor, the scheduled
 * refresh) never asks: it treats an unapproved endpoint as not configured.
 */
export class KeyConsent {
  private readonly asking = new Map<string, Promise<Decision>>();

  constructor(
    private readonly keys: ApiKeys,
    private readonly memento: vscode.Memento,
    private readonly logger: Logger,
  ) {}

  /** The key and the origins it may go to, never asking (for the monitor and the scheduler). */
  grant(entry: ProviderEntry): Promise<KeyGrant | undefined> {
    return this.resolve(entry, false);
  }

  /** The same, asking the person first when the endpoint is new for this key (for what they started). */
  grantAsking(entry: ProviderEntry): Promise<KeyGrant | undefined> {
    return this.resolve(entry, true);
  }

  /** Origins approved for a provider in this workspace. */
  private approved(id: ProviderId): string[] {
    return Object.entries(this.decisions())
      .filter(([k, v]) => v === 'allowed' && k.startsWith(`${id} `))
      .map(([k]) => k.slice(id.length + 1));
  }

  private decisions(): Record<string, Decision> {
    const raw = this.memento.get<unknown>(APPROVALS_KEY);
    const out: Record<string, Decision> = Object.create(null) as Record<string, Decision>;
    if (typeof raw === 'object' && raw !== null) {
      for (const [k, v] of Object.entries(raw)) if (v === 'allowed' || v === 'denied') out[k] = v;
    }
    return out;
  }

  private async resolve(entry: ProviderEntry, ask: boolean): Promise<KeyGrant | undefined> {
    if (entry.id === 'builtin') return undefined;
    const stored = await this.keys.get(entry.id);
    if (!stored) return undefined;
    const endpoint = endpointOf(entry);
    const origin = endpoint ? originOf(endpoint) : undefined;
    let origins = boundOrigins(entry.id, stored, this.approved(entry.id));
    if (origin && !origins.includes(origin) && ask && this.decisions()[`${entry.id} ${origin}`] === undefined) {
      if ((await this.ask(entry.id, origin, endpoint ?? origin, origins)) === 'allowed') origins = [...origins, origin];
    }
    return { key: stored.key, origins };
  }

  private ask(id: ProviderId, origin: string, endpoint: string, bound: readonly string[]): Promise<Decision> {
    const slot = `${id} ${origin}`;
    let pending = this.asking.get(slot);
    if (!pending) {
      pending = this.askOnce(id, origin, endpoint, bound).finally(() => this.asking.delete(slot));
      this.asking.set(slot, pending);
    }
    return pending;
  }

  private async askOnce(id: ProviderId, origin: string, endpoint: string, bound: readonly string[]): Promise<Decision> {
    const label = providerLabel(id);
    const host = hostOf(origin);
    const inspected = vscode.workspace.getConfiguration('bottleneck').inspect<unknown>('providers');
    const pointing =
      inspected?.workspaceFolderValue !== undefined
        ? vscode.l10n.t("The workspace folder's settings point {0} at {1}.", label, endpoint)
        : inspected?.workspaceValue !== undefined
          ? vscode.l10n.t("This workspace's settings point {0} at {1}.", label, endpoint)
          : vscode.l10n.t('Your settings point {0} at {1}.', label, endpoint);
    const allow = vscode.l10n.t('Allow');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send your {0} API key to {1}?', label, host),
      {
        modal: true,
        detail: `${pointing} ${vscode.l10n.t(
          'Your key was stored for {0}. Allow only if you trust {1}: it will receive your key with every {2} request from this workspace. If you decline, {2} stays not configured here.',
          bound.length ? bound.map(hostOf).join(', ') : vscode.l10n.t('another endpoint'),
          host,
          label,
        )}`,
      },
      allow,
    );
    const decision: Decision = choice === allow ? 'allowed' : 'denied';
    await this.memento.update(APPROVALS_KEY, { ...this.decisions(), [`${id} ${origin}`]: decision });
    this.logger.info(`endpoint ${host} ${decision} for the ${id} key in this workspace`);
    return decision;
  }
}
