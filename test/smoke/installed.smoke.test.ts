import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { FakeOpenAiServer } from '../support/openaiServer';
import { loadMetricFile } from '../../src/core/data/loadMetrics';
import { forecastMetricSet } from '../../src/core/forecast/forecastMetricSet';
import { type ForecastData } from '../../src/core/base/forecastSchema';
import { REPO_ROOT, type TestEnv, ensureTestEnv } from '../harness/testEnv';
import { installExtension } from '../harness/vscodeServer';
import { VSIX, packageExtension } from '../harness/vsix';
import { ARTIFACTS, Workbench } from '../e2e/workbench';

/** What the package may hold, relative to the installed extension's folder: only what runs. */
const SHIPPED = [
  /^package\.json$/,
  /^package\.nls(\.[a-z-]+)?\.json$/, // the manifest's strings, English and translations
  /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/, // the runtime strings (vscode.l10n), English and translations
  /^\.vsixmanifest$/, // written by the install
  /^readme\.md$/,
  /^changelog\.md$/,
  /^LICENSE\.txt$/,
  /^dist\/(extension|cli|cliMain|csvParse|openai|fleetWorker)\.js$/,
  /^dist\/webview\/panel\.(js|css)$/,
  /^media\/icon\.png$/,
  /^media\/walkthrough\/\w+\.md$/,
  /^media\/plan\.schema\.json$/, // the capacity plan's JSON schema (jsonValidation)
  /^samples\/[\w.-]+\.(csv|json)$/,
];

