import * as assert from 'node:assert/strict';
import { runCli } from '../../../support/cli';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { FileStore } from '../../../../src/core/storage/fileStore';
import { StateFileError } from '../../../../src/core/storage/stateFileError';
import { type StateFs, nodeStateFs } from '../../../../src/core/storage/stateFs';
import { LockPersistError, ProviderLock } from '../../../../src/core/lock/providerLock';
import { describeFailure } from '../../../../src/core/pipeline/describeFailure';
import { EXIT } from '../../../../src/core/base/exitCodes';

const run = runCli;

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** An fs whose writes put some bytes in the temporary file and then fail with `code`. */
function failingWrites(code: string): StateFs {
  return {
    ...nodeStateFs,
    writeFile: (async (file: string) => {
      await fs.promises.writeFile(file, '{"half": ');
      throw errno(code);
    }) as StateFs['writeFile'],
  };
}

/**
 * A character device this test may lose: a node of its own (the kind of /dev/null) in `dir`
 * where the process may make one (as root), else /dev/null itself, which a process that may
 * not make a device may not move or replace either. A broken build (or a mutant) that writes
 * through its check then breaks only the test's own node, never the machine's /dev/null.
 * Undefined when neither is safe (root without mknod).
 */
function characterDevice(dir: string): string | undefined {
  const node = path.join(dir, 'device');
  if (spawnSync('mknod', [node, 'c', '1', '3']).status === 0) return node;
  return process.getuid?.() === 0 ? undefined : '/dev/null';
}

