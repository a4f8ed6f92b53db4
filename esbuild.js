// Builds the three programs of the project:
//   dist/extension.js  the VS Code extension (Node, CommonJS, `vscode` external)
//   dist/cli.js        the `bottleneck` command: turns on Node's compile cache, then loads
//   dist/cliMain.js    the headless CLI over the same core (Node, CommonJS)
//   dist/fleetWorker.js the worker thread that loads and forecasts a fleet's series (both start it)
//   dist/csvParse.js   the CSV parser, which all three load for a file that is not plain
//   dist/openai.js     the `openai` package, which both load on their first chat completion
//                      (kept out of their bundles: most sessions never need it)
//   dist/webview/*     the forecast panel's page: panel.js (browser, uPlot bundled) and panel.css
// `--production` minifies and drops sourcemaps; `--watch` rebuilds on change;
// `--cli` builds only the CLI (what `npm start` needs).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const cliOnly = process.argv.includes('--cli');

/** Prints errors in the format of the `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * An import matching `filter` left to run time as `require('./<file>')`: a file built beside
 * the bundle, loaded when first needed.
 */
const beside = (name, filter, file) => ({
  name,
  setup(build) {
    build.onResolve({ filter }, () => ({ path: `./${file}`, external: true }));
  },
});
/** The `openai` package, required on the first chat completion. */
const openaiBeside = beside('openai-beside', /^openai$/, 'openai.js');
/** The CSV parser, required when a file is not plain. */
const csvParseBeside = beside('csv-parse-beside', /^csv-parse$/, 'csvParse.js');
/** The launcher's `require('./main')`: the CLI's bundle, loaded once the compile cache is on. */
const cliMainBeside = beside('cli-main-beside', /^\.\/main$/, 'cliMain.js');

/** What the CLI runs, `openai.js` aside (built with it by `--cli`; the launcher's test does without it). */
const CLI_FILES = ['dist/cli.js', 'dist/cliMain.js', 'dist/fleetWorker.js', 'dist/csvParse.js'];

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  plugins: watch ? [problemMatcher] : [],
};

const targets = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['vscode'],
    plugins: [...common.plugins, openaiBeside, csvParseBeside],
  },
  {
    ...common,
    entryPoints: ['src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...common.plugins, cliMainBeside],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cliMain.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    plugins: [...common.plugins, openaiBeside, csvParseBeside],
  },
  {
    ...common,
    stdin: {
      // what providerClient.ts uses of the package, so that the rest can be left out
      contents:
        "export { default, APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';",
      resolveDir: __dirname,
      loader: 'js',
    },
    outfile: 'dist/openai.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
  },
  {
    ...common,
    entryPoints: ['src/core/fleet/fleetWorker.ts'],
    outfile: 'dist/fleetWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    plugins: [...common.plugins, csvParseBeside],
  },
  {
    ...common,
    stdin: {
      contents: "export { parse, CsvError } from 'csv-parse';",
      resolveDir: __dirname,
      loader: 'js',
    },
    outfile: 'dist/csvParse.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/panel.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    // The page is small enough to ship minified always: its size is a budget (100 KB).
    minify: true,
    // V8's explicit compile hint: compile every function while the script loads (the panel
    // opens showing "loading" while the forecast runs) instead of on its first call, during
    // the first render. It must be the script's first line.
    banner: { js: '//# allFunctionsCalledOnLoad' },
    sourcemap: production ? false : 'linked',
  },
  {
    ...common,
    entryPoints: ['media/panel.css'],
    outfile: 'dist/webview/panel.css',
    minify: true,
    sourcemap: false,
  },
].filter((t) => !cliOnly || [...CLI_FILES, 'dist/openai.js'].includes(t.outfile));

async function main() {
  if (watch) {
    const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(targets.map((t) => esbuild.build(t)));
  for (const [i] of results.entries()) {
    const out = targets[i].outfile;
    if (out.endsWith('cli.js')) fs.chmodSync(out, 0o755);
    const bytes = fs.statSync(out).size;
    if (!cliOnly) console.log(`${path.relative('.', out).padEnd(24)} ${(bytes / 1024).toFixed(1)} KiB`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

/** The panel page's build, for the size-budget test; the CLI's files, for the test of its launcher. */
module.exports = {
  webviewTarget: targets.find((t) => t.outfile === 'dist/webview/panel.js'),
  cliTargets: targets.filter((t) => CLI_FILES.includes(t.outfile)),
};
