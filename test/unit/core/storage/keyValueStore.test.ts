import * as assert from 'node:assert/strict';
import { type KeyValueStore, type Transaction, transactOn } from '../../../../src/core/storage/keyValueStore';
import { MemoryStore } from '../../../support/memoryStore';

describe('transactOn', () => {
  it('hands the change to a store that has transactions, and nothing else', async () => {
    const calls: string[] = [];
    const store: KeyValueStore = {
      get: () => {
        calls.push('get');
        return 'from get';
      },
      update: async () => {
        calls.push('update');
      },
      keys: () => [],
      transact: async <T>(change: (read: (key: string) => unknown) => Transaction<T>): Promise<T> => {
        calls.push('transact');
        return change((key) => `locked ${key}`).result;
      },
    };
    const result = await transactOn(store, (read) => ({ writes: { a: 1 }, result: read('k') }));
    assert.equal(result, 'locked k');
    assert.deepEqual(calls, ['transact']);
  });

  it('on a store without them: reads with get, writes each key with update (undefined deletes), returns the result', async () => {
    const store = new MemoryStore({ n: 41, gone: true });
    const result = await transactOn(store, (read) => ({
      writes: { n: (read('n') as number) + 1, gone: undefined, fresh: 'x' },
      result: read('n'),
    }));
    assert.equal(result, 41);
    assert.equal(store.get('n'), 42);
    assert.equal(store.get('fresh'), 'x');
    assert.deepEqual([...store.keys()].sort(), ['fresh', 'n']);
  });

  it('writes nothing when the change has no writes', async () => {
    const store = new MemoryStore({ n: 1 });
    store.failNextWrites(1);
    assert.equal(await transactOn(store, () => ({ result: 'kept' })), 'kept', 'no write was tried (it would fail)');
  });
});