const tmpFiles = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('the state file refuses what it must not touch', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-refuse-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a character device as --state: exit 2, one sentence, the device neither renamed nor replaced', async function () {
    const device = characterDevice(dir);
    if (device === undefined) this.skip();
    const before = fs.statSync(device);
    for (const args of [['lock', 'switch', 'groq'], ['lock', 'show'], ['audit']]) {
      const r = await run(...args, '--state', device);
      assert.equal(r.code, EXIT.badInput, r.err);
      assert.equal(
        r.err,
        `bottleneck: The state file ${device} is a character device, not a regular file, so it was left untouched; point the state file at a regular file.`,
      );
      assert.doesNotMatch(r.err, /\n|at .*\.js/, 'one line, no stack');
    }
    const after = fs.statSync(device);
    assert.ok(after.isCharacterDevice());
    assert.equal(after.ino, before.ino);
    assert.equal(after.rdev, before.rdev);
    const name = path.basename(device);
    assert.deepEqual(
      fs.readdirSync(path.dirname(device)).filter((f) => f.startsWith(`${name}.`)),
      [],
      'nothing was moved aside or left beside it',
    );
  });

  it('a FIFO is refused without blocking on it, and stays a FIFO', async () => {
    const fifo = path.join(dir, 'state.json');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(
      FileStore.open(fifo),
      (e: unknown) => e instanceof StateFileError && e.code === 'not-regular' && /FIFO/.test(e.message),
    );
    const r = await run('lock', 'switch', 'groq', '--state', fifo);
    assert.equal(r.code, EXIT.badInput);
    assert.ok(fs.lstatSync(fifo).isFIFO());
    assert.deepEqual(fs.readdirSync(dir), ['state.json']);
  });

  it('a directory and a socket are refused and left as they are', async () => {
    const sub = path.join(dir, 'state.json');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'inside'), 'x');
    await assert.rejects(FileStore.open(sub), /is a directory, not a regular file/);
    assert.equal(fs.readFileSync(path.join(sub, 'inside'), 'utf8'), 'x');
    const socketPath = path.join(dir, 'state.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      await assert.rejects(FileStore.open(socketPath), /is a socket, not a regular file/);
      assert.ok(fs.lstatSync(socketPath).isSocket());
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a file that turned into a FIFO after it was opened is refused at the write, untouched', async () => {
    const file = path.join(dir, 'state.json');
    const store = await FileStore.open(file);
    execFileSync('mkfifo', [file]);
    await assert.rejects(store.update('k', 1), (e: unknown) => e instanceof StateFileError && e.code === 'not-regular');
    assert.ok(fs.lstatSync(file).isFIFO());
    assert.deepEqual(tmpFiles(dir), []);
  });

  it('a symbolic link is written through: the link stays, its target is updated beside it', async () => {
    const targetDir = path.join(dir, 'real');
    fs.mkdirSync(targetDir);
    const target = path.join(targetDir, 'state.json');
    fs.writeFileSync(target, '{"kept": true}');
    const link = path.join(dir, 'state.json');
    fs.symlinkSync(path.join('real', 'state.json'), link);
    const { lock } = await ProviderLock.open(await FileStore.open(link));
    await lock.claim('groq', 'cli', 'x');
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link itself is not replaced');
    assert.equal(fs.readlinkSync(link), path.join('real', 'state.json'));
    const onDisk = JSON.parse(fs.readFileSync(target, 'utf8')) as Record<string, unknown>;
    assert.equal(onDisk['kept'], true);
    assert.equal(
      (await ProviderLock.open(await FileStore.open(target))).lock.snapshot.holder,
      'groq',
      'the same state through the target',
    );
    assert.deepEqual([...tmpFiles(dir), ...tmpFiles(targetDir)], []);
  });

  it('a link to a missing file is refused with a clear sentence', async () => {
    const link = path.join(dir, 'state.json');
    fs.symlinkSync(path.join(dir, 'missing.json'), link);
    const r = await run('lock', 'switch', 'groq', '--state', link);
    assert.equal(r.code, EXIT.badInput);
    assert.match(r.err, /is a symbolic link to a file that does not exist/);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
  });

  for (const [code, words] of [
    ['EROFS', /read-only/],
    ['ENOSPC', /disk is full/],
    ['EDQUOT', /quota/],
    ['EACCES', /permission was denied/],
  ] as const) {
    it(`${code} while writing: one sentence naming the file, nothing changed, no temporary file left`, async () => {
      const file = path.join(dir, 'state.json');
      fs.writeFileSync(file, '{"a": 1}');
      const store = await FileStore.open(file, { fs: failingWrites(code) });
      await assert.rejects(store.update('b', 2), (e: unknown) => {
        assert.ok(e instanceof StateFileError);
        assert.equal(e.code, code);
        assert.ok(e.message.startsWith(`Could not write the state file ${file}: nothing was changed`), e.message);
        assert.match(e.message, words);
        return true;
      });
      assert.equal(fs.readFileSync(file, 'utf8'), '{"a": 1}');
      assert.deepEqual(tmpFiles(dir), []);
      assert.equal(fs.existsSync(`${file}.lock`), false, 'the lock is released');
    });
  }

  it('a failed rename leaves no temporary file and the old file in place', async () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{"a": 1}');
    const store = await FileStore.open(file, {
      fs: {
        ...nodeStateFs,
        rename: (async () => {
          throw errno('EIO');
        }) as StateFs['rename'],
      },
    });
    await assert.rejects(store.update('b', 2), /input\/output error/);
    assert.equal(fs.readFileSync(file, 'utf8'), '{"a": 1}');
    assert.deepEqual(tmpFiles(dir), []);
  });

  it("a read-only disk under the lock: the lock's write fails as LockPersistError, which the CLI reports as one sentence, exit 2", async () => {
    const file = path.join(dir, 'state.json');
    const readOnly: StateFs = {
      ...nodeStateFs,
      lock: async () => {
        throw errno('EROFS');
      },
    };
    const { lock } = await ProviderLock.open(await FileStore.open(file, { fs: readOnly }));
    const error = await lock.claim('groq', 'cli', 'x').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof LockPersistError);
    const failure = describeFailure(error);
    assert.equal(failure.kind, 'input');
    assert.equal(failure.exitCode, EXIT.badInput);
    assert.equal(
      failure.message,
      `Could not lock the state file ${file}: nothing was changed, and its file system is read-only; remount it writable or use a state file elsewhere (EROFS).`,
    );
    assert.equal(lock.snapshot.holder, null, 'the previous state stays in force');
    assert.equal(fs.existsSync(file), false);
  });

  it('a lock held too long says which lock to remove (beside the target of a symbolic link)', async () => {
    const target = path.join(dir, 'real.json');
    fs.writeFileSync(target, '{}');
    const link = path.join(dir, 'state.json');
    fs.symlinkSync(target, link);
    const busy: StateFs = {
      ...nodeStateFs,
      lock: async () => {
        throw errno('ELOCKED');
      },
    };
    const store = await FileStore.open(link, { fs: busy });
    await assert.rejects(
      store.update('k', 1),
      (e: unknown) =>
        e instanceof StateFileError &&
        e.code === 'busy' &&
        e.message ===
          `Could not lock the state file ${link}: another process has held its lock (${target}.lock) for too long; if no other bottleneck command is running, remove that directory and try again.`,
    );
  });

  it('a state file over the size cap is refused without being read, and is not moved aside', async () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, `{"pad": "${'x'.repeat(2048)}"}`);
    let opened = 0;
    const counting: StateFs = {
      ...nodeStateFs,
      open: ((...args: Parameters<StateFs['open']>) => {
        opened++;
        return nodeStateFs.open(...args);
      }) as StateFs['open'],
    };
    await assert.rejects(
      FileStore.open(file, { fs: counting, maxBytes: 1024 }),
      (e: unknown) =>
        e instanceof StateFileError &&
        e.code === 'too-large' &&
        /larger than 1 KiB, so it was not read/.test(e.message),
    );
    assert.equal(opened, 0, 'refused from its size, before opening it');
    assert.ok(fs.existsSync(file));
    assert.deepEqual(fs.readdirSync(dir), ['state.json']);
  });

  it('a write that would go over the size cap is refused and changes nothing', async () => {
    const file = path.join(dir, 'state.json');
    const store = await FileStore.open(file, { maxBytes: 1024 });
    await store.update('small', 1);
    await assert.rejects(store.update('big', 'x'.repeat(2048)), /would be larger than 1 KiB, so nothing was changed/);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { small: 1 });
    assert.deepEqual(tmpFiles(dir), []);
  });

  it('a missing directory is created on the first write, not on a read', async () => {
    const file = path.join(dir, 'a', 'b', 'state.json');
    const r = await run('lock', 'show', '--state', file);
    assert.equal(r.code, EXIT.ok);
    assert.equal(fs.existsSync(path.join(dir, 'a')), false);
    assert.equal((await run('lock', 'switch', 'groq', '--state', file)).code, EXIT.ok);
    assert.ok(fs.statSync(file).isFile());
  });

  it('a read-only disk or file is refused at once, before the lock is waited for', async () => {
    const file = path.join(dir, 'ro', 'state.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{}\n');
    let locked = 0;
    for (const code of ['EROFS', 'EACCES']) {
      const store = await FileStore.open(file, {
        fs: {
          ...nodeStateFs,
          access: (async () => {
            throw errno(code);
          }) as NonNullable<StateFs['access']>,
          lock: async (...args) => {
            locked++;
            return nodeStateFs.lock(...args);
          },
        },
      });
      await assert.rejects(
        store.update('k', 1),
        (e: unknown) => e instanceof StateFileError && e.code === code && /nothing was changed/.test(e.message),
      );
    }
    assert.equal(locked, 0, 'no lock was tried (its retries take about 15 s)');
    assert.equal(fs.readFileSync(file, 'utf8'), '{}\n');
  });
});