interface Manifest {
  readonly name: string;
  readonly displayName: string;
  readonly publisher: string;
  readonly version: string;
  /** The folder of the runtime strings' bundles. */
  readonly l10n: string;
  readonly main: string;
  readonly icon: string;
  readonly contributes: {
    readonly walkthroughs: { readonly steps: { readonly media: { readonly markdown: string } }[] }[];
  };
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('The packaged extension, installed into a real VS Code (smoke)', function () {
  this.timeout(300_000);
  this.bail(true); // each step needs the one before: a failed package has nothing to install
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
  const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  /** The extension's name as VS Code shows it: package.json's `%displayName%`, from package.nls.json. */
  const displayName = nls[/^%([\w.-]+)%$/.exec(manifest.displayName)?.[1] ?? ''] ?? manifest.displayName;
  const folderName = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  let env: TestEnv;
  let extensionsDir: string;
  let workspace: string;
  let installed: string;
  let wb: Workbench | undefined;
  let engine: ForecastData;

  before(async () => {
    env = ensureTestEnv();
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-smoke-extensions-'));
    // A new, empty folder: what a user who has just installed the extension opens.
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-smoke-workspace-'));
    installed = path.join(extensionsDir, folderName);
    engine = forecastMetricSet(await loadMetricFile(path.join(REPO_ROOT, 'samples', 'service-metrics.csv')));
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(extensionsDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('npm run package writes bottleneck-forecast.vsix', () => {
    const output = packageExtension(path.join(ARTIFACTS, 'smoke-package.log'));
    assert.match(output, /DONE\s+Packaged: .*bottleneck-forecast\.vsix/);
    const bytes = fs.statSync(VSIX).size;
    console.log(`      ${path.basename(VSIX)}: ${(bytes / 1024).toFixed(0)} KiB`);
    assert.ok(bytes > 100 * 1024 && bytes < 5 * 1024 * 1024, `${bytes} bytes`);
  });

  it(`the server's --install-extension installs it into a fresh extensions folder as ${folderName}`, () => {
    const output = installExtension(env, VSIX, extensionsDir);
    assert.match(output, /successfully installed/i, output);
    assert.deepEqual(
      fs.readdirSync(extensionsDir).filter((f) => !f.startsWith('.') && f !== 'extensions.json'),
      [folderName],
    );
    const copy = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Manifest;
    assert.equal(copy.version, manifest.version);
  });

  it('the installed copy holds only what runs, every file its manifest names, and a README VS Code can show', () => {
    const files = filesUnder(installed);
    assert.deepEqual(
      files.filter((f) => !SHIPPED.some((re) => re.test(f))),
      [],
      'no source, maps, node_modules or binaries',
    );
    for (const f of [
      'dist/extension.js',
      'dist/cli.js',
      'dist/cliMain.js',
      'dist/csvParse.js',
      'dist/openai.js',
      'dist/fleetWorker.js',
      'dist/webview/panel.js',
      'dist/webview/panel.css',
      'samples/service-metrics.csv',
      'package.nls.json',
      'package.nls.de.json',
      'l10n/bundle.l10n.json',
      'l10n/bundle.l10n.de.json',
      'readme.md',
      'changelog.md',
      'LICENSE.txt',
    ]) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    const referenced = [
      manifest.main,
      manifest.icon,
      path.join(manifest.l10n, 'bundle.l10n.json'),
      ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
    ];
    for (const f of referenced)
      assert.ok(fs.existsSync(path.join(installed, f)), `${f} (named in package.json) is in the package`);
    // VS Code shows an installed extension's README with https images only.
    const readme = fs.readFileSync(path.join(installed, 'readme.md'), 'utf8');
    assert.match(readme, /^# Bottleneck Forecast\n/);
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
    assert.deepEqual(
      images.filter((src) => !src.startsWith('https://')),
      [],
      'README images VS Code would not show',
    );
    for (const js of [
      'dist/extension.js',
      'dist/cli.js',
      'dist/cliMain.js',
      'dist/csvParse.js',
      'dist/openai.js',
      'dist/fleetWorker.js',
      'dist/webview/panel.js',
    ]) {
      assert.doesNotMatch(
        fs.readFileSync(path.join(installed, js), 'utf8'),
        /sourceMappingURL/,
        `${js} is a production build`,
      );
    }
  });

  it("keeps the openai package out of the extension's and the CLI's bundles, and the installed CLI loads it beside them for an LLM forecast", async () => {
    for (const js of ['dist/extension.js', 'dist/cliMain.js']) {
      const text = fs.readFileSync(path.join(installed, js), 'utf8');
      assert.match(text, /require\("\.\/openai\.js"\)/, `${js} loads ./openai.js at run time`);
      assert.match(text, /require\("\.\/csvParse\.js"\)/, `${js} loads the CSV parser at run time`);
      assert.doesNotMatch(text, /Invalid Record Length/, `${js} does not contain the CSV parser`);
      assert.doesNotMatch(text, /OPENAI_BASE_URL/, `${js} does not contain the openai package`);
      // the budget: a stray import (zod's locales, the openai package) shows here first
      assert.ok(text.length <= 400_000, `${js}: ${text.length} bytes, over the 400 KB budget`);
    }
    const server = new FakeOpenAiServer();
    await server.start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bf-smoke-cli-'));
    try {
      const config = path.join(dir, 'providers.json');
      fs.writeFileSync(
        config,
        JSON.stringify({ providers: [{ id: 'custom', baseUrl: server.baseUrl, model: 'valid' }] }),
      );
      const state = path.join(dir, 'state.json');
      // a child process, awaited: the local server answers from this process's event loop
      const cli = (...args: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            [path.join(installed, 'dist', 'cli.js'), ...args],
            {
              encoding: 'utf8',
              timeout: 60_000,
              env: { ...process.env, BOTTLENECK_ALLOWED_ORIGINS: `http://127.0.0.1:${server.port}` },
            },
            (err, stdout, stderr) =>
              resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
          );
        });
      assert.equal((await cli('lock', 'switch', 'custom', '--state', state)).status, 0);
      const r = await cli(
        'forecast',
        path.join(installed, 'samples', 'service-metrics.csv'),
        '--horizon',
        '1d',
        '--config',
        config,
        '--state',
        state,
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /by custom valid/);
      // the fleet ranking runs on the installed worker (dist/fleetWorker.js beside cli.js)
      const fleet = await cli(
        'forecast',
        path.join(installed, 'samples', 'service-metrics.csv'),
        '--top',
        '2',
        '--state',
        state,
      );
      assert.equal(fleet.status, 0, fleet.stderr);
      assert.match(fleet.stdout, /^2 of 5 shown \(--top\)\./m);
      // a file that is not plain (quoted) goes through the CSV parser, loaded from dist/csvParse.js
      const quoted = path.join(dir, 'quoted.csv');
      const start = Date.UTC(2026, 9, 1);
      fs.writeFileSync(
        quoted,
        `"timestamp","cpu"\n${Array.from({ length: 200 }, (_, i) => `${new Date(start + i * 300_000).toISOString()},"${40 + (i % 12)}"`).join('\n')}\n`,
      );
      // a state of its own: the one above has the lock with custom, which this call configures no endpoint for
      const builtinState = path.join(dir, 'builtin-state.json');
      const parsed = await cli('forecast', quoted, '--capacity', 'cpu=90', '--format', 'json', '--state', builtinState);
      assert.equal(parsed.status, 0, parsed.stderr);
      assert.equal((JSON.parse(parsed.stdout) as { metrics: { name: string }[] }).metrics[0]?.name, 'cpu');
      assert.ok(
        server.requests.some((q) => q.path === '/v1/chat/completions'),
        'the chat completion reached the server',
      );
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('activates from the installed folder (no development path): the status bar shows the lock held by Built-in', async () => {
    // as `npm run serve` runs it: the workbench as a user gets it, notification toasts shown
    wb = await Workbench.open(env, { extensionsDir, workspace, serverLog: 'smoke-server.log', asUser: true });
    assert.doesNotMatch(decodeURIComponent(wb.page.url()), /extensionDevelopmentPath|extensionTestsPath/);
    await wb.providerStatus().filter({ hasText: 'Built-in' }).waitFor({ timeout: 60_000 });
    assert.match((await wb.providerStatus().innerText()).trim(), /Built-in/);
    await wb.screenshot('smoke-status-bar.png');
  });

  it('its page in the Extensions view shows the README and the changelog', async () => {
    assert.ok(wb);
    await wb.runCommand('Extensions: Show Installed Extensions');
    const row = wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: displayName }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const editor = wb.page.locator('.extension-editor');
    await editor.locator('.header .name', { hasText: displayName }).waitFor({ timeout: 30_000 });
    const view = wb.webview();
    await view.locator('h2', { hasText: 'Install' }).waitFor({ timeout: 30_000 });
    assert.match(await view.locator('body').innerText(), /code --install-extension bottleneck-forecast\.vsix/);
    const broken = await view
      .locator('img')
      .evaluateAll((imgs) => imgs.filter((i) => (i as unknown as { naturalWidth: number }).naturalWidth === 0).length);
    assert.equal(broken, 0, 'no broken image in the README');
    await wb.screenshot('smoke-details.png');
    await editor.locator('.navbar .action-label', { hasText: /^changelog$/i }).click();
    await view.locator('h2', { hasText: manifest.version }).waitFor({ timeout: 30_000 });
    await wb.runCommand('View: Close All Editors');
  });

  it('Open Sample Data opens the sample shipped inside the installed extension', async () => {
    assert.ok(wb);
    await wb.runCommand('Bottleneck: Open Sample Data');
    await wb.page.locator('.tab.active', { hasText: 'service-metrics.csv' }).waitFor({ timeout: 30_000 });
    // The breadcrumbs show the path of a file outside the workspace: it is the installed copy's.
    const crumbs = wb.page.locator('.breadcrumbs-control .monaco-breadcrumb-item');
    await crumbs.first().waitFor({ timeout: 15_000 });
    const trail = (await crumbs.allInnerTexts()).map((t) => t.trim());
    assert.ok(trail.includes(folderName), `breadcrumbs: ${trail.join(' › ')}`);
    assert.ok(trail.includes(path.basename(extensionsDir)), `breadcrumbs: ${trail.join(' › ')}`);
    await wb.screenshot('smoke-sample.png');
  });

  it('Run Forecast on the sample opens the panel: the bottleneck headline and drawn charts', async () => {
    assert.ok(wb);
    assert.ok(engine.bottleneck, 'the sample has a bottleneck');
    await wb.runCommand('Bottleneck: Run Forecast');
    const view = wb.webview();
    await view.locator('#bottleneck-metric').waitFor({ timeout: 90_000 });
    assert.equal((await view.locator('#bottleneck-metric').innerText()).trim(), engine.bottleneck.metric);
    assert.match(await view.locator('#headline').innerText(), new RegExp(`^${engine.bottleneck.metric} reaches `));
    // the result also pops up, as a toast with its button (a test-driver workbench would only light the bell)
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: engine.bottleneck.metric });
    await toast.waitFor({ timeout: 30_000 });
    assert.equal(await toast.locator('.monaco-button', { hasText: 'Show Report' }).count(), 1);
    await view.locator('#charts[data-palette]').waitFor({ timeout: 30_000 });
    const drawn = await wb.chartsDrawn();
    assert.equal(drawn.length, engine.metrics.length, 'a chart per metric');
    for (const [i, fraction] of drawn.entries())
      assert.ok(fraction > 0.01, `chart ${i}: ${(fraction * 100).toFixed(2)}% of its pixels drawn`);
    await wb.focusOnPanel();
    await wb.screenshot('smoke-panel.png');
  });
});
