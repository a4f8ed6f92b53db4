import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../src/core/random';

/**
 * Writes samples/service-metrics.csv: a made-up web service over four weeks at 5-minute
 * steps, with daily and weekly cycles, growth, noise and a few gaps. Deterministic (a
 * fixed seed), so the file only changes when this script does.
 *   npm run sample
 */
const STEP_MS = 5 * 60_000;
const DAYS = 28;
const END = Date.parse('2026-11-27T23:55:00Z');
const START = END - (DAYS * 288 - 1) * STEP_MS;

const random = seededRandom(20261128);
const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const METRICS = [
  { name: 'cpu_utilization', unit: '%', capacity: 85, breach: 'above' },
  { name: 'memory_used', unit: '%', capacity: 90, breach: 'above' },
  { name: 'disk_free', unit: 'GB', capacity: 40, breach: 'below' },
  { name: 'queue_depth', unit: 'messages', capacity: 5000, breach: 'above' },
  { name: 'latency_p95', unit: 'ms', capacity: 350, breach: 'above' },
] as const;

const lines = ['timestamp,metric,value,unit,capacity,breach'];
const first = new Set<string>();
let memoryLeak = 0;
let diskFree = 390;
let queue = 300;
// a two-hour outage of the metrics pipeline on day 17, and a few lost single points
const outage = { from: START + 17 * 86_400_000 + 9 * 3_600_000, to: START + 17 * 86_400_000 + 11 * 3_600_000 };
for (let i = 0; i < DAYS * 288; i++) {
  const t = START + i * STEP_MS;
  const date = new Date(t);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const weekday = date.getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const day = i / 288;
  // traffic: a daily wave peaking at 15:00 UTC, lower on weekends, growing 2.2% a day
  const wave = Math.max(0, Math.sin(((hour - 9) / 24) * 2 * Math.PI));
  const load = (0.35 + 0.65 * wave) * (weekend ? 0.62 : 1) * (1 + 0.022 * day);
  const cpu = Math.min(100, 10 + 43 * load + 2.2 * gauss());
  memoryLeak += 0.0042 + 0.002 * random();
  if (i % (288 * 7) === 288 * 7 - 1) memoryLeak = 0; // weekly restart
  const memory = 48 + 9 * load + memoryLeak * 1.1 + 0.8 * gauss();
  diskFree -= (0.02 + 0.025 * load) * (1 + 0.3 * random());
  if (hour === 3) diskFree += 1.6; // nightly log rotation frees a little
  queue = Math.max(0, queue * 0.7 + 0.3 * (180 + 1400 * load ** 2.2) + 60 * gauss());
  const utilization = Math.min(0.97, cpu / 100);
  const latency =
    80 + (40 / (1 - utilization)) * (0.6 + 0.4 * load) + 10 * gauss() + (random() < 0.004 ? 150 * random() : 0);
  if (t >= outage.from && t < outage.to) continue;
  const values = [cpu, memory, diskFree, queue, latency];
  METRICS.forEach((m, k) => {
    if (random() < 0.0015) return; // a lost sample
    const meta = first.has(m.name) ? ',,,' : `,${m.unit},${m.capacity},${m.breach}`;
    first.add(m.name);
    lines.push(`${date.toISOString().replace(':00.000Z', 'Z')},${m.name},${(values[k] as number).toFixed(2)}${meta}`);
  });
}
const target = path.resolve(__dirname, '..', '..', 'samples', 'service-metrics.csv');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, lines.join('\n') + '\n');
console.log(`wrote ${path.relative(process.cwd(), target)}: ${lines.length - 1} rows`);
