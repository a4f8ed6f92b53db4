import * as vscode from 'vscode';
import { type ProviderId } from '../core/base/providerIds';
import { type StoredKey, originOf } from '../core/providers/keyGrant';
import { Disposable } from './lifecycle';

const PREFIX = 'bottleneck.apiKey.';

/** A change of stored keys: whose (unknown after a refresh of all), and from when on a reader sees it. */
export interface KeyChange {
  readonly provider?: ProviderId;
  /** A read that starts at or after this moment sees the new key. */
  readonly at: number;
}

/**
 * API keys in SecretStorage, one per provider, each with the origin it was stored for
 * (`{"key": …, "origin": …}`; a plain string from an earlier version counts as stored for
 * the provider's default endpoint). Keys never leave this class except to a provider client.
 */
export class ApiKeys extends Disposable {
  private readonly known = new Map<ProviderId, boolean>();
  /** When this window last wrote each provider's key (its SecretStorage echo fires no second event). */
  private readonly ownWrites = new Map<ProviderId, number>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<KeyChange>());
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
        const at = Date.now();
        void this.refresh(provider, own === undefined || at - own > 5000 ? at : undefined);
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
    // SecretStorage runs one extension's reads and writes in order: a read asked from now on sees the new key
    const at = Date.now();
    this.ownWrites.set(provider, at);
    await this.secrets.store(PREFIX + provider, JSON.stringify({ key, ...(origin ? { origin } : {}) }));
    await this.refresh(provider, at);
  }

  async clear(provider: ProviderId): Promise<void> {
    const at = Date.now();
    this.ownWrites.set(provider, at);
    await this.secrets.delete(PREFIX + provider);
    await this.refresh(provider, at);
  }

  /** Whether a key is stored (as last seen; `refreshAll` first for a fresh answer). */
  has(provider: ProviderId): boolean {
    return this.known.get(provider) ?? false;
  }

  /**
   * Re-reads whether each key is stored. The change event fires only if one was found
   * changed: each event starts a health round, and opening Set API Key's list (which
   * refreshes) must not probe every provider once more.
   */
  async refreshAll(providers: readonly ProviderId[]): Promise<void> {
    const before = providers.map((p) => this.known.get(p));
    const at = Date.now();
    await Promise.all(providers.map((p) => this.refresh(p)));
    if (providers.some((p, i) => this.known.get(p) !== before[i])) this.changeEmitter.fire({ at });
  }

  /**
   * Re-reads whether a key is stored; with `changedAt` (the moment the new key became
   * readable: a probe started from then on used it), says the key changed.
   */
  private async refresh(provider: ProviderId, changedAt?: number): Promise<void> {
    this.known.set(provider, Boolean(await this.secrets.get(PREFIX + provider)));
    if (changedAt !== undefined) this.changeEmitter.fire({ provider, at: changedAt });
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
