import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LockOptions } from 'proper-lockfile';
import { FileStore, STATE_LOCK_TIMING } from '../../../../src/core/storage/fileStore';
import { StateFileError } from '../../../../src/core/storage/stateFileError';
import { type StateFs, nodeStateFs } from '../../../../src/core/storage/stateFs';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { LEDGER_KEY } from '../../../../src/core/ledger/forecastLedger';
import { LOCK_STATE_KEY } from '../../../../src/core/lock/providerLock';

describe('FileStore (the CLI state file)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-store-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('persists values across instances', async () => {
    const file = path.join(dir, 'state.json');
    await (await FileStore.open(file)).update('k', { a: 1 });
    assert.deepEqual((await FileStore.open(file)).get('k'), { a: 1 });
  });

  it('carries the provider lock across CLI runs', async () => {
    const file = path.join(dir, 'nested', 'state.json');
    const first = await ProviderLock.open(await FileStore.open(file));
    await first.lock.claim('groq', 'cli', 'x');
    const second = await ProviderLock.open(await FileStore.open(file));
    assert.equal(second.lock.snapshot.holder, 'groq');
    assert.equal(second.lock.audit.length, 1);
  });

  it('moves an unreadable file aside and starts empty', async () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{ not json');
    const store = await FileStore.open(file);
    assert.match(store.recovered ?? '', /unreadable/);
    assert.deepEqual(store.keys(), []);
    const aside = fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(fs.readFileSync(path.join(dir, aside[0] ?? ''), 'utf8'), '{ not json');
  });

  it('treats invalid UTF-8 as a corrupt file (moved aside), not as text with replacement characters', async () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    const store = await FileStore.open(file);
    assert.match(store.recovered ?? '', /utf-8/i);
    assert.equal(fs.existsSync(file), false);
  });

  it("applies each change to the file as it is now: another writer's keys are kept, per key", async () => {
    const file = path.join(dir, 'state.json');
    const a = await FileStore.open(file);
    const b = await FileStore.open(file);
    await b.update(LEDGER_KEY, { version: 1, entries: ['from b'] });
    await a.update(LOCK_STATE_KEY, { from: 'a' });
    await b.update('other', 2);
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(onDisk, {
      [LEDGER_KEY]: { version: 1, entries: ['from b'] },
      [LOCK_STATE_KEY]: { from: 'a' },
      other: 2,
    });
    assert.deepEqual(a.get(LEDGER_KEY), { version: 1, entries: ['from b'] }, 'a sees what it read under the lock');
    await a.update('other', undefined);
    assert.deepEqual(
      Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')) as object).sort(),
      [LEDGER_KEY, LOCK_STATE_KEY].sort(),
    );
  });

  it('a transaction decides from the values on disk now and writes only what it returns', async () => {
    const file = path.join(dir, 'state.json');
    const a = await FileStore.open(file);
    const b = await FileStore.open(file);
    await b.update('n', 41);
    const seen = await a.transact((read) => ({ writes: { n: (read('n') as number) + 1 }, result: read('n') }));
    assert.equal(seen, 41);
    assert.equal((await FileStore.open(file)).get('n'), 42);
    const before = fs.statSync(file).mtimeMs;
    await a.transact(() => ({ result: undefined }));
    assert.equal(fs.statSync(file).mtimeMs, before, 'a transaction without writes does not rewrite the file');
  });

  it('keeps keys like __proto__ as plain data', async () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{"__proto__": {"polluted": true}, "a": 1}');
    const store = await FileStore.open(file);
    await store.update('b', 2);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /"__proto__"/);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('recovers a lock left by a crashed process (not refreshed for longer than the stale time)', async () => {
    const file = path.join(dir, 'state.json');
    const lockDir = `${file}.lock`;
    fs.mkdirSync(lockDir);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockDir, old, old);
    // a lock not seen as stale would be waited on for all the retries (about 15 s), then refused
    await (await FileStore.open(file)).update('k', 1);
    assert.equal((await FileStore.open(file)).get('k'), 1);
    assert.equal(fs.existsSync(lockDir), false, 'the lock is released after the write');
  });

  it('creates a new state file readable by its owner only, and keeps the mode of an existing one', async () => {
    const file = path.join(dir, 'state.json');
    await (await FileStore.open(file)).update('k', 1);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    fs.chmodSync(file, 0o640);
    await (await FileStore.open(file)).update('k', 2);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  });
});

const errno = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });

