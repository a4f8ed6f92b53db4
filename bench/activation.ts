import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from '../src/core/forecast/methods/method';
import { REPO_ROOT, ensureTestEnv } from '../test/harness/testEnv';
import { VsCodeServer, installExtension } from '../test/harness/vscodeServer';
import { VSIX, packageExtension } from '../test/harness/vsix';
import { copyWorkspace, launchBrowser } from '../test/harness/browser';

/**
 * `npm run bench:activation [-- --windows N]`: the extension's activation in the real VS Code
 * (the 1.139 server the tests use, in Debian's Chromium), as a user installs it: `npm run
 * package`, then the `.vsix` installed with the server's `--install-extension`. N windows
 * (default 9) are opened one after the other on a copy of the fixture workspace; each
 * starts its own extension host, which loads and activates the extension afresh
 * (`onStartupFinished`). From each window's logs:
 * - `activate()`: its own duration, as the extension logs it ("activated in X ms");
 * - from the extension host's line that it activates the extension to the extension's line
 *   (millisecond time stamps): loading the bundle included, and whatever else the host does
 *   meanwhile (other extensions start at the same event), so an upper bound.
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

/** A log line's time: `2026-11-29 23:31:53.321 [info] …` → ms (the day does not matter here). */
function stamp(line: string): number {
  const m = /^\d{4}-\d\d-\d\d (\d\d):(\d\d):(\d\d)\.(\d{3}) /.exec(line);
  if (!m) return NaN;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

/** The extension host folders (`exthost<N>`) under the server's logs, by number. */
function hostDirs(logsDir: string): string[] {
  if (!fs.existsSync(logsDir)) return [];
  return fs
    .readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /(^|\/)exthost\d+$/.test(p))
    .sort((a, b) => Number(/\d+$/.exec(a)?.[0]) - Number(/\d+$/.exec(b)?.[0]))
    .map((p) => path.join(logsDir, p));
}

interface Activation {
  readonly activateMs: number;
  readonly loadAndActivateMs: number;
}

/** The entries of a VS Code log: each starts with its time stamp, continued lines (a stack) included. */
function entries(text: string): string[] {
  return text.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} )/);
}

/** This window's activation, read from its extension host's logs once the extension has logged it. */
function activationIn(dir: string): Activation | undefined {
  const own = path.join(dir, EXTENSION_ID);
  const channel = fs.existsSync(own) ? fs.readdirSync(own).find((f) => f.endsWith('.log')) : undefined;
  if (!channel) return undefined;
  const done = fs
    .readFileSync(path.join(own, channel), 'utf8')
    .split('\n')
    .find((l) => l.includes('activated in '));
  const hostLog = path.join(dir, 'remoteexthost.log');
  const host = fs.existsSync(hostLog) ? entries(fs.readFileSync(hostLog, 'utf8')) : [];
  const begun = host.find((l) => l.includes(`_doActivateExtension ${EXTENSION_ID},`));
  if (!done || !begun) return undefined;
  return {
    activateMs: Number(/activated in ([\d.]+) ms/.exec(done)?.[1]),
    loadAndActivateMs: stamp(done) - stamp(begun),
  };
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
  const seen: Activation[] = [];
  try {
    for (let w = 0; w < windows; w++) {
      const before = new Set(hostDirs(server.logsDir));
      const page = await browser.context.newPage();
      await page.goto(server.url(workspace));
      let found: Activation | undefined;
      for (const deadline = Date.now() + 90_000; !found && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const fresh = hostDirs(server.logsDir).filter((d) => !before.has(d));
        found = fresh.map(activationIn).find((a) => a !== undefined);
      }
      await page.close();
      if (!found) throw new Error(`window ${w + 1}: the extension did not log its activation within 90 s`);
      seen.push(found);
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(extensionsDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  const range = (xs: number[]): string => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
  const own = seen.map((a) => a.activateMs);
  const whole = seen.map((a) => a.loadAndActivateMs);
  const bytes = (file: string): string => `${fs.statSync(file).size.toLocaleString('en')} bytes`;
  console.log('| case | value |');
  console.log('|---|---:|');
  console.log(`| activate() in the real VS Code, median of ${windows} windows | ${median(own).toFixed(1)} ms |`);
  console.log(`| activate(), each window | ${own.map((x) => x.toFixed(1)).join(', ')} ms |`);
  console.log(
    `| from the host starting the activation to activate()'s end, median of ${windows} windows (range) | ${median(whole).toFixed(0)} ms (${range(whole)}) |`,
  );
  console.log(`| the .vsix | ${bytes(VSIX)} |`);
  for (const bundle of ['extension.js', 'openai.js', 'csvParse.js'])
    console.log(`| dist/${bundle} in it | ${bytes(path.join(REPO_ROOT, 'dist', bundle))} |`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
