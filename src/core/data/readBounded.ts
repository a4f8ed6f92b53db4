import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { DataError } from '../base/dataError';
import { formatBytes } from '../format';

const CHUNK_BYTES = 64 * 1024;
/** Opening a FIFO for reading waits for a writer unless it is non-blocking; regular files ignore the flag. */
const O_NONBLOCK = (fs.constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/**
 * A metric file as a stream of at most `maxBytes` bytes. The file is opened (following
 * symbolic links), checked to be a regular file (not a directory, device, pipe or socket)
 * and no larger than the cap, and only then read, in chunks; a file that grows past the
 * cap while it is read stops the stream with a DataError. `kind` names the format in messages.
 */
export async function openBounded(file: string, maxBytes: number, kind: string): Promise<Readable> {
  const handle = await openRegularFile(file, maxBytes, kind);
  return Readable.from(readChunks(handle, file, maxBytes, kind), { objectMode: false });
}

/** The whole of a metric file as UTF-8 text, with the checks and the cap of openBounded. */
export async function readBounded(file: string, maxBytes: number, kind: string): Promise<string> {
  const handle = await openRegularFile(file, maxBytes, kind);
  const chunks: Buffer[] = [];
  for await (const chunk of readChunks(handle, file, maxBytes, kind)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Text already in memory (an editor's buffer) held to the same cap as the file would be. */
export function checkTextSize(file: string, text: string, maxBytes: number, kind: string): void {
  // A character is at least one byte of UTF-8: only a long text needs counting.
  if (text.length > maxBytes / 3 && Buffer.byteLength(text, 'utf8') > maxBytes) throw tooLarge(file, maxBytes, kind);
}

async function openRegularFile(file: string, maxBytes: number, kind: string): Promise<fs.promises.FileHandle> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (err) {
    throw openError(file, err);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new DataError(file, (l10n) => l10n.t('is a directory, not a metrics file'));
    if (!stat.isFile())
      throw new DataError(file, (l10n) =>
        l10n.t('is not a regular file (a device, pipe or socket); metrics are read from regular files only'),
      );
    if (stat.size > maxBytes) throw tooLarge(file, maxBytes, kind, stat.size);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

async function* readChunks(
  handle: fs.promises.FileHandle,
  file: string,
  maxBytes: number,
  kind: string,
): AsyncGenerator<Buffer> {
  try {
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      if (
        total === 0 &&
        bytesRead >= 2 &&
        ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))
      ) {
        throw new DataError(file, (l10n) => l10n.t('is UTF-16 text; save it as UTF-8'), 1, 1);
      }
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(file, maxBytes, kind);
      yield bytesRead === CHUNK_BYTES ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

function tooLarge(file: string, maxBytes: number, kind: string, size?: number): DataError {
  const cap = formatBytes(maxBytes);
  // a capacity plan is not a metrics file, and holds no history to trim
  if (kind === 'plan')
    return new DataError(file, (l10n) =>
      size === undefined
        ? l10n.t('is larger than the {0} a capacity plan may have', cap)
        : l10n.t('is {0}, more than the {1} a capacity plan may have', formatBytes(size), cap),
    );
  return new DataError(file, (l10n) =>
    size === undefined
      ? l10n.t(
          'is larger than the {0} a {1} metrics file may have; split it, or keep only the recent history',
          cap,
          kind,
        )
      : l10n.t(
          'is {0}, more than the {1} a {2} metrics file may have; split it, or keep only the recent history',
          formatBytes(size),
          cap,
          kind,
        ),
  );
}

function openError(file: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return err;
  switch (code) {
    case 'ENOENT':
      return new DataError(file, (l10n) => l10n.t('no such file'));
    case 'ENOTDIR':
      return new DataError(file, (l10n) => l10n.t('no such file (a part of the path is not a directory)'));
    case 'EISDIR':
      return new DataError(file, (l10n) => l10n.t('is a directory, not a metrics file'));
    case 'EACCES':
    case 'EPERM':
      return new DataError(file, (l10n) => l10n.t('cannot be read: permission denied'));
    case 'ELOOP':
      return new DataError(file, (l10n) => l10n.t('is a loop of symbolic links'));
    default:
      return new DataError(file, (l10n) => l10n.t('cannot be opened ({0})', code));
  }
}
