import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { FileStore } from '../../../../src/core/storage/fileStore';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { PROVIDER_KIND_IDS, type ProviderId, providerLabel } from '../../../../src/core/base/providerIds';
import { compiled } from '../../../support/paths';

/** The compiled CLI entry (this test runs from `<outDir>/test/unit/`). */
const CLI_MAIN = compiled('cli', 'main.js');

/**
 * One process: `bottleneck lock switch <id> --state <file>` 50 times, alternating two
 * ids, each run a fresh state-file store and lock as a separate CLI run would make; it
 * prints one JSON line per run with the id, the exit code and what the CLI printed.
 */
const WORKER = `
const { main } = require(process.argv[1]);
const [file, a, b, count] = process.argv.slice(2);
(async () => {
  for (let i = 0; i < Number(count); i++) {
    const id = i % 2 ? b : a;
    const out = [];
    const err = [];
    const code = await main(['lock', 'switch', id, '--state', file], (s) => out.push(s), (s) => err.push(s));
    process.stdout.write(JSON.stringify({ id, code, out: out.join('\\n'), err: err.join('\\n') }) + '\\n');
  }
})();
`;

interface Run {
  readonly id: ProviderId;
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function worker(file: string, a: ProviderId, b: ProviderId, count: number): Promise<Run[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', WORKER, CLI_MAIN, file, a, b, String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}: ${stderr}`));
      else
        resolve(
          stdout
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Run),
        );
    });
  });
}

describe('the state file shared by processes', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-procs-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('4 processes × 50 lock switches: every acknowledged switch is audited, generations consecutive, holders chained', async () => {
    assert.ok(fs.existsSync(CLI_MAIN), `the compiled CLI is at ${CLI_MAIN}`);
    const file = path.join(dir, 'state.json');
    const processes = 4;
    const perProcess = 50;
    const pairs = Array.from(
      { length: processes },
      (_, p) =>
        [
          PROVIDER_KIND_IDS[(2 * p) % PROVIDER_KIND_IDS.length],
          PROVIDER_KIND_IDS[(2 * p + 1) % PROVIDER_KIND_IDS.length],
        ] as [ProviderId, ProviderId],
    );
    const runs = (await Promise.all(pairs.map(([a, b]) => worker(file, a, b, perProcess)))).flat();

    assert.equal(runs.length, processes * perProcess);
    for (const r of runs) {
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '', 'no warnings');
      assert.ok(
        r.out === `${providerLabel(r.id)} now holds the lock.` ||
          r.out === `${providerLabel(r.id)} already holds the lock.`,
        r.out,
      );
    }
    const acknowledged = runs.filter((r) => r.out.endsWith('now holds the lock.'));
    assert.ok(
      acknowledged.length > (processes * perProcess) / 2,
      `most switches changed something (${acknowledged.length})`,
    );

    const { lock } = await ProviderLock.open(await FileStore.open(file));
    const audit = lock.audit;
    assert.equal(lock.droppedAuditEntries, 0);
    assert.equal(
      audit.length,
      acknowledged.length,
      'one audit entry per acknowledged switch, none lost, none invented',
    );
    const count = (ids: readonly (ProviderId | null)[]): Map<ProviderId | null, number> =>
      ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<ProviderId | null, number>());
    assert.deepEqual(
      count(audit.map((e) => e.to)),
      count(acknowledged.map((r) => r.id)),
      'each acknowledged target is in the trail as often as it was acknowledged',
    );
    let holder: ProviderId | null = null;
    audit.forEach((entry, index) => {
      assert.equal(entry.generation, index + 1, `entry ${index}: generations rise by one, no gap, no duplicate`);
      assert.equal(entry.from, holder, `entry ${index} starts from the holder before it`);
      holder = entry.to;
    });
    assert.equal(lock.snapshot.holder, holder);
    assert.equal(lock.snapshot.generation, audit.length);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['state.json'], 'no temporary file, no lock left behind');
  });
});
