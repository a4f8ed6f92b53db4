import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as cliMain from './main';

/**
 * Where the `bottleneck` command keeps Node's compile cache (V8's code for the CLI's
 * bundle, so that a run does not compile it again): a folder of the user's own cache, not
 * the shared temporary folder Node would choose, where another account could leave code
 * for this one to run. `NODE_COMPILE_CACHE` chooses another folder (Node reads it itself);
 * `NODE_DISABLE_COMPILE_CACHE=1` turns the cache off. Undefined when there is no such
 * folder (no home directory).
 */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const own = (dir: string | undefined): string | undefined =>
    dir !== undefined && path.isAbsolute(dir) ? path.join(dir, 'bottleneck-forecast', 'node-compile-cache') : undefined;
  if (platform === 'win32') return own(env['LOCALAPPDATA']);
  if (platform === 'darwin') return own(home === '' ? undefined : path.join(home, 'Library', 'Caches'));
  return own(env['XDG_CACHE_HOME']) ?? own(home === '' ? undefined : path.join(home, '.cache'));
}

/** The user's home directory, or '' when the account has none Node can find. */
function homeDir(): string {
  try {
    return os.homedir();
  } catch {
    return '';
  }
}

/**
 * The `bottleneck` command (dist/cli.js): turns the compile cache on (for the worker threads
 * too), then loads the CLI (dist/cliMain.js) and runs it. A cache that cannot be used is no error: Node then
 * compiles as it would without one.
 */
function launch(): void {
  // with NODE_COMPILE_CACHE set, Node has turned the cache on already, in that folder
  const dir = process.env['NODE_COMPILE_CACHE'] ? undefined : compileCacheDir(process.env, process.platform, homeDir());
  if (dir !== undefined) {
    // the method is new in Node 22.1; a Node without it runs the CLI uncached
    try {
      const cache = nodeModule.enableCompileCache?.(dir);
      // worker threads (the fleet ranking's) turn the cache on from the environment they inherit
      if (cache !== undefined && cache.status === nodeModule.constants.compileCacheStatus.ENABLED)
        process.env['NODE_COMPILE_CACHE'] = dir;
    } catch {
      // a quiet optimization: never a reason not to run
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the cache is on, so that its compilation is cached
  (require('./main') as typeof cliMain).runFromShell();
}

if (require.main === module) launch();
