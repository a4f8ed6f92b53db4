// `npm run test:mutation`: Stryker over the core with the unit tests (stryker.config.json),
// then a score table per file from its JSON report. Arguments go to `stryker run`, e.g.
// `npm run test:mutation -- --mutate "src/core/lock/**/*.ts"`.
// `--area NAME` (repeatable, or `--area all`) runs the areas of scripts/mutation/areas.json:
// each area's code against the unit tests of its own folder, with its own incremental file
// and reports under reports/mutation/areas/NAME/. `--table` only prints the table of the last
// report (with `--areas`, of every area run so far, each against its target).
// Not part of `npm test` or CI: it takes tens of minutes.
import { spawnSync } from 'node:child_process';
import * as nodeModule from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const config = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8'));
const reportFile = join(root, config.jsonReporter.fileName);
const areas = JSON.parse(readFileSync(join(here, 'areas.json'), 'utf8'));
delete areas.$comment;
const areaDir = (name) => join('reports', 'mutation', 'areas', name);

const args = process.argv.slice(2);
const chosen = [];
for (let i = args.indexOf('--area'); i >= 0; i = args.indexOf('--area')) {
  const name = args[i + 1];
  if (name === 'all') chosen.push(...Object.keys(areas));
  else if (name !== undefined && Object.hasOwn(areas, name)) chosen.push(name);
  else {
    console.error(`--area takes one of: all, ${Object.keys(areas).join(', ')}.`);
    process.exit(2);
  }
  args.splice(i, 2);
}
const allAreas = args.includes('--areas');

if (typeof nodeModule.registerHooks !== 'function' && !args.includes('--table') && !allAreas) {
  console.error(`Node ${process.version} has no module.registerHooks: run it as npm run test:mutation (Node 24).`);
  process.exit(1);
}

if (chosen.length > 0) {
  for (const name of chosen) {
    console.log(`\n# area ${name}: ${areas[name].mutate.join(', ')} (target ${areas[name].target}%)`);
    runStryker([writeAreaConfig(name), ...args]);
    console.log(scoreTable(JSON.parse(readFileSync(join(root, areaDir(name), 'mutation.json'), 'utf8'))));
  }
  console.log(`\n${areaTable(Object.keys(areas))}`);
  process.exit(0);
}
if (allAreas) {
  console.log(areaTable(Object.keys(areas)));
  process.exit(0);
}
if (!args.includes('--table')) runStryker(args);
if (!existsSync(reportFile)) {
  console.error(`No report at ${config.jsonReporter.fileName}: run npm run test:mutation first.`);
  process.exit(1);
}
console.log(scoreTable(JSON.parse(readFileSync(reportFile, 'utf8'))));

function runStryker(strykerArgs) {
  // Stryker loads its test runner in its own process and in each worker: the hook goes to
  // all of them through NODE_OPTIONS.
  const hook = `--import=${pathToFileURL(join(here, 'mocha12.mjs')).href}`;
  const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, hook].filter(Boolean).join(' ') };
  const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const run = spawnSync(process.execPath, [stryker, 'run', ...strykerArgs], { cwd: root, env, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/** stryker.config.json narrowed to one area: its files, its tests, its own reports. */
function writeAreaConfig(name) {
  const area = areas[name];
  const dir = areaDir(name);
  mkdirSync(join(root, dir), { recursive: true });
  const mochaOptions = { ...config.mochaOptions, spec: area.spec };
  // mocha has no inverted grep here: a suite is left out by a negative lookahead on the title
  if (area.skip) mochaOptions.grep = `^(?!.*(?:${area.skip.map(escapeRegExp).join('|')}))`;
  const areaConfig = {
    ...config,
    $schema: undefined,
    mochaOptions,
    mutate: area.mutate,
    incrementalFile: join(dir, 'stryker-incremental.json'),
    htmlReporter: { fileName: join(dir, 'mutation.html') },
    jsonReporter: { fileName: join(dir, 'mutation.json') },
    tempDirName: `.stryker-tmp-${name}`,
  };
  const file = join(dir, 'stryker.config.json');
  writeFileSync(join(root, file), `${JSON.stringify(areaConfig, null, 2)}\n`);
  return file;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Markdown: one row per area run so far, with its target and whether it is met, then the rest of the core together. */
function areaTable(names) {
  const line = (name, r, target) =>
    `| ${name} | ${r.mutants} | ${r.caught} | ${r.survived} | ${r.noCoverage} | ${score(r)} | ${target}% | ${
      r.mutants === 0 ? '—' : (100 * r.caught) / r.mutants >= target ? 'yes' : '**no**'
    } |`;
  const rows = [];
  let rest;
  const missing = [];
  for (const name of names) {
    const file = join(root, areaDir(name), 'mutation.json');
    if (!existsSync(file)) {
      missing.push(name);
      continue;
    }
    const files = JSON.parse(readFileSync(file, 'utf8')).files;
    const r = Object.values(files).reduce((sum, { mutants }) => add(sum, count(mutants)), undefined);
    rows.push(line(name, r, areas[name].target));
    if (areas[name].target === 75) rest = add(rest, r);
  }
  return [
    '| area | mutants | caught | survived | no coverage | score | target | met |',
    '|---|---:|---:|---:|---:|---:|---:|:---:|',
    ...rows,
    ...(rest ? [line('**rest of the core, together**', rest, 75)] : []),
    ...(missing.length ? [`\nNot run yet: ${missing.join(', ')}.`] : []),
  ].join('\n');
}

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
