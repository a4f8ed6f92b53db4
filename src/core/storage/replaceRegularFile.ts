import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { type StateFs } from './stateFs';
import { requireRegularFile } from './fileKind';

/**
 * Replaces `file` (a regular file, or none yet) with `text` atomically: the text goes to
 * a new temporary file beside it (`<file>.<pid>.<random>.tmp`, created exclusively,
 * flushed to disk), which is then renamed onto it, so a crash never leaves half a file.
 * Whatever fails, the temporary file is removed. The caller holds the file's lock and
 * has checked that `file` is a regular file (checked again here, just before the rename).
 */
export async function replaceRegularFile(fsx: StateFs, file: string, text: string, mode: number): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fsx.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx', mode, flush: true });
    try {
      requireRegularFile(await fsx.lstat(file), file);
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code !== 'ENOENT') throw err;
    }
    await fsx.rename(tmp, file);
  } catch (err) {
    await fsx.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(path.dirname(file));
}

/** Makes the rename itself durable; best effort (not every file system allows it). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.promises.open(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // a directory that cannot be synced still has the renamed file
  }
}
