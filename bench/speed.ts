import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { forecastMetricSet } from '../src/core/forecast/forecastMetricSet';
import { median } from '../src/core/forecast/methods/method';
import { type MetricSeries, type MetricSet } from '../src/core/base/forecastSchema';

/**
 * `npm run bench:speed`: 10 metrics × 8,064 points (four weeks at 5 minutes), horizon 288
 * (one day), the full selection. Prints the time of a cold first run, the median of the
 * next five, and the process's peak resident memory; then `npm start`'s forecast as a whole
 * process (`node dist/cli.js forecast samples/service-metrics.csv`: start-up, reading the
 * CSV, the forecast and the table), its first run and the median of five. Between them, the
 * first run in five fresh processes with Node's defaults and five with `--v8-pool-size=1`,
 * alternating (`--cold-only` runs one).
 */
const STEP = 300_000;
const N = 8064;

function series(k: number): MetricSeries {
  let a = 1234567 + k * 7919;
  const random = (): number => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const values = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const hour = ((i * 5) / 60) % 24;
    const weekday = Math.floor(i / 288) % 7;
    values[i] =
      40 + 0.002 * k * i + 15 * Math.sin((hour / 24) * 2 * Math.PI) * (weekday >= 5 ? 0.6 : 1) + 4 * (random() - 0.5);
  }
  return {
    name: `metric_${k}`,
    unit: '%',
    capacity: 90,
    breach: 'above',
    start: Date.parse('2026-10-01T00:00:00Z'),
    stepMs: STEP,
    values,
    filled: 0,
  };
}

const set: MetricSet = { source: 'synthetic', metrics: Array.from({ length: 10 }, (_, k) => series(k)), warnings: [] };
const run = (): number => {
  const t0 = performance.now();
  forecastMetricSet(set, { horizon: { steps: 288 } });
  return performance.now() - t0;
};
if (process.argv.includes('--cold-only')) {
  // one fresh process's first run, for the comparison below
  console.log(run().toFixed(1));
  process.exit(0);
}
const cold = run();
const warm = Array.from({ length: 5 }, run);
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log('| case | value |');
console.log('|---|---:|');
console.log(`| 10 metrics × ${N} points, horizon 288: first run | ${cold.toFixed(0)} ms |`);
console.log(`| same, median of 5 further runs | ${median(warm).toFixed(0)} ms |`);
console.log(`| peak resident memory of the process | ${peakMiB.toFixed(0)} MiB |`);
// The first run with V8 given one background thread instead of Node's four. On a machine of
// two cores, the four threads compiling the hot functions take turns on the main thread's
// core: for a quarter of the first run it does not run at all.
const coldIn = (flags: string[]): number => {
  const r = spawnSync(process.execPath, [...flags, __filename, '--cold-only'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the benchmark's cold run exited with ${r.status}: ${r.stderr}`);
  return Number(r.stdout.trim());
};
const defaults: number[] = [];
const onePool: number[] = [];
for (let i = 0; i < 5; i++) {
  defaults.push(coldIn([]));
  onePool.push(coldIn(['--v8-pool-size=1']));
}
console.log(`| first run, median of 5 fresh processes, Node's defaults | ${median(defaults).toFixed(0)} ms |`);
console.log(`| same, with \`--v8-pool-size=1\` (alternating with the row above) | ${median(onePool).toFixed(0)} ms |`);

const ROOT = path.resolve(__dirname, '..', '..');
const cli = path.join(ROOT, 'dist', 'cli.js');
if (fs.existsSync(cli)) {
  const whole = (): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'forecast', path.join(ROOT, 'samples', 'service-metrics.csv')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (r.status !== 0) throw new Error(`the CLI exited with ${r.status}: ${r.stderr.toString()}`);
    return performance.now() - t0;
  };
  const first = whole();
  const rest = Array.from({ length: 5 }, whole);
  console.log(`| npm start's forecast of the sample (5 metrics) as a whole process: first | ${first.toFixed(0)} ms |`);
  console.log(`| same, median of 5 further processes | ${median(rest).toFixed(0)} ms |`);
} else console.log("| npm start's forecast as a whole process | dist/cli.js not built: run `node esbuild.js --cli` |");
