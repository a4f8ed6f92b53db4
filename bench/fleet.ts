import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { promisify } from 'node:util';
import { type FleetRow } from '../src/core/fleet/fleetRow';
import { type FleetSeries } from '../src/core/fleet/fleetTasks';
import { defaultWorkers, forecastFleet } from '../src/core/fleet/forecastFleet';
import { breachSteps } from '../src/core/forecast/breach';
import { FLEET_HORIZON, FLEET_POINTS, type GeneratedSeries, generateSeries } from './fleetdata';

/**
 * `npm run bench:fleet`: a generated fleet (1,000 series × 14 days at 5-minute steps, see
 * fleetdata.ts) forecast by `forecastFleet`, the path the Capacity view and `--top` take
 * (a pool of worker threads, one per core; rows ranked as they arrive). Prints the wall
 * time, the time to the first ranked row, the peak memory, the longest main-thread task,
 * the throughput of the pool and of one worker, and how well the ranking follows the true
 * breach order; then R forecast's thetaf on the same series (`Rscript`, one process per
 * worker, after ours so that neither slows the other), scored the same way.
 * Options: `--series N` (default 1000), `--single N` series for the one-worker pass
 * (default 100), `--r-series N` (default: all), `--no-r`.
 */
const argValue = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const SERIES = argValue('--series', 1000);
const SINGLE = Math.min(SERIES, argValue('--single', 100));
const R_SERIES = Math.min(SERIES, argValue('--r-series', SERIES));
const WITH_R = !process.argv.includes('--no-r');
const LEVEL = 0.95;
/** The worker bundle the editor and the CLI start (npm run bench:fleet builds it), else the tsc output's. */
const BUNDLED_WORKER = path.join(__dirname, '..', '..', 'dist', 'fleetWorker.js');
const WORKER = fs.existsSync(BUNDLED_WORKER) ? BUNDLED_WORKER : undefined;
const GOALS = { wallMs: 15_000, firstMs: 2_000, peakMiB: 1024, taskMs: 50 };

interface Truth {
  readonly shape: GeneratedSeries['shape'];
  readonly trueBreach: number | null;
}

/**
 * The fleet as it would stream from a loader: the series are made before the clock starts
 * (a loader has them; making them is this bench's work, not the product's), then handed
 * over in batches of 32 with a turn of the event loop between, as a load worker's batches
 * arrive as separate messages.
 */
async function* stream(series: readonly FleetSeries[]): AsyncGenerator<FleetSeries> {
  for (let k = 0; k < series.length; k++) {
    yield series[k] as FleetSeries;
    if (k % 32 === 31) await yieldToLoop();
  }
}

interface Ranked {
  readonly name: string;
  /** Position in the ranking, 0 first. */
  readonly rank: number;
}

/** How well a ranking follows the true breach order. */
interface Quality {
  /** Series whose signal is beyond capacity within the horizon (already beyond included). */
  readonly breaching: number;
  /** Pairs of such series with different true breach times that the ranking orders the same way. */
  readonly pairsRight: number;
  readonly pairs: number;
  /** Kendall's τ-b between rank and true breach time over those series (ties in time allowed). */
  readonly tau: number;
  /** Truly breaching series among the first `breaching` rows. */
  readonly inTopK: number;
  /** Series flagged (a breach expected, or already beyond) that truly breach, and all flagged. */
  readonly flaggedRight: number;
  readonly flagged: number;
}

function quality(ranked: readonly Ranked[], truth: Map<string, Truth>, flagged: ReadonlySet<string>): Quality {
  const breaching = ranked
    .map((r) => ({ rank: r.rank, at: truth.get(r.name)?.trueBreach ?? null, name: r.name }))
    .filter((r): r is { rank: number; at: number; name: string } => r.at !== null);
  let concordant = 0;
  let discordant = 0;
  let tiedTruth = 0;
  for (let i = 0; i < breaching.length; i++)
    for (let j = i + 1; j < breaching.length; j++) {
      const a = breaching[i] as { rank: number; at: number };
      const b = breaching[j] as { rank: number; at: number };
      if (a.at === b.at) {
        tiedTruth++;
        continue;
      }
      if (a.at - b.at > 0 === a.rank - b.rank > 0) concordant++;
      else discordant++;
    }
  const n0 = (breaching.length * (breaching.length - 1)) / 2;
  const k = breaching.length;
  const inTopK = ranked.filter((r) => r.rank < k && (truth.get(r.name)?.trueBreach ?? null) !== null).length;
  const flaggedRight = [...flagged].filter((n) => (truth.get(n)?.trueBreach ?? null) !== null).length;
  return {
    breaching: k,
    pairsRight: concordant,
    pairs: concordant + discordant,
    tau: (concordant - discordant) / Math.sqrt(n0 * (n0 - tiedTruth)),
    inTopK,
    flaggedRight,
    flagged: flagged.size,
  };
}

