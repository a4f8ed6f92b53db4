import * as fs from 'node:fs';
import * as path from 'node:path';
import { type MetricSeries } from '../src/core/base/forecastSchema';
import type * as forecastMetricSetModule from '../src/core/forecast/forecastMetricSet';
import type * as forecasterModule from '../src/core/forecast/forecaster';
import type * as poolModule from '../src/core/forecast/pool';
import { seededRandom } from '../src/core/random';
import { generateSeries } from './fleetdata';
import { loadM4Hourly } from './m4data';
import { loadNabDev } from './nabdata';

/**
 * Are two builds' forecasts bit-identical? A speed-up of the forecaster must not move a
 * single bit of its output. Loads the forecaster from this build and from another one (a
 * `tsc` output directory of the base commit, e.g. built with
 * `git worktree add /tmp/base main && cd /tmp/base && npx tsc -p tsconfig.json --outDir /tmp/base-out`),
 * runs both on the same series and compares:
 * - `forecastMetricSet`'s whole ForecastData (fixed clock), as JSON text, which writes every
 *   double so that it reads back to the same bits;
 * - the raw bytes of the point forecast and both bounds (`builtinPrediction`), which also
 *   tells -0 from 0;
 * - on M4 Hourly, `forecastSeries` with each method of the benchmark alone (as `bench:m4` scores them).
 * Series: generated fleet series (bench:fleet's), M4 Hourly, the real nab-dev series when
 * present, and random edge cases (short, constant, negative, spiky, other steps).
 * Usage: `node out/bench/identical.js --before /tmp/base-out [--m4 N] [--fleet N]`. Exits 1 on any difference.
 */
type ForecastModule = typeof forecastMetricSetModule;
type SeriesModule = typeof forecasterModule;
type PoolModule = typeof poolModule;

interface Build {
  readonly metricSet: ForecastModule;
  readonly series: SeriesModule;
  readonly pool: PoolModule;
}

