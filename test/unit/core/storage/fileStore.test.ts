import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStore } from '../../../../src/core/storage/fileStore';
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
