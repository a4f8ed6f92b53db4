// `npm run serve`: starts the real VS Code server (1.139) with this extension loaded on
// the samples folder and prints the URL to open in a browser. Ctrl+C stops it.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--outDir', 'out'], { cwd: root, stdio: 'inherit' });
const { ensureTestEnv } = require(join(root, 'out', 'test', 'harness', 'testEnv.js'));
const { VsCodeServer } = require(join(root, 'out', 'test', 'harness', 'vscodeServer.js'));
require('node:fs').mkdirSync(join(root, 'test-results'), { recursive: true });
const server = await VsCodeServer.start(ensureTestEnv(), { logFile: join(root, 'test-results', 'serve.log') });
console.log(`\nBottleneck Forecast is loaded in VS Code at:\n\n  ${server.url(join(root, 'samples'), { extensionDevelopmentPath: root })}\n\n(Server log: test-results/serve.log. Ctrl+C to stop.)`);
const stop = () => server.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
