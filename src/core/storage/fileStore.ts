import * as fs from 'node:fs';
import * as path from 'node:path';
import { type LockOptions } from 'proper-lockfile';
import { type KeyValueStore, type Transaction } from './keyValueStore';
import { type StateFs, nodeStateFs } from './stateFs';
import { StateFileError, toStateFileError } from './stateFileError';
import { resolveStateTarget } from './resolveStateTarget';
import { readRegularFile } from './readRegularFile';
import { formatBytes } from '../format';
import { replaceRegularFile } from './replaceRegularFile';

/** The largest state file read or written: 16 MiB (the audit trail and ledger stay far below it). */
export const STATE_FILE_MAX_BYTES = 16 * 1024 * 1024;

/** Mode of a state file this store creates (an existing file keeps its own). */
const NEW_FILE_MODE = 0o600;

/**
 * How long to wait for another process's lock. A holder refreshes its lock every
 * `stale / 2` ms; a lock untouched for `stale` ms was left by a crashed process and is
 * taken over. Waiting polls every 5 ms at first, backing off to every 100 ms, about
 * 15 s in all, longer than `stale`, so a crashed holder's lock is always recovered.
 */
export const STATE_LOCK_TIMING = {
  stale: 10_000,
  retries: { retries: 160, factor: 1.25, minTimeout: 5, maxTimeout: 100, randomize: true },
} as const;

export interface FileStoreOptions {
  readonly now?: () => Date;
  /** The file-system calls (tests inject failures). */
  readonly fs?: StateFs;
  /** The size cap for the file (default STATE_FILE_MAX_BYTES). */
  readonly maxBytes?: number;
}

type Data = Readonly<Record<string, unknown>>;

/**
 * A JSON file as a key-value store, for the CLI, shared by every process that uses the
 * same file. Each change takes an exclusive inter-process lock (`<file>.lock`, a
 * directory, through proper-lockfile), re-reads the file, applies the change to what is
 * on disk now (other keys are kept as they are there) and replaces the file through a
 * temporary file and a rename. A file that is not a JSON object is moved aside
 * (`<file>.corrupt-<time>`, under the lock) and reported through `recovered`; the store
 * starts empty. Nothing that is not a regular file is ever read, renamed or replaced; a
 * symbolic link is written through to its target. Every failure of the file system is a
 * StateFileError with one sentence naming the file.
 */
export class FileStore implements KeyValueStore {
  private data: Data = {};
  private recoveredMessage: string | undefined;
  /** The mode of each file read, so that a replaced file keeps it. */
  private readonly fileModes = new Map<string, number>();
  private readonly fs: StateFs;
  private readonly now: () => Date;
  private readonly maxBytes: number;

  private constructor(
    readonly file: string,
    options: FileStoreOptions,
  ) {
    this.fs = options.fs ?? nodeStateFs;
    this.now = options.now ?? (() => new Date());
    this.maxBytes = options.maxBytes ?? STATE_FILE_MAX_BYTES;
  }

  /** Opens the store and reads the file (without locking, unless it must be moved aside). */
  static async open(file: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const store = new FileStore(file, options);
    const target = await store.io('read', () => resolveStateTarget(store.fs, file));
    const read = await store.io('read', () => store.read(target, false));
    // Stryker disable next-line ObjectLiteral: {} has no result either: undefined
    if (read === 'corrupt') await store.transact(() => ({ result: undefined }));
    else store.data = read;
    return store;
  }

  /** What was wrong with the file when it had to be moved aside, if it was. */
  get recovered(): string | undefined {
    return this.recoveredMessage;
  }

  get(key: string): unknown {
    const value = this.data[key];
    // Stryker disable next-line ConditionalExpression: structuredClone(undefined) is undefined too; the test only spares a call
    return value === undefined ? undefined : structuredClone(value);
  }

  keys(): readonly string[] {
    return Object.keys(this.data);
  }

  /** Sets one key in the file as it is now, keeping every other key as it is there. */
  update(key: string, value: unknown): Promise<void> {
    return this.transact(() => ({ writes: { [key]: value }, result: undefined }));
  }

