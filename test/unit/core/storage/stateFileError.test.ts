import * as assert from 'node:assert/strict';
import { StateFileError, findStateFileError, toStateFileError } from '../../../../src/core/storage/stateFileError';

const errno = (code: unknown): Error => Object.assign(new Error(`${String(code)}: simulated`), { code });

function converted(error: unknown, doing: 'read' | 'write' | 'lock', lockPath?: string): StateFileError {
  const e = toStateFileError(error, 'state.json', doing, lockPath);
  assert.ok(e instanceof StateFileError, String(e));
  assert.equal(e.file, 'state.json');
  assert.equal(e.name, 'StateFileError');
  return e;
}

describe('state file errors in one sentence', () => {
  it('says what reading, writing or locking could not do; only a change says nothing was changed', () => {
    const cause = errno('ENOSPC');
    const read = converted(cause, 'read');
    assert.equal(
      read.message,
      'Could not read the state file state.json: the disk is full; free some space or use a state file elsewhere (ENOSPC).',
    );
    assert.equal(read.code, 'ENOSPC');
    assert.equal(read.cause, cause);
    assert.equal(
      converted(cause, 'write').message,
      'Could not write the state file state.json: nothing was changed, and the disk is full; free some space or use a state file elsewhere (ENOSPC).',
    );
    assert.equal(
      converted(cause, 'lock').message,
      'Could not lock the state file state.json: nothing was changed, and the disk is full; free some space or use a state file elsewhere (ENOSPC).',
    );
  });

  it('has advice for each errno it knows, and a general one for the others', () => {
    const advice = (code: string) => converted(errno(code), 'read').message;
    assert.match(advice('EROFS'), /its file system is read-only; remount it writable/);
    assert.match(advice('EPERM'), /the operation is not permitted/);
    assert.match(advice('EFBIG'), /refused a file this large/);
    assert.match(advice('EIO'), /input\/output error/);
    assert.match(advice('ENOTDIR'), /a part of its path is a file, not a directory/);
    assert.match(advice('EISDIR'), /it is a directory/);
    assert.match(advice('ELOOP'), /too many \(or looping\) symbolic links/);
    assert.match(advice('ENAMETOOLONG'), /its path is too long/);
    assert.match(advice('EMFILE'), /too many files are open/);
    assert.match(advice('ENFILE'), /too many files are open/);
    assert.equal(
      advice('EXDEV2'),
      'Could not read the state file state.json: the system said EXDEV2; check the path or use a state file elsewhere (EXDEV2).',
    );
  });

  it('a lock held too long names the lock directory to remove, by default beside the file', () => {
    const cause = errno('ELOCKED');
    const busy = converted(cause, 'lock');
    assert.equal(busy.code, 'busy');
    assert.equal(busy.cause, cause);
    assert.equal(
      busy.message,
      'Could not lock the state file state.json: another process has held its lock (state.json.lock) for too long; if no other bottleneck command is running, remove that directory and try again.',
    );
    assert.match(
      converted(cause, 'lock', '/real/target.json.lock').message,
      /held its lock \(\/real\/target\.json\.lock\)/,
    );
  });

  it('leaves what is not a file-system error as it is: a bug stays a bug', () => {
    for (const error of [
      new TypeError('x is not a function'),
      errno('ERR_INVALID_ARG_TYPE'),
      errno('E'),
      errno('enoent'),
      errno('XENOENT'),
      errno('ENOENT '),
      errno(2),
      null,
      undefined,
      'text',
    ])
      assert.equal(
        toStateFileError(error, 'state.json', 'write'),
        error,
        String((error as { code?: unknown })?.code ?? error),
      );
  });

  it('passes a StateFileError through unchanged', () => {
    const own = new StateFileError('other.json', 'too-large', 'too large');
    assert.equal(toStateFileError(own, 'state.json', 'write'), own);
  });

  it('finds a StateFileError in a chain of causes, up to ten deep', () => {
    const own = new StateFileError('state.json', 'busy', 'busy');
    assert.equal(findStateFileError(own), own);
    let wrapped: unknown = own;
    for (let i = 0; i < 9; i++) wrapped = new Error(`wrapper ${i}`, { cause: wrapped });
    assert.equal(findStateFileError(wrapped), own, 'ten deep');
    assert.equal(findStateFileError(new Error('one more', { cause: wrapped })), undefined, 'eleven deep');
    assert.equal(findStateFileError(new Error('plain')), undefined);
    assert.equal(findStateFileError(undefined), undefined);
    assert.equal(findStateFileError(null), undefined);
  });
});
