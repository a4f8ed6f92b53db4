import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type TestEnv, REPO_ROOT } from './testEnv';
import { VsCodeServer } from './vscodeServer';
import { copyWorkspace, launchBrowser } from './browser';
import { type PhaseResult, RESULTS_ENV } from '../integration/phases';

export interface SuiteCounts {
  passed: number;
  failed: number;
}

/**
 * Runs the integration suite inside the extension host of a real VS Code server:
 * the workbench loads the extension from this repository and calls the tests entry,
 * which runs its phases across real window reloads and writes each phase's results.
 */
export async function runIntegration(env: TestEnv, artifacts: string): Promise<SuiteCounts> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-it-state-'));
  const workspace = copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'));
  const server = await VsCodeServer.start(env, {
    env: { [RESULTS_ENV]: stateDir },
    logFile: path.join(artifacts, 'integration-server.log'),
  });
  const browser = await launchBrowser(env);
  const hostLog = fs.createWriteStream(path.join(artifacts, 'integration-extension-host.log'));
  try {
    const page = await browser.context.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      hostLog.write(`[${type}] ${line}\n`);
      if (line.startsWith('[it] ')) console.log(line.slice(5));
    });
    await page.goto(
      server.url(workspace, {
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      }),
    );
    const code = await Promise.race([
      exitCode,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error('the integration suite did not finish within 10 minutes')), 600_000).unref(),
      ),
    ]);
    await page.screenshot({ path: path.join(artifacts, 'integration-final.png') }).catch(() => undefined);
    const results = fs
      .readdirSync(stateDir)
      .filter((f) => f.startsWith('results-'))
      .sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(stateDir, f), 'utf8')) as PhaseResult);
    const counts = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), {
      passed: 0,
      failed: 0,
    });
    for (const r of results) for (const f of r.failures) console.log(`  ✗ [${r.phase}] ${f.title}\n      ${f.message}`);
    if (code !== 0 && counts.failed === 0) {
      console.log(
        `  ✗ the extension host reported exit code ${code} (see ${path.join(artifacts, 'integration-extension-host.log')})`,
      );
      counts.failed += 1;
    }
    return counts;
  } finally {
    hostLog.end();
    await browser.close();
    await server.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
