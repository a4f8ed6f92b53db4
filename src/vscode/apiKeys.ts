import * as vscode from 'vscode';
import { type ProviderId } from '../core/providers/providerIds';
import { Disposable } from './lifecycle';

const PREFIX = 'bottleneck.apiKey.';

/** API keys in SecretStorage, one per provider. Keys never leave this class except to a provider client. */
export class ApiKeys extends Disposable {
  private readonly known = new Map<ProviderId, boolean>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this._register(secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) void this.refresh(e.key.slice(PREFIX.length) as ProviderId);
    }));
  }

  get(provider: ProviderId): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(PREFIX + provider));
  }

  async set(provider: ProviderId, key: string): Promise<void> {
    await this.secrets.store(PREFIX + provider, key);
    await this.refresh(provider);
  }

  async clear(provider: ProviderId): Promise<void> {
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

  private async refresh(provider: ProviderId, fire = true): Promise<void> {
    this.known.set(provider, Boolean(await this.secrets.get(PREFIX + provider)));
    if (fire) this.changeEmitter.fire();
  }
}
