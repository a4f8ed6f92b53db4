import type * as fs from 'node:fs';
import { StateFileError } from './stateFileError';

/** What a non-regular file is, in words: "a character device", "a FIFO (named pipe)", … */
export function describeFileKind(stats: fs.Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Refuses anything but a regular file: the state file is never read from, renamed or replaced when it is a device, FIFO, directory or socket. */
export function requireRegularFile(stats: fs.Stats, file: string): void {
  if (stats.isFile()) return;
  throw new StateFileError(
    file,
    'not-regular',
    `The state file ${file} is ${describeFileKind(stats)}, not a regular file, so it was left untouched; point the state file at a regular file.`,
  );
}
