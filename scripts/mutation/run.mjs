// `npm run test:mutation`: Stryker over the core with the unit tests (stryker.config.json),
// then a score table per file from its JSON report. Arguments go to `stryker run`, e.g.
// `npm run test:mutation -- --mutate "src/core/lock/**/*.ts"`. `--table` only prints the
// table of the last report. Not part of `npm test` or CI: it takes tens of minutes.
import { spawnSync } from 'node:child_process';
import * as nodeModule from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const config = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8'));
const reportFile = join(root, config.jsonReporter.fileName);

const args = process.argv.slice(2);
if (typeof nodeModule.registerHooks !== 'function') {
  console.error(`Node ${process.version} has no module.registerHooks: run it as npm run test:mutation (Node 24).`);
  process.exit(1);
}
if (!args.includes('--table')) {
  // Stryker loads its test runner in its own process and in each worker: the hook goes to
  // all of them through NODE_OPTIONS.
  const hook = `--import=${pathToFileURL(join(here, 'mocha12.mjs')).href}`;
  const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, hook].filter(Boolean).join(' ') };
  const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const run = spawnSync(process.execPath, [stryker, 'run', ...args], { cwd: root, env, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
if (!existsSync(reportFile)) {
  console.error(`No report at ${config.jsonReporter.fileName}: run npm run test:mutation first.`);
  process.exit(1);
}
console.log(scoreTable(JSON.parse(readFileSync(reportFile, 'utf8'))));

/** Markdown: one row per file, then one per folder and the total. Caught = killed or timed out. */
function scoreTable(report) {
  const rows = Object.entries(report.files)
    .map(([file, { mutants }]) => ({ name: `\`${file}\``, ...count(mutants) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const folders = new Map();
  for (const row of rows) {
    const folder = row.name.slice(0, row.name.lastIndexOf('/')) + '/**`';
    folders.set(folder, add(folders.get(folder), row));
  }
  const total = rows.reduce((sum, row) => add(sum, row), undefined);
  const line = (r) => `| ${r.name} | ${r.mutants} | ${r.caught} | ${r.survived} | ${r.noCoverage} | ${score(r)} |`;
  return [
    '| file | mutants | caught | survived | no coverage | score |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(line),
    ...(folders.size > 1 ? [...folders].map(([name, r]) => line({ ...r, name: `**${name}**` })) : []),
    line({ ...total, name: '**all files**' }),
  ].join('\n');
}

function count(mutants) {
  const is = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const caught = is('Killed', 'Timeout');
  const survived = is('Survived');
  const noCoverage = is('NoCoverage');
  return { caught, survived, noCoverage, mutants: caught + survived + noCoverage };
}

function add(sum, row) {
  const zero = { caught: 0, survived: 0, noCoverage: 0, mutants: 0 };
  const s = sum ?? zero;
  return {
    caught: s.caught + row.caught,
    survived: s.survived + row.survived,
    noCoverage: s.noCoverage + row.noCoverage,
    mutants: s.mutants + row.mutants,
  };
}

function score(r) {
  return r.mutants === 0 ? '—' : `${((100 * r.caught) / r.mutants).toFixed(1)}%`;
}
