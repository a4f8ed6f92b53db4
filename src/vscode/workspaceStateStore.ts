import type * as vscode from 'vscode';
import { type KeyValueStore } from '../core/storage/keyValueStore';

/** The core's store over a workspace's Memento (workspaceState). */
export class WorkspaceStateStore implements KeyValueStore {
  constructor(private readonly memento: vscode.Memento) {}

  get(key: string): unknown {
    return this.memento.get<unknown>(key);
  }

  async update(key: string, value: unknown): Promise<void> {
    await this.memento.update(key, value);
  }

  keys(): readonly string[] {
    return this.memento.keys();
  }
}
