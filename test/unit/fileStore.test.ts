import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStore } from '../../src/core/storage/fileStore';
import { ProviderLock } from '../../src/core/lock/providerLock';

describe('FileStore (the CLI state file)', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-store-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('persists values across instances', async () => {
    const file = path.join(dir, 'state.json');
    await new FileStore(file).update('k', { a: 1 });
    assert.deepEqual(new FileStore(file).get('k'), { a: 1 });
  });

  it('carries the provider lock across CLI runs', async () => {
    const file = path.join(dir, 'nested', 'state.json');
    const first = await ProviderLock.open(new FileStore(file));
    await first.lock.claim('groq', 'cli', 'x');
    const second = await ProviderLock.open(new FileStore(file));
    assert.equal(second.lock.snapshot.holder, 'groq');
    assert.equal(second.lock.audit.length, 1);
  });

  it('moves an unreadable file aside and starts empty', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{ not json');
    const store = new FileStore(file);
    assert.match(store.recovered ?? '', /unreadable/);
    assert.deepEqual(store.keys(), []);
    const aside = fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(fs.readFileSync(path.join(dir, aside[0] ?? ''), 'utf8'), '{ not json');
  });
});
