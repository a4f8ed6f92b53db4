import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TaskError, WorkerCrashError, WorkerPool } from '../../../../src/core/fleet/workerPool';

/** A worker that echoes, throws, dies, or dies once per value, as its task says. */
const SCRIPT = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, task }) => {
  if (task.die) process.exit(3);
  if (task.dieOnceFile) {
    if (!fs.existsSync(task.dieOnceFile)) { fs.writeFileSync(task.dieOnceFile, 'x'); throw new Error('uncaught'); }
  }
  if (task.throw) { parentPort.postMessage({ id, ok: false, error: 'bad input', name: 'DataError', fields: { file: 'f.csv' } }); return; }
  if (task.stray) parentPort.postMessage({ id: id + 1000, ok: true, result: 'not yours' });
  if (task.hoardMb) { globalThis.hoard = []; for (let i = 0; i < task.hoardMb; i++) globalThis.hoard.push(new Array(131072).fill(i)); }
  if (task.progress) parentPort.postMessage({ id, progress: task.progress });
  if (task.wait) { setTimeout(() => parentPort.postMessage({ id, ok: true, result: task.value }), task.wait); return; }
  parentPort.postMessage({ id, ok: true, result: task.value });
});
`;

describe('WorkerPool', function () {
  this.timeout(30_000);
  let dir: string;
  let script: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-'));
    script = path.join(dir, 'worker.js');
    fs.writeFileSync(script, SCRIPT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs tasks on at most `size` workers and returns each result to its caller', async () => {
    const pool = new WorkerPool({ script, size: 2 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => pool.run<number>({ value: i })));
    assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(pool.started, 2);
    pool.close();
  });

  it('passes progress messages to the task that sent them', async () => {
    const pool = new WorkerPool({ script, size: 1 });
    const seen: unknown[] = [];
    assert.equal(await pool.run<string>({ progress: 'half', value: 'done' }, (p) => seen.push(p)), 'done');
    assert.deepEqual(seen, ['half']);
    pool.close();
  });

  it('an error a task reports fails that task only, with its name and fields', async () => {
    const pool = new WorkerPool({ script, size: 1 });
    await assert.rejects(pool.run({ throw: true }), (e: unknown) => {
      assert.ok(e instanceof TaskError);
      assert.equal(e.kind, 'DataError');
      assert.equal(e.fields['file'], 'f.csv');
      return true;
    });
    assert.equal(await pool.run({ value: 1 }), 1);
    assert.equal(pool.started, 1, 'a reported error does not replace the worker');
    pool.close();
  });

  it('a worker that dies is replaced and its task retried once', async () => {
    const pool = new WorkerPool({ script, size: 1 });
    const marker = path.join(dir, 'once');
    assert.equal(await pool.run({ dieOnceFile: marker, value: 'second try' }), 'second try');
    assert.equal(pool.started, 2);
    assert.equal(await pool.run({ value: 'still serving' }), 'still serving');
    pool.close();
  });

  it('a task that kills its worker twice fails with WorkerCrashError; the others go on', async () => {
    const pool = new WorkerPool({ script, size: 2 });
    const doomed = pool.run({ die: true });
    const fine = Array.from({ length: 4 }, (_, i) => pool.run<number>({ value: i }));
    await assert.rejects(doomed, WorkerCrashError);
    assert.deepEqual(await Promise.all(fine), [0, 1, 2, 3]);
    pool.close();
  });

  it('cancel fails every task in flight and waiting with an AbortError, at once, and refuses new ones', async () => {
    const pool = new WorkerPool({ script, size: 1 });
    const running = pool.run({ wait: 60_000, value: 'never' });
    const waiting = pool.run({ value: 'never either' });
    await new Promise((r) => setTimeout(r, 50));
    pool.cancel();
    for (const p of [running, waiting]) await assert.rejects(p, (e: Error) => e.name === 'AbortError');
    await assert.rejects(pool.run({ value: 1 }), (e: Error) => e.name === 'AbortError');
    assert.equal(pool.waiting, 0);
  });

  it('needs at least one worker', () => {
    assert.throws(() => new WorkerPool({ script, size: 0 }), {
      name: 'RangeError',
      message: 'a pool needs at least one worker',
    });
  });

  it('a progress message with no one listening is dropped; a reply to another task is ignored', async () => {
    const pool = new WorkerPool({ script, size: 1 });
    assert.equal(await pool.run<string>({ progress: 'half', value: 'done' }), 'done');
    assert.equal(await pool.run<string>({ stray: true, value: 'mine' }), 'mine');
    pool.close();
  });

  it('a task is tried twice at most, and its error says how the worker ended', async () => {
    const pool = new WorkerPool({ script, size: 1 });
    await assert.rejects(pool.run({ die: true }), {
      name: 'WorkerCrashError',
      message: 'a worker died twice on this task (the worker exited with code 3)',
    });
    assert.equal(pool.started, 2);
    pool.close();
  });

  it('a task that outgrows the heap it was given stops its worker, not this process', async () => {
    const pool = new WorkerPool({ script, size: 1, maxHeapMb: 16 });
    // 64 arrays of 131,072 numbers: some 64 MB kept alive, four times the limit
    await assert.rejects(pool.run({ hoardMb: 64 }), WorkerCrashError);
    pool.close();
  });

  it('errors say what they are: TaskError, and a cancel or close without a reason', async () => {
    assert.equal(new TaskError('m', 'DataError').name, 'TaskError');
    const cancelled = new WorkerPool({ script, size: 1 });
    cancelled.cancel();
    await assert.rejects(cancelled.run({ value: 1 }), {
      name: 'AbortError',
      message: 'the fleet forecast was cancelled',
    });
    const closed = new WorkerPool({ script, size: 1 });
    closed.close();
    closed.cancel(new Error('too late'));
    await assert.rejects(closed.run({ value: 1 }), { name: 'AbortError', message: 'the pool is closed' });
  });
});
