import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadM4Hourly, M4_DIR, type M4Series } from './m4data';
import { coverage, mase, msis, owa, seasonalNaiveScale, smape } from '../src/core/forecast/accuracy';
import { forecastSeries } from '../src/core/forecast/forecaster';
import { benchmarkMethods } from '../src/core/forecast/pool';
import { candidatePeriods, detectPeriods } from '../src/core/forecast/seasonality';

/**
 * `npm run bench:m4`: the built-in forecaster and each method of its pool on M4 Hourly
 * (414 series, h = 48, m = 24), scored as the competition did, beside published results.
 * `--json` prints the same as JSON. When /usr/bin/python3 can import statsmodels, its
 * damped additive Holt-Winters (seasonal 24) is scored on the same series as a peer.
 */
const H = 48;
const M = 24;
const LEVEL = 0.95;
const NAIVE2 = { smape: 18.383, mase: 2.395 };

interface Row {
  name: string;
  kind: 'ours' | 'method' | 'peer' | 'published';
  smape: number;
  mase: number;
  owa: number;
  msis: number | null;
  coverage: number | null;
  acd: number | null;
  seconds: number | null;
}

const PUBLISHED: Row[] = [
  { name: 'Naive2 (benchmark)', smape: 18.383, mase: 2.395, owa: 1.0, msis: null, acd: null },
  { name: 'Theta (benchmark)', smape: 18.138, mase: 2.455, owa: 1.006, msis: null, acd: null },
  { name: 'seasonal naive (lag 24)', smape: 13.912, mase: 1.193, owa: 0.627, msis: null, acd: null },
  { name: 'Naive (intervals)', smape: NaN, mase: NaN, owa: NaN, msis: 71.245, acd: 0.011 },
  { name: 'ARIMA (intervals)', smape: NaN, mase: NaN, owa: NaN, msis: 7.538, acd: 0.001 },
  { name: 'Smyl ES-RNN (M4 winner)', smape: 9.328, mase: 0.893, owa: 0.44, msis: 7.928, acd: 0.04 },
  { name: 'Doornik et al. (best on Hourly)', smape: 8.913, mase: 0.801, owa: 0.41, msis: 6.139, acd: 0.002 },
].map((r) => ({ ...r, kind: 'published' as const, coverage: null, seconds: null }));

function score(
  name: string,
  kind: Row['kind'],
  data: readonly M4Series[],
  run: (s: M4Series) => { point: Float64Array; lower?: Float64Array; upper?: Float64Array },
): Row {
  let s = 0;
  let m = 0;
  let is = 0;
  let cov = 0;
  let withIntervals = true;
  const started = performance.now();
  for (const series of data) {
    const f = run(series);
    const scale = seasonalNaiveScale(series.train, M);
    s += smape(series.test, f.point);
    m += mase(series.test, f.point, scale);
    if (f.lower && f.upper) {
      is += msis(series.test, f.lower, f.upper, scale, 1 - LEVEL);
      cov += coverage(series.test, f.lower, f.upper);
    } else withIntervals = false;
  }
  const seconds = (performance.now() - started) / 1000;
  const n = data.length;
  return {
    name,
    kind,
    smape: s / n,
    mase: m / n,
    owa: owa(s / n, m / n, NAIVE2.smape, NAIVE2.mase),
    msis: withIntervals ? is / n : null,
    coverage: withIntervals ? cov / n : null,
    acd: withIntervals ? Math.abs(cov / n - LEVEL) : null,
    seconds,
  };
}

/** Starts statsmodels in a second process at once (it runs beside our scoring on the other core). */
function startStatsmodelsPeer(data: readonly M4Series[]): Promise<Row | { skipped: string }> {
  const python = '/usr/bin/python3';
  try {
    execFileSync(python, ['-c', 'import statsmodels'], { stdio: 'ignore' });
  } catch {
    return Promise.resolve({
      skipped: 'statsmodels not importable by /usr/bin/python3 (apt-get install python3-statsmodels)',
    });
  }
  const script = path.join(__dirname, '..', '..', 'bench', 'statsmodels_hw.py');
  return promisify(execFile)(python, [script, process.env['M4_DIR'] ?? M4_DIR, String(H), String(M)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  }).then(({ stdout }) => {
    const { seconds, forecasts } = JSON.parse(stdout) as { seconds: number; forecasts: Record<string, number[]> };
    const row = score('statsmodels Holt-Winters (add, damped, m=24)', 'peer', data, (s) => ({
      point: Float64Array.from(forecasts[s.id] ?? []),
    }));
    return { ...row, seconds };
  });
}

function fmt(v: number | null, digits = 3): string {
  return v === null || Number.isNaN(v) ? '—' : v.toFixed(digits);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const started = performance.now();
  const data = loadM4Hourly();
  const stepMs = 3_600_000;
  const peerRun = startStatsmodelsPeer(data);
  // The pool gets every candidate period (a day, a week); the seasonality test is reported.
  const periods = candidatePeriods(stepMs);
  const detected = data.filter((s) => detectPeriods(s.train, stepMs).length > 0).length;
  const rows: Row[] = [];
  rows.push(
    score('Built-in forecaster (selection + combination)', 'ours', data, (s) =>
      forecastSeries(s.train, { horizon: H, level: LEVEL, periods }),
    ),
  );
  // Each method of the pool on its own, with the same conformal intervals.
  for (const method of benchmarkMethods(periods)) {
    rows.push(
      score(method.id, 'method', data, (s) =>
        forecastSeries(s.train, { horizon: H, level: LEVEL, periods, pool: [method], topK: 1 }),
      ),
    );
  }
  const peer = await peerRun;
  if ('skipped' in peer) {
    if (!json) console.log(`(peer row skipped: ${peer.skipped})`);
  } else rows.push(peer);
  rows.push(...PUBLISHED);
  const total = (performance.now() - started) / 1000;
  const seasonalShare = detected / data.length;
  if (json) {
    console.log(
      JSON.stringify(
        { dataset: 'M4 Hourly', series: data.length, horizon: H, level: LEVEL, totalSeconds: total, rows },
        null,
        2,
      ),
    );
    return;
  }
  console.log(
    `M4 Hourly: ${data.length} series, h = ${H}, 95% intervals; seasonality found in ${(seasonalShare * 100).toFixed(0)}% of series\n`,
  );
  console.log('| method | sMAPE | MASE | OWA | MSIS | coverage | ACD | time (s) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const name =
      r.kind === 'ours'
        ? `**${r.name}**`
        : r.kind === 'published'
          ? `${r.name} *(published)*`
          : r.kind === 'peer'
            ? `${r.name} *(peer, same run)*`
            : `· ${r.name}`;
    console.log(
      `| ${name} | ${fmt(r.smape)} | ${fmt(r.mase)} | ${fmt(r.owa)} | ${fmt(r.msis)} | ${fmt(r.coverage)} | ${fmt(r.acd)} | ${fmt(r.seconds, 2)} |`,
    );
  }
  console.log(`\nWhole benchmark: ${total.toFixed(1)} s`);
  if (!fs.existsSync(M4_DIR) && !process.env['M4_DIR']) console.log('(set M4_DIR to read the data from elsewhere)');
}

void main();
