/** Why the state file could not be used; `code` is an errno code (EROFS, ENOSPC, …) or one of ours. */
export type StateFileProblem = 'not-regular' | 'too-large' | 'dangling-link' | 'busy' | 'compromised' | string;

/**
 * The state file (or the place it lives) cannot be read or written as asked: it is not
 * a regular file, it is too large, its disk is read-only or full, its lock is held.
 * The message is one sentence that names the file and says what to do. It is never a
 * bug of the program, so the CLI reports it as bad input (exit 2), without a stack.
 */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';

  constructor(
    readonly file: string,
    readonly code: StateFileProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What each errno code means for the state file, and what to do about it. */
const ERRNO_ADVICE: Readonly<Record<string, string>> = {
  EROFS: 'its file system is read-only; remount it writable or use a state file elsewhere',
  EACCES: 'permission was denied; fix the permissions of the file and its directory or use a state file elsewhere',
  EPERM:
    'the operation is not permitted; fix the permissions of the file and its directory or use a state file elsewhere',
  ENOSPC: 'the disk is full; free some space or use a state file elsewhere',
  EDQUOT: 'the disk quota is used up; free some space or use a state file elsewhere',
  EFBIG: 'the file system refused a file this large; use a state file elsewhere',
  EIO: 'the disk reported an input/output error; check the disk or use a state file elsewhere',
  ENOTDIR: 'a part of its path is a file, not a directory; fix the path',
  EISDIR: 'it is a directory; point the state file at a regular file',
  ELOOP: 'its path has too many (or looping) symbolic links; fix the path',
  ENAMETOOLONG: 'its path is too long; use a shorter one',
  EMFILE: 'too many files are open; close some programs and try again',
  ENFILE: 'too many files are open; close some programs and try again',
};

/**
 * Turns an error from the file system (or from the lock library, whose lock directory
 * is `lockPath`) into a StateFileError naming the file; returns anything else unchanged
 * (a bug stays a bug).
 */
export function toStateFileError(
  error: unknown,
  file: string,
  doing: 'read' | 'write' | 'lock',
  lockPath = `${file}.lock`,
): unknown {
  if (error instanceof StateFileError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return error;
  if (code === 'ELOCKED') {
    return new StateFileError(
      file,
      'busy',
      `Could not lock the state file ${file}: another process has held its lock (${lockPath}) for too long; if no other bottleneck command is running, remove that directory and try again.`,
      { cause: error },
    );
  }
  const advice = ERRNO_ADVICE[code] ?? `the system said ${code}; check the path or use a state file elsewhere`;
  const unchanged = doing === 'read' ? '' : ' nothing was changed, and';
  return new StateFileError(file, code, `Could not ${doing} the state file ${file}:${unchanged} ${advice} (${code}).`, {
    cause: error,
  });
}

/** The StateFileError that caused `error` (itself, or one in its `cause` chain), if any. */
export function findStateFileError(error: unknown): StateFileError | undefined {
  for (
    let e: unknown = error, depth = 0;
    e !== undefined && e !== null && depth < 10;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (e instanceof StateFileError) return e;
  }
  return undefined;
}
