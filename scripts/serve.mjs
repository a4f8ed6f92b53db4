// `npm run serve`: builds the package (`npm run package`), installs it into the real VS
// Code server (1.139) as a user would, opens the samples folder and prints the URL to
// open in a browser. No development payload and no test-driver flag: notifications, the
// walkthrough and first-run behaviour are what an installed extension shows. Ctrl+C stops it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', 'out'], { cwd: root, stdio: 'inherit' });
const { ensureTestEnv } = require(join(root, 'out', 'test', 'harness', 'testEnv.js'));
const { VsCodeServer, installExtension } = require(join(root, 'out', 'test', 'harness', 'vscodeServer.js'));
const { VSIX, packageExtension } = require(join(root, 'out', 'test', 'harness', 'vsix.js'));
mkdirSync(join(root, 'test-results'), { recursive: true });
const env = ensureTestEnv();
console.log('Packaging (npm run package)…');
packageExtension(join(root, 'test-results', 'serve-package.log'));
const extensionsDir = mkdtempSync(join(tmpdir(), 'bottleneck-serve-ext-'));
installExtension(env, VSIX, extensionsDir);
const server = await VsCodeServer.start(env, {
  logFile: join(root, 'test-results', 'serve.log'),
  extensionsDir,
  asUser: true,
});
console.log(
  `\nBottleneck Forecast (installed from ${VSIX.slice(root.length + 1)}) is running in VS Code at:\n\n  ${server.url(join(root, 'samples'))}\n\n(Server log: test-results/serve.log. Ctrl+C to stop.)`,
);
const stop = () =>
  server.stop().then(() => {
    rmSync(extensionsDir, { recursive: true, force: true });
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