describe('FileStore: each change, step by step', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-store-'));
    file = path.join(dir, 'state.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Node's fs with the lock, renames and writes written down in `events`, as they happen. */
  function recording(events: string[], extra: Partial<StateFs> = {}): StateFs {
    return {
      ...nodeStateFs,
      lock: async (f, options) => {
        events.push(`lock ${path.basename(f)}`);
        const release = await nodeStateFs.lock(f, options);
        return async () => {
          events.push('release');
          await release();
        };
      },
      rename: (async (from: string, to: string) => {
        events.push(`rename ${path.basename(from).replace(/\.\d+\.[0-9a-f]+\.tmp$/, '.tmp')} → ${path.basename(to)}`);
        return nodeStateFs.rename(from, to);
      }) as StateFs['rename'],
      ...extra,
    };
  }

  it('writes the data as indented JSON ending with a line end', async () => {
    await (await FileStore.open(file)).update('k', { a: [1] });
    assert.equal(fs.readFileSync(file, 'utf8'), '{\n  "k": {\n    "a": [\n      1\n    ]\n  }\n}\n');
  });

  it('takes the lock with the documented timing, beside the file', async () => {
    let seen: LockOptions | undefined;
    const store = await FileStore.open(file, {
      fs: {
        ...nodeStateFs,
        lock: async (f, options) => {
          seen = options;
          return nodeStateFs.lock(f, options);
        },
      },
    });
    await store.update('k', 1);
    assert.equal(seen?.stale, STATE_LOCK_TIMING.stale);
    assert.deepEqual(seen?.retries, STATE_LOCK_TIMING.retries);
    assert.equal(seen?.realpath, false);
    assert.equal(seen?.lockfilePath, `${fs.realpathSync(dir)}/state.json.lock`);
  });

  it('moves an unreadable file aside under the lock, naming the time it did', async () => {
    fs.writeFileSync(file, '[1, 2]');
    const events: string[] = [];
    const store = await FileStore.open(file, {
      fs: recording(events),
      now: () => new Date('2026-01-02T03:04:05.006Z'),
    });
    const aside = `${fs.realpathSync(dir)}/state.json.corrupt-2026-01-02T03-04-05-006Z`;
    assert.deepEqual(events, [
      'lock state.json',
      'rename state.json → state.json.corrupt-2026-01-02T03-04-05-006Z',
      'release',
    ]);
    assert.equal(store.recovered, `state file ${file} was unreadable (not a JSON object); moved it to ${aside}`);
    assert.equal(fs.readFileSync(aside, 'utf8'), '[1, 2]');
    assert.equal(fs.existsSync(file), false, 'nothing written in its place until something changes');
  });

  it('takes only a JSON object: an array, null, a number or a string is moved aside', async () => {
    for (const text of ['[]', 'null', '42', '"text"']) {
      fs.writeFileSync(file, text);
      const store = await FileStore.open(file);
      assert.match(store.recovered ?? '', /\(not a JSON object\)/, text);
      assert.deepEqual(store.keys(), []);
      for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
    }
    fs.writeFileSync(file, '{}');
    assert.equal((await FileStore.open(file)).recovered, undefined);
  });

  it("a file written after a corrupt one was moved aside is new: the owner's mode, not the old file's", async () => {
    fs.writeFileSync(file, 'garbage');
    fs.chmodSync(file, 0o644);
    const store = await FileStore.open(file);
    await store.update('k', 1);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('a change that writes no key rewrites nothing', async () => {
    const events: string[] = [];
    const store = await FileStore.open(file, { fs: recording(events) });
    await store.update('k', 1);
    events.length = 0;
    assert.equal(await store.transact(() => ({ writes: {}, result: 'same' })), 'same');
    assert.deepEqual(events, ['lock state.json', 'release']);
  });

  it('a key set to undefined is gone from the store, not kept as undefined', async () => {
    const store = await FileStore.open(file);
    await store.update('a', 1);
    await store.update('b', 2);
    await store.update('a', undefined);
    assert.deepEqual(store.keys(), ['b']);
    assert.equal(store.get('a'), undefined);
  });

  it('hands out copies: changing what get returned changes nothing stored', async () => {
    const store = await FileStore.open(file);
    await store.update('k', { list: [1] });
    (store.get('k') as { list: number[] }).list.push(2);
    assert.deepEqual(store.get('k'), { list: [1] });
    await store.transact((read) => {
      (read('k') as { list: number[] }).list.push(3);
      return { result: undefined };
    });
    assert.deepEqual(store.get('k'), { list: [1] });
  });

  it('writes up to the size cap exactly, and refuses one byte more with its code', async () => {
    const text = (n: number) => `{\n  "k": "${'x'.repeat(n)}"\n}\n`;
    const store = await FileStore.open(file, { maxBytes: Buffer.byteLength(text(100)) });
    await store.update('k', 'x'.repeat(100));
    assert.equal(fs.readFileSync(file, 'utf8'), text(100));
    await assert.rejects(
      store.update('k', 'x'.repeat(101)),
      (e: unknown) =>
        e instanceof StateFileError &&
        e.code === 'too-large' &&
        e.message ===
          `Could not write the state file ${file}: it would be larger than 114 bytes, so nothing was changed; move it aside to start afresh or use another state file.`,
    );
  });

  it('a lock taken over while held: nothing written, one sentence, run it again', async () => {
    const cause = new Error('lock compromised');
    const store = await FileStore.open(file, {
      fs: {
        ...nodeStateFs,
        lock: async (f, options) => {
          const release = await nodeStateFs.lock(f, { ...options, onCompromised: () => undefined });
          options.onCompromised?.(cause);
          return release;
        },
      },
    });
    await assert.rejects(
      store.update('k', 1),
      (e: unknown) =>
        e instanceof StateFileError &&
        e.code === 'compromised' &&
        e.cause === cause &&
        e.message ===
          `Could not write the state file ${file}: its lock was taken over by another process while this one held it (the process was paused for over 10 s), so nothing was changed; run the command again.`,
    );
    assert.equal(fs.existsSync(file), false);
    assert.equal(fs.existsSync(`${file}.lock`), false, 'released all the same');
  });

  it('a failure to read under the lock says it could not read', async () => {
    let locked = false;
    const store = await FileStore.open(file, {
      fs: {
        ...nodeStateFs,
        stat: (async (...args: Parameters<StateFs['stat']>) => {
          if (locked) throw errno('EIO');
          return nodeStateFs.stat(...args);
        }) as StateFs['stat'],
        lock: async (f, options) => {
          const release = await nodeStateFs.lock(f, options);
          locked = true;
          return release;
        },
      },
    });
    await assert.rejects(
      store.update('k', 1),
      (e: unknown) =>
        e instanceof StateFileError &&
        e.message ===
          `Could not read the state file ${file}: the disk reported an input/output error; check the disk or use a state file elsewhere (EIO).`,
    );
  });

  it('checks that the folder and the file may be written, each on its own; a file not there yet is fine', async () => {
    fs.writeFileSync(file, '{}');
    const target = fs.realpathSync(file);
    for (const deniedPath of [path.dirname(target), target]) {
      const store = await FileStore.open(file, {
        fs: {
          ...nodeStateFs,
          access: (async (p: string) => {
            if (p === deniedPath) throw errno('EACCES');
          }) as NonNullable<StateFs['access']>,
        },
      });
      await assert.rejects(
        store.update('k', 1),
        (e: unknown) =>
          e instanceof StateFileError &&
          e.message ===
            `Could not write the state file ${file}: nothing was changed, and permission was denied; fix the permissions of the file and its directory or use a state file elsewhere (EACCES).`,
        deniedPath,
      );
    }
    fs.rmSync(file);
    const fresh = await FileStore.open(file, {
      fs: {
        ...nodeStateFs,
        access: (async (p: string) => {
          if (p === target) throw errno('ENOENT');
        }) as NonNullable<StateFs['access']>,
      },
    });
    await fresh.update('k', 1);
    assert.equal(fresh.get('k'), 1);
  });
});

describe('FileStore: a failure at any step of a change is a write that changed nothing', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-store-'));
    file = path.join(dir, 'state.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const writeFailure = (code: string, advice: string) => (e: unknown) =>
    e instanceof StateFileError &&
    e.code === code &&
    e.message === `Could not write the state file ${file}: nothing was changed, and ${advice} (${code}).`;

  it('making its folder', async () => {
    const store = await FileStore.open(file, {
      fs: {
        ...nodeStateFs,
        mkdir: (async () => {
          throw errno('EROFS');
        }) as unknown as StateFs['mkdir'],
      },
    });
    await assert.rejects(
      store.update('k', 1),
      writeFailure('EROFS', 'its file system is read-only; remount it writable or use a state file elsewhere'),
    );
  });

  it('finding the file again', async () => {
    let opened = false;
    const store = await FileStore.open(file, {
      fs: {
        ...nodeStateFs,
        lstat: (async (...args: Parameters<StateFs['lstat']>) => {
          if (opened) throw errno('ELOOP');
          return nodeStateFs.lstat(...args);
        }) as StateFs['lstat'],
      },
    });
    opened = true;
    await assert.rejects(
      store.update('k', 1),
      writeFailure('ELOOP', 'its path has too many (or looping) symbolic links; fix the path'),
    );
  });

  it('moving a corrupt file aside', async () => {
    fs.writeFileSync(file, 'garbage');
    await assert.rejects(
      FileStore.open(file, {
        fs: {
          ...nodeStateFs,
          rename: (async () => {
            throw errno('EPERM');
          }) as StateFs['rename'],
        },
      }),
      writeFailure(
        'EPERM',
        'the operation is not permitted; fix the permissions of the file and its directory or use a state file elsewhere',
      ),
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'garbage');
  });
});

describe('FileStore: a failure to open is a read', () => {
  it('looking at the file or reading it: could not read, and no word of a change', async () => {
    const file = path.join(os.tmpdir(), 'bottleneck-never-written', 'state.json');
    for (const call of ['lstat', 'stat'] as const) {
      await assert.rejects(
        FileStore.open(file, {
          fs: {
            ...nodeStateFs,
            [call]: async () => {
              throw errno('EIO');
            },
          },
        }),
        (e: unknown) =>
          e instanceof StateFileError &&
          e.message ===
            `Could not read the state file ${file}: the disk reported an input/output error; check the disk or use a state file elsewhere (EIO).`,
        call,
      );
    }
  });
});
