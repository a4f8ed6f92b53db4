import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadNabDev, type RealSeries } from './nabdata';
import { coverage, mase, msis, seasonalNaiveScale, smape } from '../src/core/forecast/accuracy';
import { builtinPrediction } from '../src/core/forecast/forecastMetricSet';
import { seasonalNaive } from '../src/core/forecast/methods/seasonalNaive';

/**
 * `npm run bench:real`: the built-in forecaster on real series (../shared/data/nab-dev),
 * the last day held out (48 hours for hourly data), beside naive, seasonal naive (one
 * day) and R's forecast package (thetaf, stlf, and ets where the season is ≤ 24) in the
 * same run. Tables per folder and overall; `--json` prints the figures as JSON.
 * R peers need `bench/setup-r.sh` (run once, as root); without R they say "not installed".
 */
const LEVEL = 0.95;

interface Forecast {
  point: ArrayLike<number>;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

interface Scored {
  id: string;
  folder: string;
  mase: number;
  smape: number;
  msis: number | null;
  coverage: number | null;
}

interface Method {
  name: string;
  status: 'ok' | 'not installed' | 'failed';
  seconds: number | null;
  scores: Map<string, Scored>;
}

function scoreOne(s: RealSeries, f: Forecast): Scored {
  const scale = seasonalNaiveScale(s.train.values, s.day) || 1;
  const withIntervals = f.lower !== undefined && f.upper !== undefined;
  return {
    id: s.id,
    folder: s.folder,
    mase: mase(s.test, f.point, scale),
    smape: smape(s.test, f.point),
    msis: withIntervals
      ? msis(s.test, f.lower as ArrayLike<number>, f.upper as ArrayLike<number>, scale, 1 - LEVEL)
      : null,
    coverage: withIntervals ? coverage(s.test, f.lower as ArrayLike<number>, f.upper as ArrayLike<number>) : null,
  };
}

function runOurs(name: string, data: readonly RealSeries[], run: (s: RealSeries) => Forecast): Method {
  const started = performance.now();
  const scores = new Map<string, Scored>();
  for (const s of data) scores.set(s.id, scoreOne(s, run(s)));
  return { name, status: 'ok', seconds: (performance.now() - started) / 1000, scores };
}

/** R's forecast package in a second process, started at once so that it runs beside ours. */
function startR(data: readonly RealSeries[]): Promise<Method[]> {
  const names = ['R forecast thetaf', 'R forecast stlf', 'R forecast ets (season ≤ 24)'];
  const missing = (status: Method['status']): Method[] =>
    names.map((name) => ({ name, status, seconds: null, scores: new Map() }));
  try {
    execFileSync('Rscript', ['-e', 'suppressMessages({library(forecast); library(jsonlite)})'], { stdio: 'ignore' });
  } catch {
    return Promise.resolve(missing('not installed'));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-real-'));
  const input = path.join(dir, 'in.json');
  const output = path.join(dir, 'out.json');
  fs.writeFileSync(
    input,
    JSON.stringify(data.map((s) => ({ id: s.id, m: s.day, h: s.horizon, y: Array.from(s.train.values) }))),
  );
  const script = path.join(__dirname, '..', '..', 'bench', 'r_forecast.R');
  return promisify(execFile)('Rscript', [script, input, output], { maxBuffer: 64 << 20 })
    .then(() => {
      type RForecast = { mean: number[]; lower: number[]; upper: number[] };
      const parsed = JSON.parse(fs.readFileSync(output, 'utf8')) as Record<
        string,
        { seconds: number; forecasts: Record<string, RForecast> | unknown[] }
      >;
      return ['thetaf', 'stlf', 'ets'].map((key, i) => {
        const r = parsed[key];
        const scores = new Map<string, Scored>();
        const forecasts = r && !Array.isArray(r.forecasts) ? r.forecasts : {};
        for (const s of data) {
          const f = forecasts[s.id];
          if (f) scores.set(s.id, scoreOne(s, { point: f.mean, lower: f.lower, upper: f.upper }));
        }
        return { name: names[i] as string, status: 'ok' as const, seconds: r?.seconds ?? null, scores };
      });
    })
    .catch(() => missing('failed'))
    .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

interface Summary {
  method: string;
  status: Method['status'];
  series: number;
  meanMase: number | null;
  medianMase: number | null;
  smape: number | null;
  msis: number | null;
  coverage: number | null;
  /** Share of its series where the method's MASE is below seasonal naive's. */
  betterThanSeasonalNaive: number | null;
  seconds: number | null;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function summarize(method: Method, ids: readonly string[], snaive: Method, showTime: boolean): Summary {
  const rows = ids.map((id) => method.scores.get(id)).filter((r): r is Scored => r !== undefined);
  const avg = (f: (r: Scored) => number | null): number | null => {
    const v = rows.map(f).filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  const better = rows.filter((r) => r.mase < (snaive.scores.get(r.id)?.mase ?? Infinity)).length;
  return {
    method: method.name,
    status: method.status,
    series: rows.length,
    meanMase: avg((r) => r.mase),
    medianMase: rows.length ? median(rows.map((r) => r.mase)) : null,
    smape: avg((r) => r.smape),
    msis: avg((r) => r.msis),
    coverage: avg((r) => r.coverage),
    betterThanSeasonalNaive: rows.length && method !== snaive ? better / rows.length : null,
    seconds: showTime ? method.seconds : null,
  };
}

function fmt(v: number | null, digits = 3): string {
  return v === null || Number.isNaN(v) ? '—' : v.toFixed(digits);
}

function printTable(title: string, rows: readonly Summary[]): void {
  console.log(`\n${title}\n`);
  console.log(
    '| method | series | mean MASE | median MASE | sMAPE | MSIS | 95% coverage | better than seasonal naive | time (s) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    if (r.status !== 'ok' || r.series === 0) {
      const why = r.status === 'ok' ? 'not applicable' : r.status;
      console.log(`| ${r.method} | ${why} | | | | | | | |`);
      continue;
    }
    const share = r.betterThanSeasonalNaive === null ? '—' : `${Math.round(r.betterThanSeasonalNaive * 100)}%`;
    console.log(
      `| ${r.method} | ${r.series} | ${fmt(r.meanMase)} | ${fmt(r.medianMase)} | ${fmt(r.smape)} | ${fmt(r.msis, 1)} | ${fmt(r.coverage)} | ${share} | ${fmt(r.seconds, 1)} |`,
    );
  }
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const started = performance.now();
  const { series, skipped } = await loadNabDev();
  const peers = startR(series);
  const methods: Method[] = [
    runOurs('**Built-in forecaster**', series, (s) => builtinPrediction(s.train, s.horizon, LEVEL)),
    runOurs('naive (last value)', series, (s) => ({
      point: seasonalNaive(1).forecast(s.train.values, { horizon: s.horizon, periods: [] }),
    })),
    runOurs('seasonal naive (one day)', series, (s) => ({
      point: seasonalNaive(s.day).forecast(s.train.values, { horizon: s.horizon, periods: [] }),
    })),
  ];
  methods.push(...(await peers));
  const snaive = methods[2] as Method;
  const folders = [...new Set(series.map((s) => s.folder))];
  const tables = [
    { title: `Overall: ${series.length} series`, ids: series.map((s) => s.id), time: true },
    ...folders.map((f) => {
      const ids = series.filter((s) => s.folder === f).map((s) => s.id);
      return { title: `${f}: ${ids.length} series`, ids, time: false };
    }),
  ].map((t) => ({ title: t.title, rows: methods.map((m) => summarize(m, t.ids, snaive, t.time)) }));
  const total = (performance.now() - started) / 1000;
  if (json) {
    const perSeries = methods.map((m) => ({ method: m.name, scores: [...m.scores.values()] }));
    console.log(
      JSON.stringify({ dataset: 'nab-dev', level: LEVEL, skipped, tables, perSeries, totalSeconds: total }, null, 2),
    );
    return;
  }
  console.log(
    `Real series (nab-dev): last day held out (48 h for hourly data), 95% intervals; MASE scaled by seasonal naive at one day.`,
  );
  if (skipped.length) console.log(`Too short for a held-out day, not scored: ${skipped.join(', ')}`);
  for (const t of tables) printTable(t.title, t.rows);
  console.log(`\nWhole benchmark: ${total.toFixed(1)} s (R peers run in a second process beside ours)`);
}

void main();
