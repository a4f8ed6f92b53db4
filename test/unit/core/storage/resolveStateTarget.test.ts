import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveStateTarget } from '../../../../src/core/storage/resolveStateTarget';
import { StateFileError } from '../../../../src/core/storage/stateFileError';
import { type StateFs, nodeStateFs } from '../../../../src/core/storage/stateFs';

const errno = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });
const failing = (call: 'lstat' | 'realpath', code: string): StateFs => ({
  ...nodeStateFs,
  [call]: async () => {
    throw errno(code);
  },
});

describe('resolveStateTarget (the file really read and replaced)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-target-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a file, existing or not, in a directory reached through a link: the real directory', async () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'via'));
    assert.equal(
      await resolveStateTarget(nodeStateFs, path.join(dir, 'via', 'state.json')),
      path.join(dir, 'real', 'state.json'),
    );
    fs.writeFileSync(path.join(dir, 'real', 'state.json'), '{}');
    assert.equal(
      await resolveStateTarget(nodeStateFs, path.join(dir, 'via', 'state.json')),
      path.join(dir, 'real', 'state.json'),
    );
  });

  it('a file in a directory that does not exist yet: where it will be created', async () => {
    const file = path.join(dir, 'a', 'b', 'state.json');
    assert.equal(await resolveStateTarget(nodeStateFs, file), file);
  });

  it('a symbolic link: its target', async () => {
    fs.writeFileSync(path.join(dir, 'target.json'), '{}');
    fs.symlinkSync('target.json', path.join(dir, 'state.json'));
    assert.equal(await resolveStateTarget(nodeStateFs, path.join(dir, 'state.json')), path.join(dir, 'target.json'));
  });

  it('a link to nothing: refused, in one sentence', async () => {
    const link = path.join(dir, 'state.json');
    fs.symlinkSync(path.join(dir, 'missing.json'), link);
    await assert.rejects(
      resolveStateTarget(nodeStateFs, link),
      (e: unknown) =>
        e instanceof StateFileError &&
        e.code === 'dangling-link' &&
        e.message ===
          `The state file ${link} is a symbolic link to a file that does not exist; create the target or point the state file at a regular file.`,
    );
  });

  it('any other failure to look at the file, its link or its directory is thrown', async () => {
    const file = path.join(dir, 'state.json');
    await assert.rejects(resolveStateTarget(failing('lstat', 'EACCES'), file), /EACCES: simulated/);
    await assert.rejects(resolveStateTarget(failing('realpath', 'EACCES'), file), /EACCES: simulated/, 'the directory');
    fs.symlinkSync(path.join(dir, 'elsewhere.json'), file);
    await assert.rejects(resolveStateTarget(failing('realpath', 'ELOOP'), file), /ELOOP: simulated/, 'the link');
  });
});
