import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from '../src/core/forecast/methods/method';
import { REPO_ROOT, ensureTestEnv } from '../test/harness/testEnv';
import { VsCodeServer, installExtension } from '../test/harness/vscodeServer';
import { type Page } from 'playwright-core';
import { VSIX, packageExtension } from '../test/harness/vsix';
import { copyWorkspace, launchBrowser } from '../test/harness/browser';

/**
 * `npm run bench:activation [-- --windows N]`: the extension's activation in the real VS Code
 * (the 1.139 server the tests use, in Debian's Chromium), as a user installs it: `npm run
 * package`, then the `.vsix` installed with the server's `--install-extension`. N windows
 * (default 9) are opened one after the other on a copy of the fixture workspace; each
 * starts its own extension host, which loads and activates the extension afresh
 * (`onStartupFinished`). For each window:
 * - `activate()`: its own duration, as the extension logs it ("activated in X ms");
 * - VS Code's own figure, as Developer: Show Running Extensions shows it ("Activation: X ms"):
 *   loading the bundle (reading, compiling and running its top level) and `activate()`.
 * Also prints the sizes of the `.vsix` and of the bundles it ships.
 */
const at = process.argv.indexOf('--windows');
const windows = at > 0 ? Number(process.argv[at + 1]) : 9;
if (!Number.isInteger(windows) || windows < 1 || windows > 100) {
  console.error('--windows takes a whole number from 1 to 100.');
  process.exit(2);
}
const EXTENSION_ID = 'bottleneck-forecast.bottleneck-forecast';
const ARTIFACTS = path.join(REPO_ROOT, 'test-results');

/** The extension host folders (`exthost<N>`) under the server's logs, by number. */
function hostDirs(logsDir: string): string[] {
  if (!fs.existsSync(logsDir)) return [];
  return fs
    .readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /(^|\/)exthost\d+$/.test(p))
    .sort((a, b) => Number(/\d+$/.exec(a)?.[0]) - Number(/\d+$/.exec(b)?.[0]))
    .map((p) => path.join(logsDir, p));
}

/** `activate()`'s duration as the extension logged it in this extension host's folder, once it has. */
function activateMsIn(dir: string): number | undefined {
  const own = path.join(dir, EXTENSION_ID);
  const channel = fs.existsSync(own) ? fs.readdirSync(own).find((f) => f.endsWith('.log')) : undefined;
  if (!channel) return undefined;
  const done = /activated in ([\d.]+) ms/.exec(fs.readFileSync(path.join(own, channel), 'utf8'));
  return done ? Number(done[1]) : undefined;
}

/** What VS Code itself shows for the extension in Developer: Show Running Extensions ("Activation: 53ms"). */
async function vscodeActivationMs(page: Page): Promise<number> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ timeout: 15_000 });
  await input.fill('>Developer: Show Running Extensions');
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Running Extensions' })
    .first()
    .click({ timeout: 15_000 });
  const row = page
    .locator('.monaco-list-row', { hasText: 'Bottleneck Forecast' })
    .filter({ hasText: /Activation: \d+/ });
  const text = await row.first().innerText({ timeout: 30_000 });
  const ms = /Activation: (\d+)\s*ms/.exec(text);
  if (!ms) throw new Error(`no activation time in the Running Extensions row: ${JSON.stringify(text)}`);
  return Number(ms[1]);
}

async function main(): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const env = ensureTestEnv();
  packageExtension(path.join(ARTIFACTS, 'bench-activation-package.log'));
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-bench-extensions-'));
  const workspace = copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'));
  installExtension(env, VSIX, extensionsDir);
  const server = await VsCodeServer.start(env, {
    logFile: path.join(ARTIFACTS, 'bench-activation-server.log'),
    extensionsDir,
  });
  const browser = await launchBrowser(env);
  const own: number[] = [];
  const shown: number[] = [];
  try {
    for (let w = 0; w < windows; w++) {
      const before = new Set(hostDirs(server.logsDir));
      const page = await browser.context.newPage();
      await page.goto(server.url(workspace));
      let found: number | undefined;
      for (const deadline = Date.now() + 90_000; found === undefined && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const fresh = hostDirs(server.logsDir).filter((d) => !before.has(d));
        found = fresh.map(activateMsIn).find((ms) => ms !== undefined);
      }
      if (found === undefined) throw new Error(`window ${w + 1}: the extension did not log its activation within 90 s`);
      own.push(found);
      shown.push(await vscodeActivationMs(page));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(extensionsDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  const range = (xs: number[], digits: number): string =>
    `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  const bytes = (file: string): string => `${fs.statSync(file).size.toLocaleString('en')} bytes`;
  console.log('| case | value |');
  console.log('|---|---:|');
  console.log(
    `| activate() in the real VS Code, median of ${windows} windows (range) | ${median(own).toFixed(1)} ms (${range(own, 1)}) |`,
  );
  console.log(
    `| VS Code's own activation time (loading the bundle and activate()), median (range) | ${median(shown).toFixed(0)} ms (${range(shown, 0)}) |`,
  );
  console.log(`| the .vsix | ${bytes(VSIX)} |`);
  for (const bundle of ['extension.js', 'openai.js', 'csvParse.js'])
    console.log(`| dist/${bundle} in it | ${bytes(path.join(REPO_ROOT, 'dist', bundle))} |`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