/** The fleet's own ranking, as forecastFleet returned it. */
function rankedRows(rows: readonly FleetRow[]): { ranked: Ranked[]; flagged: Set<string> } {
  const flagged = new Set(rows.filter((r) => r.alreadyBreached || r.expected !== null).map((r) => r.series));
  return { ranked: rows.map((r, rank) => ({ name: r.series, rank })), flagged };
}

interface RResult {
  readonly status: 'ok' | 'not installed' | 'failed';
  readonly why?: string;
  readonly series: number;
  /** Seconds inside thetaf, summed over the processes (one core's worth of work). */
  readonly thetafSeconds: number;
  /** Wall time of the whole R run: start-up, reading, thetaf, writing, in parallel processes. */
  readonly wallSeconds: number;
  readonly processes: number;
  readonly quality?: Quality;
  readonly failedSeries: number;
}

/** thetaf per series in `processes` Rscript processes (a slice each), scored with the fleet's own breach rule and order. */
async function runR(series: readonly FleetSeries[], truth: Map<string, Truth>, processes: number): Promise<RResult> {
  const empty = { series: 0, thetafSeconds: 0, wallSeconds: 0, processes, failedSeries: 0 };
  try {
    execFileSync('Rscript', ['-e', 'suppressMessages(library(forecast))'], { stdio: 'ignore' });
  } catch {
    return { status: 'not installed', ...empty };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-'));
  try {
    const input = path.join(dir, 'values.bin');
    const all = new Float64Array(series.length * FLEET_POINTS);
    series.forEach((s, i) => all.set(s.values, i * FLEET_POINTS));
    fs.writeFileSync(input, Buffer.from(all.buffer));
    const script = path.join(__dirname, '..', '..', 'bench', 'r_fleet.R');
    const per = Math.ceil(series.length / processes);
    const slices = Array.from({ length: processes }, (_, p) => ({
      first: p * per,
      count: Math.max(0, Math.min(per, series.length - p * per)),
    })).filter((s) => s.count > 0);
    const started = performance.now();
    const spent = await Promise.all(
      slices.map(async (s, p) => {
        const output = path.join(dir, `out-${p}.bin`);
        const { stdout } = await promisify(execFile)('Rscript', [
          script,
          input,
          String(FLEET_POINTS),
          String(s.first),
          String(s.count),
          '288',
          String(FLEET_HORIZON),
          output,
        ]);
        return Number(stdout.trim());
      }),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const h = FLEET_HORIZON;
    const keyed: { name: string; already: boolean; expected: number; earliest: number; probability: number }[] = [];
    let failedSeries = 0;
    slices.forEach((slice, p) => {
      const buf = fs.readFileSync(path.join(dir, `out-${p}.bin`));
      const out = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
      for (let i = 0; i < slice.count; i++) {
        const s = series[slice.first + i] as FleetSeries;
        const at = i * 3 * h;
        const mean = out.subarray(at, at + h);
        if (!mean.every(Number.isFinite)) failedSeries++;
        const steps = breachSteps(
          s.values[s.values.length - 1] as number,
          mean,
          out.subarray(at + h, at + 2 * h),
          out.subarray(at + 2 * h, at + 3 * h),
          s.capacity as number,
          s.breach,
          LEVEL,
        );
        keyed.push({
          name: s.name,
          already: steps.alreadyBreached,
          expected: steps.expected ?? Infinity,
          earliest: steps.earliest ?? Infinity,
          probability: steps.probability,
        });
      }
    });
    // the fleet's order (see compareRows): already beyond first, then expected, earliest, probability
    keyed.sort(
      (a, b) =>
        Number(b.already) - Number(a.already) ||
        a.expected - b.expected ||
        a.earliest - b.earliest ||
        b.probability - a.probability ||
        (a.name < b.name ? -1 : 1),
    );
    const ranked = keyed.map((k, rank) => ({ name: k.name, rank }));
    const flagged = new Set(keyed.filter((k) => k.already || Number.isFinite(k.expected)).map((k) => k.name));
    return {
      status: 'ok',
      series: series.length,
      thetafSeconds: spent.reduce((a, b) => a + b, 0),
      wallSeconds,
      processes: slices.length,
      quality: quality(ranked, truth, flagged),
      failedSeries,
    };
  } catch (error) {
    return {
      status: 'failed',
      why: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
      ...empty,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The calling thread's CPU time in ms, from /proc/thread-self/schedstat (Linux); null elsewhere. */
function threadCpuReader(): (() => number) | null {
  try {
    const fd = fs.openSync('/proc/thread-self/schedstat', 'r');
    const buf = Buffer.alloc(96);
    const read = (): number =>
      Number(buf.toString('latin1', 0, fs.readSync(fd, buf, 0, buf.length, 0)).split(' ')[0]) / 1e6;
    return Number.isFinite(read()) ? read : null;
  } catch {
    return null;
  }
}

const ms = (v: number): string => `${Math.round(v).toLocaleString('en')} ms`;
const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
const met = (ok: boolean): string => (ok ? 'met' : 'missed');

function qualityLines(who: string, q: Quality): string[] {
  return [
    `| ${who}: truly breaching pairs ordered right | ${q.pairsRight.toLocaleString('en')} / ${q.pairs.toLocaleString('en')} (${pct(q.pairsRight, q.pairs)}) | | |`,
    `| ${who}: Kendall τ-b, rank vs true breach time | ${q.tau.toFixed(3)} | | |`,
    `| ${who}: truly breaching in the top ${q.breaching} | ${q.inTopK} / ${q.breaching} (${pct(q.inTopK, q.breaching)}) | | |`,
    `| ${who}: flagged (breach expected or already beyond) that truly breach | ${q.flaggedRight} / ${q.flagged} (${pct(q.flaggedRight, q.flagged)}) | | |`,
  ];
}

async function main(): Promise<void> {
  const workers = defaultWorkers();
  const truth = new Map<string, Truth>();
  const all: FleetSeries[] = [];
  for (let k = 0; k < SERIES; k++) {
    const g = generateSeries(k);
    truth.set(g.series.name, { shape: g.shape, trueBreach: g.trueBreach });
    all.push(g.series);
  }
  // the longest main-thread task: a 1 ms timer's lateness, recorded by libuv (see the README)
  const loop = monitorEventLoopDelay({ resolution: 1 });
  // and the main thread's own CPU time between two turns of a 1 ms timer (on Linux), which
  // a busy machine does not inflate the way it delays the timer
  const threadCpu = threadCpuReader();
  let lastCpu = threadCpu?.() ?? 0;
  let longestCpuMs = 0;
  let ticks = 0;
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    if (threadCpu) {
      const now = threadCpu();
      longestCpuMs = Math.max(longestCpuMs, now - lastCpu);
      lastCpu = now;
    }
    if (++ticks % 20 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 1);
  const cpuBefore = process.cpuUsage();
  let firstRowSeen: number | null = null;
  const started = performance.now();
  loop.enable();
  const fleet = await forecastFleet(
    { series: stream(all), name: 'generated fleet' },
    {
      workers,
      ...(WORKER ? { script: WORKER } : {}),
      onRow: () => {
        firstRowSeen ??= performance.now() - started;
      },
    },
  );
  const wallMs = performance.now() - started;
  loop.disable();
  clearInterval(sampler);
  const cpuUsed = process.cpuUsage(cpuBefore);
  const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const longestMs = loop.max / 1e6;
  const p99Ms = loop.percentile(99) / 1e6;
  const failed = fleet.rows.filter((r) => r.error !== undefined);

  // one worker on the first series, for the throughput of a single core
  const single = await forecastFleet(
    { series: all.slice(0, SINGLE), name: 'one worker' },
    { workers: 1, ...(WORKER ? { script: WORKER } : {}) },
  );
  const singleRate = SINGLE / (single.elapsedMs / 1000);
  const poolRate = SERIES / (wallMs / 1000);

  const own = rankedRows(fleet.rows);
  const ours = quality(own.ranked, truth, own.flagged);
  let r: RResult | undefined;
  if (WITH_R) {
    r = await runR(all.slice(0, R_SERIES), truth, workers);
  }

  const shapes = new Map<string, { count: number; breaching: number }>();
  for (const t of truth.values()) {
    const s = shapes.get(t.shape) ?? { count: 0, breaching: 0 };
    s.count++;
    if (t.trueBreach !== null) s.breaching++;
    shapes.set(t.shape, s);
  }
  console.log(
    `Fleet: ${SERIES} generated series × ${FLEET_POINTS} points (14 days at 5 min), horizon ${FLEET_HORIZON} steps (3.5 days), ${workers} workers on ${os.availableParallelism()} cores worker script ${WORKER ? 'dist/fleetWorker.js (the bundle the editor runs)' : 'the tsc output (no dist/fleetWorker.js)'} (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end).`,
  );
  console.log(
    `Shapes: ${[...shapes].map(([k, v]) => `${k} ${v.count} (${v.breaching} breach)`).join(', ')}; ${failed.length} series failed.`,
  );
  console.log('\n| measure | this run | goal | met |');
  console.log('|---|---:|---:|:---:|');
  console.log(`| whole fleet, wall time | ${ms(wallMs)} | ≤ ${ms(GOALS.wallMs)} | ${met(wallMs <= GOALS.wallMs)} |`);
  const firstMs = fleet.firstRowMs ?? firstRowSeen ?? Infinity;
  console.log(
    `| time to the first ranked row | ${ms(firstMs)} | ≤ ${ms(GOALS.firstMs)} | ${met(firstMs <= GOALS.firstMs)} |`,
  );
  const peakMiB = Math.max(maxRssMiB, peakRss / 2 ** 20);
  console.log(
    `| peak memory (process RSS, workers included): kernel's maxRSS / sampled every 20 ms | ${maxRssMiB.toFixed(0)} MiB / ${(peakRss / 2 ** 20).toFixed(0)} MiB | < 1,024 MiB | ${met(peakMiB < GOALS.peakMiB)} |`,
  );
  console.log(
    `| longest main-thread task, wall (event-loop delay max, 1 ms timer; p99 ${p99Ms.toFixed(1)} ms) | ${longestMs.toFixed(1)} ms | ≤ ${GOALS.taskMs} ms | ${met(longestMs <= GOALS.taskMs)} |`,
  );
  if (threadCpu)
    console.log(
      `| longest main-thread task, CPU (main thread's CPU time between two 1 ms ticks) | ${longestCpuMs.toFixed(1)} ms | ≤ ${GOALS.taskMs} ms | ${met(longestCpuMs <= GOALS.taskMs)} |`,
    );
  console.log(
    `| CPU time of the whole fleet, all threads (÷ ${workers} workers: the wall time with ${workers} idle cores) | ${ms(cpuMs)} (${ms(cpuMs / workers)}) | | |`,
  );
  console.log(
    `| throughput, pool of ${workers} | ${poolRate.toFixed(1)} series/s | ≥ ${(SERIES / (GOALS.wallMs / 1000)).toFixed(1)} series/s | ${met(poolRate >= SERIES / (GOALS.wallMs / 1000))} |`,
  );
  console.log(
    `| throughput, one worker (first ${SINGLE} series: ${ms(single.elapsedMs)}; ${SERIES} would take ≈ ${ms((SERIES / singleRate) * 1000)}) | ${singleRate.toFixed(1)} series/s | | |`,
  );
  for (const line of qualityLines('ours', ours)) console.log(line);
  if (!r) console.log('| R forecast thetaf | skipped (--no-r) | | |');
  else if (r.status !== 'ok')
    console.log(
      `| R forecast thetaf | ${r.status === 'not installed' ? 'skipped: Rscript or forecast not installed (bench/setup-r.sh)' : `failed: ${r.why}`} | | |`,
    );
  else {
    console.log(
      `| R thetaf, ${r.series} series in ${r.processes} processes: wall time (start-up and I/O included) | ${ms(r.wallSeconds * 1000)} | | |`,
    );
    console.log(
      `| R thetaf, one core (time inside thetaf, summed) | ${(r.series / r.thetafSeconds).toFixed(1)} series/s (${((r.thetafSeconds * 1000) / r.series).toFixed(0)} ms a series) | | |`,
    );
    if (r.failedSeries) console.log(`| R thetaf: series it could not forecast | ${r.failedSeries} | | |`);
    if (r.quality && r.series < SERIES) {
      const subset = new Set(all.slice(0, r.series).map((x) => x.name));
      const rows = rankedRows(fleet.rows.filter((row) => subset.has(row.series)));
      for (const line of qualityLines(`ours (first ${r.series})`, quality(rows.ranked, truth, rows.flagged)))
        console.log(line);
    }
    if (r.quality)
      for (const line of qualityLines(`R thetaf${r.series < SERIES ? ` (first ${r.series})` : ''}`, r.quality))
        console.log(line);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
