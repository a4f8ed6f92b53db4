import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BuildOptions } from 'esbuild';
import { compileCacheDir } from '../../../src/cli/launch';
import { REPO_ROOT, SAMPLE } from '../../support/paths';

describe('The bottleneck command: compile cache', () => {
  describe('compileCacheDir', () => {
    it("is a folder of the user's own cache: XDG_CACHE_HOME when absolute, else ~/.cache", () => {
      assert.equal(
        compileCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }, 'linux', '/home/me'),
        path.join('/var/cache/me', 'bottleneck-forecast', 'node-compile-cache'),
      );
      assert.equal(
        compileCacheDir({ XDG_CACHE_HOME: 'relative/cache' }, 'linux', '/home/me'),
        path.join('/home/me', '.cache', 'bottleneck-forecast', 'node-compile-cache'),
        'a relative XDG_CACHE_HOME is ignored, as the specification says',
      );
      assert.equal(
        compileCacheDir({}, 'linux', '/home/me'),
        path.join('/home/me', '.cache', 'bottleneck-forecast', 'node-compile-cache'),
      );
      assert.equal(
        compileCacheDir({}, 'darwin', '/Users/me'),
        path.join('/Users/me', 'Library', 'Caches', 'bottleneck-forecast', 'node-compile-cache'),
      );
      assert.equal(
        compileCacheDir({ LOCALAPPDATA: '/c/Users/me/AppData/Local' }, 'win32', '/c/Users/me'),
        path.join('/c/Users/me/AppData/Local', 'bottleneck-forecast', 'node-compile-cache'),
      );
    });

    it('is none without a home or a cache folder: never the shared temporary folder', () => {
      assert.equal(compileCacheDir({}, 'linux', ''), undefined);
      assert.equal(compileCacheDir({ XDG_CACHE_HOME: 'x' }, 'linux', ''), undefined);
      assert.equal(compileCacheDir({}, 'darwin', ''), undefined);
      assert.equal(compileCacheDir({}, 'win32', '/c/Users/me'), undefined);
    });
  });

  describe('the built command', function () {
    this.timeout(120_000);
    let dir: string;

    before(async function () {
      if (typeof nodeModule.enableCompileCache !== 'function') this.skip(); // Node before 22.1
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bf-launch-'));
      // a CommonJS module's exports are its default export
      const built = (await import(path.join(REPO_ROOT, 'esbuild.js'))) as { default: { cliTargets: BuildOptions[] } };
      const { cliTargets } = built.default;
      const esbuild = await import('esbuild');
      assert.equal(cliTargets.length, 4);
      for (const target of cliTargets) {
        await esbuild.build({
          ...target,
          absWorkingDir: REPO_ROOT,
          outfile: path.join(dir, 'bin', path.basename(target.outfile as string)),
          sourcemap: false,
          logLevel: 'silent',
        });
      }
    });

    after(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Runs the built `bottleneck help` with this environment (none of the caller's cache variables). */
    const help = (env: Record<string, string>): Promise<{ code: number; out: string; err: string }> =>
      bottleneck(env, 'help');
    /** Runs the built `bottleneck` with these arguments and this environment (none of the caller's cache variables). */
    const bottleneck = (
      env: Record<string, string>,
      ...args: string[]
    ): Promise<{ code: number; out: string; err: string }> =>
      new Promise((resolve) => {
        const drop = new Set([
          'NODE_COMPILE_CACHE',
          'NODE_DISABLE_COMPILE_CACHE',
          'XDG_CACHE_HOME',
          'NODE_DEBUG_NATIVE',
        ]);
        const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !drop.has(k)));
        execFile(
          process.execPath,
          [path.join(dir, 'bin', 'cli.js'), ...args],
          { encoding: 'utf8', env: { ...base, ...env }, cwd: dir, timeout: 60_000 },
          (err, out, errText) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out, err: errText }),
        );
      });
    const filesUnder = (folder: string): string[] =>
      fs.existsSync(folder) ? (fs.readdirSync(folder, { recursive: true }) as string[]) : [];

    it("caches the CLI's compiled code in the user's cache folder, and the next run uses it", async () => {
      const home = path.join(dir, 'home');
      const tmp = path.join(dir, 'tmp');
      fs.mkdirSync(home);
      fs.mkdirSync(tmp);
      const env = { HOME: home, TMPDIR: tmp };
      const first = await help(env);
      assert.equal(first.code, 0, first.err);
      assert.match(first.out, /^bottleneck: forecast metrics/);
      const cache = path.join(home, '.cache', 'bottleneck-forecast', 'node-compile-cache');
      assert.ok(filesUnder(cache).length > 0, 'the first run wrote the cache');
      assert.deepEqual(filesUnder(tmp), [], 'nothing in the temporary folder');
      const second = await help({ ...env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' });
      assert.equal(second.code, 0, second.err);
      assert.equal(second.out, first.out, 'the same output');
      assert.match(second.err, /code cache for CommonJS \S*cliMain\.js was accepted/, 'the second run used it');
    });

    it("the fleet ranking's worker threads use the same cache", async () => {
      const home = path.join(dir, 'home3');
      fs.mkdirSync(home);
      const state = path.join(dir, 'state3.json');
      const env = { HOME: home, TMPDIR: path.join(dir, 'tmp') };
      const first = await bottleneck(env, 'forecast', SAMPLE, '--top', '2', '--state', state);
      assert.equal(first.code, 0, first.err);
      const second = await bottleneck(
        { ...env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
        'forecast',
        SAMPLE,
        '--top',
        '2',
        '--state',
        state,
      );
      assert.equal(second.code, 0, second.err);
      assert.match(second.err, /code cache for CommonJS \S*fleetWorker\.js was accepted/, 'a worker used it');
    });

    it('follows NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE, and writes nothing without a cache folder', async () => {
      const home = path.join(dir, 'home2');
      const chosen = path.join(dir, 'chosen');
      const tmp = path.join(dir, 'tmp2');
      fs.mkdirSync(home);
      fs.mkdirSync(tmp);
      const ownCache = path.join(home, '.cache', 'bottleneck-forecast');

      const elsewhere = await help({ HOME: home, TMPDIR: tmp, NODE_COMPILE_CACHE: chosen });
      assert.equal(elsewhere.code, 0, elsewhere.err);
      assert.ok(filesUnder(chosen).length > 0, 'NODE_COMPILE_CACHE chooses the folder');
      assert.equal(fs.existsSync(ownCache), false);

      const off = await help({ HOME: home, TMPDIR: tmp, NODE_DISABLE_COMPILE_CACHE: '1' });
      assert.equal(off.code, 0, off.err);
      assert.equal(fs.existsSync(ownCache), false, 'turned off');

      // a home that is no absolute path (Node falls back to the password file for an empty one)
      const homeless = await help({ HOME: 'nowhere', TMPDIR: tmp });
      assert.equal(homeless.code, 0, homeless.err);
      assert.match(homeless.out, /^bottleneck: forecast metrics/);
      assert.equal(fs.existsSync(path.join(dir, 'nowhere')), false, 'nothing written where it points');
      assert.deepEqual(filesUnder(tmp), [], 'no home: no cache, and none in the temporary folder');
    });
  });
});