function load(root: string): Build {
  const at = (file: string): string => path.resolve(root, 'src', 'core', 'forecast', file);
  for (const f of ['forecastMetricSet.js', 'forecaster.js', 'pool.js'])
    if (!fs.existsSync(at(f))) throw new Error(`${at(f)} not found: pass a tsc output directory`);
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    metricSet: require(at('forecastMetricSet.js')) as ForecastModule,
    series: require(at('forecaster.js')) as SeriesModule,
    pool: require(at('pool.js')) as PoolModule,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const CLOCK = { now: (): Date => new Date(Date.UTC(2026, 0, 1)) };

function bytes(...arrays: Float64Array[]): Buffer {
  return Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
}

/** One build's whole output for a metric, as text and bytes; an error is an output too. */
function outputs(b: Build, m: MetricSeries, horizon: { steps: number } | undefined): { json: string; raw: Buffer } {
  const set = { source: 'identical', metrics: [m], warnings: [] };
  try {
    const data = b.metricSet.forecastMetricSet(set, { ...(horizon ? { horizon } : {}), clock: CLOCK });
    const h = data.horizon.count;
    const p = b.metricSet.builtinPrediction(m, h, 0.95);
    return { json: JSON.stringify(data), raw: bytes(p.point, p.lower, p.upper) };
  } catch (error) {
    return { json: `error: ${error instanceof Error ? error.message : String(error)}`, raw: Buffer.alloc(0) };
  }
}

function metric(name: string, values: Float64Array, stepMs: number, extra: Partial<MetricSeries> = {}): MetricSeries {
  return { name, breach: 'above', start: Date.UTC(2026, 0, 1), stepMs, values, filled: 0, ...extra };
}

/** Random edge cases: lengths, steps and shapes the fleet and M4 do not cover. */
function edgeCases(count: number): { m: MetricSeries; horizon?: { steps: number } }[] {
  const random = seededRandom(20260514);
  const steps = [15_000, 60_000, 300_000, 420_000, 900_000, 3_600_000];
  const out: { m: MetricSeries; horizon?: { steps: number } }[] = [];
  for (let i = 0; i < count; i++) {
    const stepMs = steps[i % steps.length] as number;
    const n = [16, 40, 200, 700, 1500, 3000, 6000][Math.floor(random() * 7)] as number;
    const kind = i % 8;
    const values = new Float64Array(n);
    const period = Math.max(2, Math.round(86_400_000 / stepMs));
    for (let t = 0; t < n; t++) {
      const season = Math.sin((2 * Math.PI * t) / period);
      const noise = random() - 0.5;
      values[t] =
        kind === 0
          ? 5 // constant
          : kind === 1
            ? -20 + 3 * season + noise // negative
            : kind === 2
              ? (t % 97 === 0 ? 1e6 : 10) + noise // spikes
              : kind === 3
                ? Math.max(0, 50 + 0.05 * t + 10 * season + 5 * noise) // trend, zeros possible
                : kind === 4
                  ? (t > n * 0.8 ? 80 : 30) + 2 * noise // level shift
                  : kind === 5
                    ? Math.round(100 * random()) // integer noise
                    : kind === 6
                      ? 1e-6 * (1 + season + noise) // tiny
                      : 60 + 30 * season + 10 * noise; // percentage-like
    }
    const capacity = kind === 1 ? -25 : kind === 6 ? 3e-6 : kind === 0 ? 5 : 90;
    const m = metric(`edge_${i}_${kind}`, values, stepMs, {
      capacity,
      breach: kind === 1 ? 'below' : 'above',
      ...(kind === 7 ? { unit: '%' } : {}),
    });
    const horizon = i % 3 === 0 ? { steps: Math.max(1, Math.floor(n / 2) - 1) } : undefined;
    out.push(horizon ? { m, horizon } : { m });
  }
  return out;
}

async function main(): Promise<void> {
  const beforeDir = argValue('--before');
  if (!beforeDir) throw new Error('usage: node out/bench/identical.js --before <tsc output dir of the base commit>');
  const before = load(beforeDir);
  const after = load(path.resolve(__dirname, '..'));
  if (before.metricSet === after.metricSet) throw new Error('--before is this build');
  const m4Count = Number(argValue('--m4') ?? 120);
  const fleetCount = Number(argValue('--fleet') ?? 150);
  const cases: { group: string; m: MetricSeries; horizon?: { steps: number } }[] = [];
  for (let k = 0; k < fleetCount; k++) cases.push({ group: 'fleet (default horizon)', m: generateSeries(k).series });
  for (let k = 0; k < 20; k++)
    for (const steps of [1, 288, 2015])
      cases.push({ group: 'fleet (horizon 1, 288, 2015)', m: generateSeries(1000 + k).series, horizon: { steps } });
  let m4: ReturnType<typeof loadM4Hourly> = [];
  try {
    m4 = loadM4Hourly().slice(0, m4Count);
  } catch {
    console.log('M4 Hourly not found: left out');
  }
  for (const s of m4) {
    const m = metric(s.id, s.train, 3_600_000, { capacity: Math.max(...s.train) * 1.1 });
    cases.push({ group: 'M4 Hourly (horizon 48)', m, horizon: { steps: 48 } });
    cases.push({ group: 'M4 Hourly (default horizon)', m });
  }
  try {
    const { series } = await loadNabDev();
    for (const s of series) cases.push({ group: 'nab-dev', m: s.train, horizon: { steps: s.horizon } });
  } catch {
    console.log('nab-dev not found: left out');
  }
  for (const e of edgeCases(240)) cases.push({ group: 'edge cases', ...e });

  const groups = new Map<string, { series: number; same: number; errors: number }>();
  const differences: string[] = [];
  for (const c of cases) {
    const a = outputs(before, c.m, c.horizon);
    const b = outputs(after, c.m, c.horizon);
    const same = a.json === b.json && a.raw.equals(b.raw);
    const g = groups.get(c.group) ?? { series: 0, same: 0, errors: 0 };
    g.series++;
    if (same) g.same++;
    // an input the forecaster refuses (too short for its horizon) must be refused the same way
    if (a.json.startsWith('error: ')) g.errors++;
    if (!same) differences.push(`${c.group}: ${c.m.name}`);
    groups.set(c.group, g);
  }
  // each method of the benchmark alone, as bench:m4 scores them
  const periods = [24, 168];
  let methodRuns = 0;
  let methodSame = 0;
  for (const s of m4) {
    const methodsA = before.pool.benchmarkMethods(periods);
    const methodsB = after.pool.benchmarkMethods(periods);
    methodsA.forEach((ma, i) => {
      const mb = methodsB[i];
      if (!mb || mb.id !== ma.id) throw new Error(`the benchmark's methods differ at ${i}`);
      const opts = { horizon: 48, level: 0.95, periods, topK: 1 };
      const fa = before.series.forecastSeries(s.train, { ...opts, pool: [ma] });
      const fb = after.series.forecastSeries(s.train, { ...opts, pool: [mb] });
      methodRuns++;
      if (
        bytes(fa.point, fa.lower, fa.upper).equals(bytes(fb.point, fb.lower, fb.upper)) &&
        JSON.stringify({ ...fa, point: 0, lower: 0, upper: 0 }) ===
          JSON.stringify({ ...fb, point: 0, lower: 0, upper: 0 })
      )
        methodSame++;
      else differences.push(`M4 ${s.id} method ${ma.id}`);
    });
  }
  console.log('| series | compared | identical | of which refused alike (an error) |');
  console.log('|---|---:|---:|---:|');
  for (const [group, g] of groups) console.log(`| ${group} | ${g.series} | ${g.same} | ${g.errors} |`);
  if (m4.length)
    console.log(`| M4 Hourly, each benchmark method alone (horizon 48) | ${methodRuns} | ${methodSame} | 0 |`);
  if (differences.length) {
    console.log(`\n${differences.length} differ, e.g.:\n${differences.slice(0, 20).join('\n')}`);
    process.exitCode = 1;
  } else console.log('\nEvery output is bit-identical.');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
