// `npm test`: builds the extension and the tests, then runs the unit suite, the
// integration suite inside a real VS Code, the e2e suite that drives its UI, and the
// smoke suite that packages the .vsix, installs it and uses the installed copy.
// Whatever the real VS Code needs is installed and cached outside the repository
// by scripts/setup-test-env.sh. The last line is `N passed, N failed`.
// Options: --only unit|integration|e2e|smoke (smoke packages the .vsix and installs it).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const step = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

console.log(`Node ${process.version}; building…`);
step(process.execPath, ['esbuild.js']);
step(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--outDir', 'out']);
const { main } = require(join(root, 'out', 'test', 'harness', 'runAll.js'));
process.exitCode = await main(process.argv.slice(2));
