import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile } from '../../../../src/core/storage/readRegularFile';
import { StateFileError } from '../../../../src/core/storage/stateFileError';
import { type StateFs, nodeStateFs } from '../../../../src/core/storage/stateFs';

const errno = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });

/** What the opened handle did: bytes read, and whether it was closed. */
interface HandleLog {
  bytesRead: number;
  closed: number;
}

/**
 * Node's fs, except that the opened file says it is `size` bytes (as procfs files say 0,
 * or a file that grows after it was opened) and, when given, is of another kind.
 */
function openedAs(log: HandleLog, size: number, kind?: 'fifo', pathSize?: number): StateFs {
  return {
    ...nodeStateFs,
    stat: (async (file: string) => {
      const real = await nodeStateFs.stat(file);
      return pathSize === undefined
        ? real
        : Object.assign(Object.create(real) as fs.Stats, { size: pathSize, isFile: () => true });
    }) as unknown as StateFs['stat'],
    open: (async (...args: Parameters<StateFs['open']>) => {
      const handle = await nodeStateFs.open(...args);
      return {
        stat: async () => {
          const real = await handle.stat();
          return Object.assign(Object.create(real) as fs.Stats, {
            size,
            isFile: () => kind === undefined,
            isFIFO: () => kind === 'fifo',
          });
        },
        read: async (...a: Parameters<typeof handle.read>) => {
          const r = await handle.read(...a);
          log.bytesRead += r.bytesRead;
          return r;
        },
        close: async () => {
          log.closed++;
          return handle.close();
        },
      };
    }) as unknown as StateFs['open'],
  };
}

describe('readRegularFile (the state file, within its cap)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-read-'));
    file = path.join(dir, 'state.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a missing file is missing; any other failure to look at it is thrown', async () => {
    assert.deepEqual(await readRegularFile(nodeStateFs, file, 100), { kind: 'missing' });
    const denied: StateFs = {
      ...nodeStateFs,
      stat: (async () => {
        throw errno('EACCES');
      }) as unknown as StateFs['stat'],
    };
    await assert.rejects(readRegularFile(denied, file, 100), /EACCES: simulated/);
  });

  it('reads a file of exactly the cap, with its permission bits', async () => {
    fs.writeFileSync(file, '0123456789', { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    const read = await readRegularFile(nodeStateFs, file, 10);
    assert.equal(read.kind, 'bytes');
    assert.equal(read.kind === 'bytes' && read.bytes.toString(), '0123456789');
    assert.equal(read.kind === 'bytes' && read.mode, 0o640);
  });

  it('refuses a file one byte over the cap from its size', async () => {
    fs.writeFileSync(file, '01234567890');
    await assert.rejects(
      readRegularFile(nodeStateFs, file, 10),
      (e: unknown) =>
        e instanceof StateFileError &&
        e.code === 'too-large' &&
        e.message ===
          `The state file ${file} is larger than 10 bytes, so it was not read; move it aside or use another state file.`,
    );
  });

  it('checks the opened file again: another kind or a larger size is refused, unread, and the file closed', async () => {
    fs.writeFileSync(file, '{}');
    const log = { bytesRead: 0, closed: 0 };
    await assert.rejects(
      readRegularFile(openedAs(log, 2, 'fifo'), file, 10),
      /is a FIFO \(named pipe\), not a regular file/,
    );
    await assert.rejects(readRegularFile(openedAs(log, 11), file, 10), /is larger than 10 bytes/);
    assert.deepEqual(log, { bytesRead: 0, closed: 2 });
  });

  it('a file that says nothing of its size (procfs, or one that grows) is read whole up to the cap, and closed', async () => {
    fs.writeFileSync(file, 'x'.repeat(100 * 1024));
    const log = { bytesRead: 0, closed: 0 };
    const read = await readRegularFile(openedAs(log, 0, undefined, 0), file, 100 * 1024);
    assert.equal(read.kind === 'bytes' && read.bytes.length, 100 * 1024, 'read across several chunks');
    assert.deepEqual(log, { bytesRead: 100 * 1024, closed: 1 });
  });

  it('…and stopped one byte past the cap, never reading more', async () => {
    fs.writeFileSync(file, 'x'.repeat(100 * 1024));
    for (const cap of [64, 70_000]) {
      const log = { bytesRead: 0, closed: 0 };
      await assert.rejects(readRegularFile(openedAs(log, 0, undefined, 0), file, cap), /is larger than/);
      assert.deepEqual(log, { bytesRead: cap + 1, closed: 1 }, `a cap of ${cap}`);
    }
  });
});
