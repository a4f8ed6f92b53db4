import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `npm run bench:all`: builds the production bundles, runs every benchmark one after the
 * other (each in a fresh process, as its own npm script does), prints each one's own output,
 * then one table: each budget with its goal and the figure this run measured. Accuracy
 * benchmarks (M4, real series) are in the table too, since a speed-up must not move them.
 * `--quick` leaves out the two accuracy benchmarks and the fleet's R peer (they take minutes).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'out', 'bench');
const quick = process.argv.includes('--quick');

interface Budget {
  readonly what: string;
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean | null;
  readonly command: string;
}
const budgets: Budget[] = [];

function run(script: string, args: string[] = []): string {
  console.log(`\n## ${script} ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [path.join(OUT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = result.stdout ?? '';
  if (!args.includes('--json')) console.log(out.trim());
  if (result.status !== 0) console.log(`(${script} exited with ${result.status})`);
  return out;
}

/** The value column of the table row whose first cell matches `label`. */
function cell(out: string, label: RegExp, column = 1): string | undefined {
  for (const line of out.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > column + 1 && label.test(cells[1] ?? '')) return cells[column + 1];
  }
  return undefined;
}
const firstNumber = (text: string | undefined): number => Number(/-?\d+(\.\d+)?/.exec(text ?? '')?.[0] ?? NaN);
/** A budget row; a figure measured for the record has no limit (its goal reads "—"). */
const add = (what: string, value: number, limit: number | null, unit: string, command: string): void => {
  budgets.push({
    what,
    goal: limit === null ? '—' : `≤ ${limit.toLocaleString('en')} ${unit}`,
    measured: Number.isNaN(value) ? 'not measured' : `${value.toLocaleString('en')} ${unit}`,
    met: Number.isNaN(value) || limit === null ? null : value <= limit,
    command,
  });
};

console.log('## node esbuild.js --production\n');
spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, stdio: 'inherit' });
const size = (file: string): number => fs.statSync(path.join(ROOT, 'dist', file)).size;
add('extension bundle, minified', size('extension.js'), 400_000, 'bytes', 'node esbuild.js --production');
add('panel page bundle, minified', size('webview/panel.js'), 85_000, 'bytes', 'node esbuild.js --production');

const speed = run('speed.js');
add(
  'CLI forecast, first run in a fresh process',
  firstNumber(cell(speed, /first run/)),
  300,
  'ms',
  'npm run bench:speed',
);
add(
  'CLI forecast, warm median',
  firstNumber(cell(speed, /median of 5 further runs/)),
  150,
  'ms',
  'npm run bench:speed',
);
add(
  'CLI forecast, first run, median of 5 fresh processes',
  firstNumber(cell(speed, /median of 5 fresh processes/)),
  null,
  'ms',
  'npm run bench:speed',
);
add(
  'same, Node run with `--v8-pool-size=1`',
  firstNumber(cell(speed, /with `--v8-pool-size=1`/)),
  null,
  'ms',
  'npm run bench:speed',
);
add(
  "npm start's forecast as a whole process, median",
  firstNumber(cell(speed, /median of 5 further processes/)),
  null,
  'ms',
  'npm run bench:speed',
);

const normalize = run('normalize.js');
add(
  'normalize a 1 MB answer (reference given)',
  firstNumber(cell(normalize, /reference given \(the provider path\)/)),
  20,
  'ms',
  'npm run bench:normalize',
);
add(
  'normalize, its first call in the process',
  firstNumber(cell(normalize, /its first call/)),
  null,
  'ms',
  'npm run bench:normalize',
);
add(
  'normalize, steady state once optimized',
  firstNumber(cell(normalize, /steady state/)),
  null,
  'ms',
  'npm run bench:normalize',
);

// the cold render's median of five fresh pages: one page's figure scatters by a third on a busy machine
const panel = run('panel.js', ['--cold', '5']);
const fiveCharts = cell(panel, /^5 metrics/, 2);
add(
  'panel: first render of 5 charts, to the frame (median of 5 pages)',
  firstNumber(fiveCharts?.split('/')[1]),
  100,
  'ms',
  'npm run bench:panel -- --cold 5',
);
add(
  "panel: the page script's load (before the forecast arrives)",
  firstNumber(cell(panel, /^5 metrics/)),
  null,
  'ms',
  'npm run bench:panel',
);
add(
  'panel: host → page message copy, 110,080 points',
  firstNumber(cell(panel, /^Float64Array series/, 5)),
  10,
  'ms',
  'npm run bench:panel',
);

// in the real VS Code, as installed from the .vsix (it packages one)
const activation = run('activation.js');
add(
  'extension activation in the real VS Code: activate(), median of 9 windows',
  firstNumber(cell(activation, /^activate\(\) in the real VS Code/)),
  20,
  'ms',
  'npm run bench:activation',
);
add(
  "same, VS Code's own activation time (loading the bundle and activate()), median",
  firstNumber(cell(activation, /^VS Code's own activation time/)),
  null,
  'ms',
  'npm run bench:activation',
);
add(
  'the .vsix',
  firstNumber(cell(activation, /^the \.vsix/)?.replace(/,/g, '')),
  null,
  'bytes',
  'npm run bench:activation',
);

run('failover.js');

// the R peer takes minutes; --quick leaves it out
const fleet = run('fleet.js', quick ? ['--no-r'] : []);
const fleetCell = (label: RegExp): number => firstNumber(cell(fleet, label)?.replace(/,/g, ''));
add('fleet: 1,000 series × 4,032 points, wall time', fleetCell(/^whole fleet/), 15_000, 'ms', 'npm run bench:fleet');
add('fleet: time to the first ranked row', fleetCell(/^time to the first/), 2_000, 'ms', 'npm run bench:fleet');
add('fleet: peak memory (RSS)', fleetCell(/^peak memory/), 1_024, 'MiB', 'npm run bench:fleet');
add(
  'fleet: longest main-thread task (its CPU time)',
  fleetCell(/^longest main-thread task, CPU/),
  50,
  'ms',
  'npm run bench:fleet',
);

if (!quick) {
  const m4 = JSON.parse(run('m4.js', ['--json']) || 'null') as {
    rows?: { name: string; owa: number; msis: number | null; coverage: number | null }[];
  } | null;
  const ours = m4?.rows?.find((r) => r.name.startsWith('Built-in'));
  add('M4 Hourly OWA (accuracy must not move)', ours?.owa ?? NaN, 0.404, '', 'npm run bench:m4');
  add('M4 Hourly MSIS', ours?.msis ?? NaN, 6.4, '', 'npm run bench:m4');
  run('real.js');
}

console.log('\n## Budgets\n');
console.log('| budget | goal | this run | met | measured by |');
console.log('|---|---:|---:|:---:|---|');
for (const b of budgets)
  console.log(
    `| ${b.what} | ${b.goal.trim()} | ${b.measured.trim()} | ${b.met === null ? '—' : b.met ? 'yes' : 'no'} | \`${b.command}\` |`,
  );
