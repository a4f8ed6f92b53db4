/**
 * What a transaction decides: the keys to write (a value of `undefined` deletes the key;
 * none means nothing is written) and the result to hand back.
 */
export interface Transaction<T> {
  readonly writes?: Readonly<Record<string, unknown>>;
  readonly result: T;
}

/**
 * Where the core persists its state. The extension backs it with workspaceState,
 * the CLI with a JSON file, tests with memory. `update` resolves only once the
 * value is stored; a rejected `update` means nothing changed.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): Promise<void>;
  keys(): readonly string[];
  /**
   * For a store that other processes write too (the CLI's state file): reads the
   * current values, lets `change` decide from them, and writes its `writes`, all under
   * one exclusive lock, so no other writer's change is lost or undone. `change` must be
   * synchronous and may be called with values newer than `get` returned. A store with
   * one writer need not have it (see `transactOn`).
   */
  transact?<T>(change: (read: (key: string) => unknown) => Transaction<T>): Promise<T>;
}

/**
 * Runs a transaction on any store: atomically across processes on a store that has
 * `transact`; otherwise with `get` and then `update` per written key, which is enough
 * for a store with a single writer whose callers are serialized (ProviderLock's queue).
 */
export async function transactOn<T>(
  store: KeyValueStore,
  change: (read: (key: string) => unknown) => Transaction<T>,
): Promise<T> {
  if (store.transact) return store.transact(change);
  const { writes, result } = change((key) => store.get(key));
  for (const [key, value] of Object.entries(writes ?? {})) await store.update(key, value);
  return result;
}
