import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { RESULTS_ENV } from '../integration/phases';

/**
 * `npm run test:electron`: the same integration suite in desktop VS Code, which
 * @vscode/test-electron downloads (needs internet access to update.code.visualstudio.com).
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-workspace-'));
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-it-state-'));
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: { [RESULTS_ENV]: state },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