  async transact<T>(change: (read: (key: string) => unknown) => Transaction<T>): Promise<T> {
    await this.io('write', () => this.fs.mkdir(path.dirname(path.resolve(this.file)), { recursive: true }));
    const target = await this.io('write', () => resolveStateTarget(this.fs, this.file));
    // a read-only disk, folder or file fails now, in one sentence, not after the lock's retries (about 15 s)
    const access = this.fs.access ?? fs.promises.access;
    await this.io('write', () => access(path.dirname(target), fs.constants.W_OK));
    await this.io('write', () =>
      access(target, fs.constants.W_OK).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      }),
    );
    let compromised: Error | undefined;
    const options: LockOptions = {
      ...STATE_LOCK_TIMING,
      retries: { ...STATE_LOCK_TIMING.retries },
      realpath: false,
      lockfilePath: `${target}.lock`,
      onCompromised: (err) => {
        compromised = err;
      },
    };
    const release = await this.io('lock', () => this.fs.lock(target, options), options.lockfilePath);
    try {
      const read = await this.io('read', () => this.read(target, true));
      // Stryker disable next-line ConditionalExpression,StringLiteral: read under the lock never answers 'corrupt' (the file is moved aside and {} returned); the test narrows the type
      const current = read === 'corrupt' ? {} : read; // (under the lock a corrupt file has been moved aside: read is {})
      const { writes, result } = change((key) =>
        // Stryker disable next-line ConditionalExpression: structuredClone(undefined) is undefined too; the test only spares a call
        current[key] === undefined ? undefined : structuredClone(current[key]),
      );
      if (writes === undefined || Object.keys(writes).length === 0) {
        this.data = current;
        return result;
      }
      const next = merge(current, writes);
      const text = JSON.stringify(next, null, 2) + '\n';
      if (Buffer.byteLength(text) > this.maxBytes) {
        throw new StateFileError(
          this.file,
          'too-large',
          `Could not write the state file ${this.file}: it would be larger than ${formatBytes(this.maxBytes)}, so nothing was changed; move it aside to start afresh or use another state file.`,
        );
      }
      if (compromised) throw this.compromisedError(compromised);
      await this.io('write', () => replaceRegularFile(this.fs, target, text, this.modeOf(target)));
      this.data = next;
      return result;
    } finally {
      await release().catch(() => undefined);
    }
  }

  private modeOf(target: string): number {
    return this.fileModes.get(target) ?? NEW_FILE_MODE;
  }

  /** The file's data, or 'corrupt' when it is not a JSON object (moved aside when `locked`). */
  private async read(target: string, locked: boolean): Promise<Data | 'corrupt'> {
    const read = await readRegularFile(this.fs, target, this.maxBytes);
    if (read.kind === 'missing') return {};
    this.fileModes.set(target, read.mode);
    let problem: string;
    try {
      const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Data;
      problem = 'not a JSON object';
    } catch (err) {
      problem = (err as Error).message;
    }
    if (!locked) return 'corrupt';
    const aside = `${target}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    await this.io('write', () => this.fs.rename(target, aside));
    this.fileModes.delete(target);
    this.recoveredMessage = `state file ${this.file} was unreadable (${problem}); moved it to ${aside}`;
    return {};
  }

  private compromisedError(cause: Error): StateFileError {
    return new StateFileError(
      this.file,
      'compromised',
      `Could not write the state file ${this.file}: its lock was taken over by another process while this one held it (the process was paused for over ${STATE_LOCK_TIMING.stale / 1000} s), so nothing was changed; run the command again.`,
      { cause },
    );
  }

  /** Runs a file-system step, turning its errno errors into StateFileErrors that name the file. */
  private async io<T>(doing: 'read' | 'write' | 'lock', step: () => Promise<T>, lockPath?: string): Promise<T> {
    try {
      return await step();
    } catch (err) {
      throw toStateFileError(err, this.file, doing, lockPath);
    }
  }
}

/** `data` with `writes` applied (undefined deletes), as own properties only. */
function merge(data: Data, writes: Readonly<Record<string, unknown>>): Data {
  const next = new Map(Object.entries(data));
  for (const [key, value] of Object.entries(writes)) {
    if (value === undefined) next.delete(key);
    else next.set(key, structuredClone(value));
  }
  return Object.fromEntries(next);
}
