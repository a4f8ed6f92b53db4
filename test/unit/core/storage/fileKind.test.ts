import * as assert from 'node:assert/strict';
import type * as fs from 'node:fs';
import { describeFileKind, requireRegularFile } from '../../../../src/core/storage/fileKind';
import { StateFileError } from '../../../../src/core/storage/stateFileError';

type Kind = 'isFile' | 'isDirectory' | 'isCharacterDevice' | 'isBlockDevice' | 'isFIFO' | 'isSocket' | 'isSymbolicLink';
const KINDS: readonly Kind[] = [
  'isFile',
  'isDirectory',
  'isCharacterDevice',
  'isBlockDevice',
  'isFIFO',
  'isSocket',
  'isSymbolicLink',
];

/** Stats that say yes to `kind` only (none: a kind Node does not name). */
function statsOf(kind?: Kind): fs.Stats {
  return Object.fromEntries(KINDS.map((k) => [k, () => k === kind])) as unknown as fs.Stats;
}

describe('the kind of a file, in words', () => {
  it('names each kind Node tells apart', () => {
    assert.deepEqual(
      KINDS.map((k) => describeFileKind(statsOf(k))),
      [
        'a regular file',
        'a directory',
        'a character device',
        'a block device',
        'a FIFO (named pipe)',
        'a socket',
        'a symbolic link',
      ],
    );
    assert.equal(describeFileKind(statsOf()), 'not a regular file');
  });

  it('lets a regular file through and refuses every other kind, naming it and the file', () => {
    assert.doesNotThrow(() => requireRegularFile(statsOf('isFile'), 'state.json'));
    for (const kind of KINDS.filter((k) => k !== 'isFile')) {
      assert.throws(
        () => requireRegularFile(statsOf(kind), 'state.json'),
        (e: unknown) =>
          e instanceof StateFileError &&
          e.code === 'not-regular' &&
          e.file === 'state.json' &&
          e.message ===
            `The state file state.json is ${describeFileKind(statsOf(kind))}, not a regular file, so it was left untouched; point the state file at a regular file.`,
        kind,
      );
    }
  });
});
