import * as fs from 'node:fs';
import { lock, type LockOptions } from 'proper-lockfile';

/**
 * The file-system calls the state file needs, injectable so that tests can make a
 * disk read-only or full deterministically. The defaults are Node's and
 * proper-lockfile's.
 */
export interface StateFs {
  readonly lstat: typeof fs.promises.lstat;
  readonly stat: typeof fs.promises.stat;
  readonly realpath: typeof fs.promises.realpath;
  readonly open: typeof fs.promises.open;
  readonly mkdir: typeof fs.promises.mkdir;
  readonly writeFile: typeof fs.promises.writeFile;
  readonly rename: typeof fs.promises.rename;
  readonly unlink: typeof fs.promises.unlink;
  /** Whether the process may write a path (optional for test doubles; Node's by default). */
  readonly access?: typeof fs.promises.access;
  /** Takes an exclusive inter-process lock; resolves with its release. */
  readonly lock: (file: string, options: LockOptions) => Promise<() => Promise<void>>;
}

export const nodeStateFs: StateFs = {
  lstat: fs.promises.lstat,
  stat: fs.promises.stat,
  realpath: fs.promises.realpath,
  open: fs.promises.open,
  mkdir: fs.promises.mkdir,
  writeFile: fs.promises.writeFile,
  rename: fs.promises.rename,
  unlink: fs.promises.unlink,
  access: fs.promises.access,
  lock,
};
