import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { replaceRegularFile } from '../../../../src/core/storage/replaceRegularFile';
import { StateFileError } from '../../../../src/core/storage/stateFileError';
import { type StateFs, nodeStateFs } from '../../../../src/core/storage/stateFs';

const errno = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });

describe('replaceRegularFile (a whole new file, or the old one)', () => {
  let dir: string;
  let file: string;
  const leftovers = (): string[] => fs.readdirSync(dir).filter((f) => f !== 'state.json');
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-replace-'));
    file = path.join(dir, 'state.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the file, or replaces it, with the mode given to a new file', async () => {
    await replaceRegularFile(nodeStateFs, file, '{"a": 1}\n', 0o600);
    assert.equal(fs.readFileSync(file, 'utf8'), '{"a": 1}\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const before = fs.statSync(file).ino;
    await replaceRegularFile(nodeStateFs, file, '{"a": "é"}\n', 0o640);
    assert.equal(fs.readFileSync(file, 'utf8'), '{"a": "é"}\n');
    assert.notEqual(fs.statSync(file).ino, before, 'a new file renamed onto the old one, not the old one rewritten');
    assert.deepEqual(leftovers(), []);
  });

  it('writes a temporary file beside it: created exclusively, in UTF-8, flushed to disk, then renamed', async () => {
    const seen: { file: string; options: unknown }[] = [];
    const renames: [string, string][] = [];
    const recording: StateFs = {
      ...nodeStateFs,
      writeFile: (async (f: string, text: string, options: unknown) => {
        seen.push({ file: f, options });
        return nodeStateFs.writeFile(f, text, options as fs.WriteFileOptions);
      }) as unknown as StateFs['writeFile'],
      rename: (async (from: string, to: string) => {
        renames.push([from, to]);
        return nodeStateFs.rename(from, to);
      }) as StateFs['rename'],
    };
    await replaceRegularFile(recording, file, 'text', 0o600);
    assert.equal(seen.length, 1);
    assert.match(
      seen[0]?.file ?? '',
      new RegExp(`^${file.replace(/[.]/g, '\\.')}\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`),
    );
    assert.deepEqual(seen[0]?.options, { encoding: 'utf8', flag: 'wx', mode: 0o600, flush: true });
    assert.deepEqual(renames, [[seen[0]?.file, file]]);
  });

  it('refuses to rename onto what is not a regular file, and removes its temporary file', async () => {
    execFileSync('mkfifo', [file]);
    await assert.rejects(
      replaceRegularFile(nodeStateFs, file, '{}', 0o600),
      (e: unknown) => e instanceof StateFileError && e.code === 'not-regular',
    );
    assert.ok(fs.lstatSync(file).isFIFO(), 'the FIFO is still there');
    assert.deepEqual(leftovers(), []);
  });

  it('a failure to look at the old file (other than its absence) stops the rename, and the temporary file goes', async () => {
    fs.writeFileSync(file, 'old');
    const denied: StateFs = {
      ...nodeStateFs,
      lstat: (async () => {
        throw errno('EACCES');
      }) as unknown as StateFs['lstat'],
    };
    await assert.rejects(replaceRegularFile(denied, file, 'new', 0o600), /EACCES: simulated/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(leftovers(), []);
  });

  it('a failed write removes what it left of the temporary file', async () => {
    const failing: StateFs = {
      ...nodeStateFs,
      writeFile: (async (f: string) => {
        await fs.promises.writeFile(f, 'half');
        throw errno('ENOSPC');
      }) as unknown as StateFs['writeFile'],
    };
    await assert.rejects(replaceRegularFile(failing, file, 'new', 0o600), /ENOSPC: simulated/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('makes the rename durable: the directory is opened, synced and closed', async () => {
    const realOpen = fs.promises.open;
    const synced: string[] = [];
    fs.promises.open = (async (p: fs.PathLike, flags?: string | number, mode?: fs.Mode) => {
      const handle = await realOpen(p, flags, mode);
      if (typeof flags === 'number' && (flags & fs.constants.O_DIRECTORY) !== 0) {
        const sync = handle.sync.bind(handle);
        const close = handle.close.bind(handle);
        handle.sync = async () => {
          synced.push(`sync ${String(p)}`);
          return sync();
        };
        handle.close = async () => {
          synced.push(`close ${String(p)}`);
          return close();
        };
      }
      return handle;
    }) as typeof fs.promises.open;
    try {
      await replaceRegularFile(nodeStateFs, file, '{}', 0o600);
    } finally {
      fs.promises.open = realOpen;
    }
    assert.deepEqual(synced, [`sync ${dir}`, `close ${dir}`]);
  });

  it('a directory that cannot be synced still has the new file', async () => {
    const realOpen = fs.promises.open;
    fs.promises.open = (async () => {
      throw errno('EINVAL');
    }) as typeof fs.promises.open;
    try {
      await replaceRegularFile(nodeStateFs, file, '{}', 0o600);
    } finally {
      fs.promises.open = realOpen;
    }
    assert.equal(fs.readFileSync(file, 'utf8'), '{}');
  });
});
