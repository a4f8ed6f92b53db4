import * as fs from 'node:fs';
import { type StateFs } from './stateFs';
import { StateFileError } from './stateFileError';
import { requireRegularFile } from './fileKind';
import { formatBytes } from '../format';

export type RegularFileRead =
  { readonly kind: 'missing' } | { readonly kind: 'bytes'; readonly bytes: Buffer; readonly mode: number };

const CHUNK = 64 * 1024;

function tooLarge(file: string, maxBytes: number): StateFileError {
  return new StateFileError(
    file,
    'too-large',
    `The state file ${file} is larger than ${formatBytes(maxBytes)}, so it was not read; move it aside or use another state file.`,
  );
}

/**
 * Reads a regular file, at most `maxBytes`. What is not a regular file is
 * refused before it is opened (a FIFO would block, a device could have side effects),
 * and again on the opened descriptor (opened non-blocking, without following a link,
 * in case it was swapped meanwhile). A file over the cap is refused without being read
 * into memory; at most `maxBytes + 1` bytes are ever read.
 */
export async function readRegularFile(fsx: StateFs, file: string, maxBytes: number): Promise<RegularFileRead> {
  let stats: fs.Stats;
  try {
    stats = await fsx.stat(file);
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  requireRegularFile(stats, file);
  if (stats.size > maxBytes) throw tooLarge(file, maxBytes);
  const handle = await fsx.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  try {
    const opened = await handle.stat();
    requireRegularFile(opened, file);
    if (opened.size > maxBytes) throw tooLarge(file, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(file, maxBytes);
    }
    return { kind: 'bytes', bytes: Buffer.concat(chunks, total), mode: opened.mode & 0o7777 };
  } finally {
    await handle.close();
  }
}
