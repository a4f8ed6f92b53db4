import { type KeyValueStore } from '../../src/core/storage/keyValueStore';

/** In-memory store for tests; values are deep-copied so callers cannot alias them. */
export class MemoryStore implements KeyValueStore {
  private readonly data = new Map<string, unknown>();
  /** When set, the next `update` calls reject with this error (counts down). */
  private failures: { remaining: number; error: Error } | undefined;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.data.set(key, structuredClone(value));
  }

  get(key: string): unknown {
    const value = this.data.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  async update(key: string, value: unknown): Promise<void> {
    await Promise.resolve();
    if (this.failures && this.failures.remaining > 0) {
      this.failures.remaining -= 1;
      throw this.failures.error;
    }
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, structuredClone(value));
  }

  keys(): readonly string[] {
    return [...this.data.keys()];
  }

  /** Makes the next `count` writes fail, to test that a failed persist changes nothing. */
  failNextWrites(count: number, error = new Error('simulated storage failure')): void {
    this.failures = { remaining: count, error };
  }
}
