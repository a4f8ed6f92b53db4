import * as vscode from 'vscode';
import { type ProviderId } from '../core/base/providerIds';
import { type StoredKey, originOf } from '../core/providers/keyGrant';
import { Disposable } from './lifecycle';

const PREFIX = 'bottleneck.apiKey.';

/**
 * API keys in SecretStorage, one per provider, each with the origin it was stored for
 * (`{"key": …, "origin": …}`; a plain string from an earlier version counts as stored for
 * the provider's default endpoint). Keys never leave this class except to a provider client.
 */
export class ApiKeys extends Disposable {
  private readonly known = new Map<ProviderId, boolean>();
  /** When this window last wrote each provider's key (its SecretStorage echo fires no second event). */
  private readonly ownWrites = new Map<ProviderId, number>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this._register(
      secrets.onDidChange((e) => {
        if (!e.key.startsWith(PREFIX)) return;
        const provider = e.key.slice(PREFIX.length) as ProviderId;
        // the echo of this window's own set or clear: that change already fired its one event
        const own = this.ownWrites.get(provider);
        this.ownWrites.delete(provider);
        void this.refresh(provider, own === undefined || Date.now() - own > 5000);
      }),
    );
  }

  async get(provider: ProviderId): Promise<StoredKey | undefined> {
    return parseStoredKey(await this.secrets.get(PREFIX + provider));
  }

  /**
   * Stores a key bound to `origin` (the endpoint the person confirmed). The change event
   * fires once, as soon as the key is stored, so that what it starts (one health probe)
   * runs while the caller still waits.
   */
  async set(provider: ProviderId, key: string, origin: string | undefined): Promise<void> {
    this.ownWrites.set(provider, Date.now());
    await this.secrets.store(PREFIX + provider, JSON.stringify({ key, ...(origin ? { origin } : {}) }));
    await this.refresh(provider);
  }

  async clear(provider: ProviderId): Promise<void> {
    this.ownWrites.set(provider, Date.now());
    await this.secrets.delete(PREFIX + provider);
    await this.refresh(provider);
  }

  /** Whether a key is stored (as last seen; `refreshAll` first for a fresh answer). */
  has(provider: ProviderId): boolean {
    return this.known.get(provider) ?? false;
  }

  async refreshAll(providers: readonly ProviderId[]): Promise<void> {
    await Promise.all(providers.map((p) => this.refresh(p, false)));
    this.changeEmitter.fire();
  }

  /** Re-reads whether a key is stored; SecretStorage's own change event is the one that fires ours. */
  private async refresh(provider: ProviderId, fire = true): Promise<void> {
    this.known.set(provider, Boolean(await this.secrets.get(PREFIX + provider)));
    if (fire) this.changeEmitter.fire();
  }
}

/** A stored secret: the JSON form, or a plain key from before keys were bound. */
export function parseStoredKey(raw: string | undefined): StoredKey | undefined {
  if (!raw) return undefined;
  if (raw.startsWith('{')) {
    try {
      const value = JSON.parse(raw) as { key?: unknown; origin?: unknown };
      if (typeof value.key === 'string' && value.key) {
        return { key: value.key, origin: typeof value.origin === 'string' ? originOf(value.origin) : undefined };
      }
    } catch {
      // not our JSON: a key that happens to start with '{'
    }
  }
  return { key: raw, origin: undefined };
}
