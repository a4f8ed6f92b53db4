import { performance } from 'node:perf_hooks';
import { normalize } from '../src/core/normalize/normalize';
import { builtinPrediction, type MetricPrediction } from '../src/core/forecast/forecastMetricSet';
import { type MetricSet } from '../src/core/base/forecastSchema';
import { type ForecastRequest } from '../src/core/base/forecastRequest';

/**
 * `npm run bench:normalize`: normalizes a provider answer of about 1 MB (fenced JSON with
 * prose, 10 metrics × 1,300 points as point objects with ISO timestamps and bounds) against
 * a history of 10 metrics × 8,064 points at 5 minutes (four weeks). For normalize() given
 * the built-in reference (as the provider path calls it: the reference is computed while
 * the request is in flight), prints the median of 7 calls after a first one, that first
 * call (the process's), and the steady state once V8 has optimized it (the median of 15
 * calls after 19). Then medians of 3 after a warm-up: the reference alone, and normalize()
 * computing the reference itself (as `bottleneck normalize` does).
 */
const STEP = 300_000;
const N = 8_064;
const H = 1_300;
const start = Date.parse('2026-09-01T00:00:00Z');
const metrics = Array.from({ length: 10 }, (_, k) => ({
  name: `metric_${k}`,
  unit: '%',
  capacity: 90,
  breach: 'above' as const,
  start,
  stepMs: STEP,
  filled: 0,
  values: Float64Array.from(
    { length: N },
    (_, i) => 40 + 10 * Math.sin((i / 288) * 2 * Math.PI) + ((i * (k + 7)) % 11) / 3,
  ),
}));
const history: MetricSet = { source: 'bench', metrics, warnings: [] };
const last = start + (N - 1) * STEP;
const request: ForecastRequest = {
  horizon: H,
  stepMs: STEP,
  lastObserved: last,
  level: 0.95,
  outputStride: 1,
  outputCount: H,
};
const answer = {
  metrics: metrics.map((m) => ({
    name: m.name,
    points: Array.from({ length: H }, (_, i) => {
      const v = Number((45 + 10 * Math.sin(((N + i) / 288) * 2 * Math.PI)).toFixed(3));
      return {
        t: new Date(last + (i + 1) * STEP).toISOString(),
        value: v,
        lower: Number((v - 4).toFixed(3)),
        upper: Number((v + 4).toFixed(3)),
      };
    }),
  })),
  narrative: 'Steady daily cycle; no breach expected.',
};
const text = `Here is the forecast.\n\`\`\`json\n${JSON.stringify(answer)}\n\`\`\`\nDone.`;
const producer = { provider: 'custom' as const, model: 'bench', mode: 'prompt', promptHash: null };

/** The time of the first call, and the median of `runs` calls after it. */
function timings(f: () => void, runs = 7): { first: number; median: number } {
  const t0 = performance.now();
  f();
  const first = performance.now() - t0;
  const times = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  return { first, median: times[runs >> 1] as number };
}
const median = (f: () => void, runs = 7): number => timings(f, runs).median;

const makeReference = (): Map<string, MetricPrediction> =>
  new Map(metrics.map((m) => [m.name, builtinPrediction(m, H, 0.95)]));
const reference = makeReference();
const provider = (): void => void normalize(text, producer, request, history, { reference });
const { first, median: given } = timings(provider);
// once V8 has optimized it: 10 more calls, then (after one more) the median of 15
for (let i = 0; i < 10; i++) provider();
const steady = median(provider, 15);
const referenceOnly = median(() => makeReference(), 3);
const alone = median(() => normalize(text, producer, request, history), 3);
console.log('| case | value |');
console.log('|---|---:|');
console.log(
  `| answer size | ${(text.length / 1e6).toFixed(2)} MB (${(10 * H).toLocaleString('en')} points with bounds) |`,
);
console.log(`| normalize() with the built-in reference given (the provider path) | ${given.toFixed(1)} ms |`);
console.log(`| same, its first call in the process | ${first.toFixed(1)} ms |`);
console.log(`| same, steady state (the median of 15 calls after 19) | ${steady.toFixed(1)} ms |`);
console.log(
  `| the built-in reference alone (computed while the request is in flight) | ${referenceOnly.toFixed(1)} ms |`,
);
console.log(`| normalize() computing the reference itself (bottleneck normalize) | ${alone.toFixed(1)} ms |`);
// what models really send: 96 points per metric (the prompt asks for at most that), 5 metrics
const small = {
  metrics: metrics.slice(0, 5).map((m) => ({
    name: m.name,
    values: Array.from({ length: 96 }, (_, i) => 45 + (i % 24)),
    lower: Array.from({ length: 96 }, (_, i) => 40 + (i % 24)),
    upper: Array.from({ length: 96 }, (_, i) => 50 + (i % 24)),
  })),
  narrative: 'ok',
};
const smallText = '```json\n' + JSON.stringify(small) + '\n```';
const smallHistory: MetricSet = { ...history, metrics: metrics.slice(0, 5) };
const smallRequest: ForecastRequest = { ...request, horizon: 288, outputStride: 3, outputCount: 96 };
const smallReference = new Map(metrics.slice(0, 5).map((m) => [m.name, builtinPrediction(m, 288, 0.95)]));
const typical = median(() => normalize(smallText, producer, smallRequest, smallHistory, { reference: smallReference }));
console.log(
  `| a typical answer (${(smallText.length / 1000).toFixed(0)} KB: 5 metrics × 96 points, horizon 288), reference given | ${typical.toFixed(2)} ms |`,
);
