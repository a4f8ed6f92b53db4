import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './testEnv';

/** Where `npm run package` writes the package (the README's install section names it). */
export const VSIX = path.join(REPO_ROOT, 'bottleneck-forecast.vsix');

/**
 * Builds the package the way the README tells a user to: `npm run package` in the
 * repository (a production build, then vsce). A package left by an earlier run is
 * removed first, so only a fresh one can be found afterwards. Returns vsce's output;
 * throws with it when the command fails or writes no package.
 */
export function packageExtension(logFile: string): string {
  fs.rmSync(VSIX, { force: true });
  // Under `npm test` npm_execpath is the npm that runs us; run directly, npm from PATH.
  const npm = process.env['npm_execpath'];
  const [cmd, args] =
    npm && /\.c?js$/.test(npm) ? [process.execPath, [npm, 'run', 'package']] : ['npm', ['run', 'package']];
  const result = spawnSync(cmd, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  fs.writeFileSync(logFile, output);
  if (result.status !== 0 || !fs.existsSync(VSIX)) {
    throw new Error(
      `npm run package exited with ${result.status ?? result.signal} and ${fs.existsSync(VSIX) ? 'a' : 'no'} package:\n${output.trim().split('\n').slice(-15).join('\n')}`,
    );
  }
  return output;
}
