import * as path from 'node:path';
import { type StateFs } from './stateFs';
import { StateFileError } from './stateFileError';

const isMissing = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 'ENOENT';

/**
 * The file that is really read and replaced for `file`: a symbolic link is followed to
 * its target (so the link itself is never replaced, and the temporary file and the lock
 * sit beside the target), and the directory is resolved so that every path naming the
 * same file gets the same lock. A missing file resolves to where it will be created.
 */
export async function resolveStateTarget(fsx: StateFs, file: string): Promise<string> {
  const absolute = path.resolve(file);
  let isLink = false;
  try {
    isLink = (await fsx.lstat(absolute)).isSymbolicLink();
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
  if (isLink) {
    try {
      return await fsx.realpath(absolute);
    } catch (err) {
      if (!isMissing(err)) throw err;
      throw new StateFileError(
        file,
        'dangling-link',
        `The state file ${file} is a symbolic link to a file that does not exist; create the target or point the state file at a regular file.`,
      );
    }
  }
  try {
    return path.join(await fsx.realpath(path.dirname(absolute)), path.basename(absolute));
  } catch (err) {
    if (isMissing(err)) return absolute;
    throw err;
  }
}
