import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { type MetricSet } from '../../../../src/core/base/forecastSchema';
import { MAX_OUTPUT_POINTS, OUTPUT_SCHEMA, buildPrompt, planRequest } from '../../../../src/core/providers/prompt';

const START = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

function set(
  ...metrics: { name: string; values: number[]; stepMs?: number; start?: number; unit?: string; capacity?: number }[]
): MetricSet {
  return {
    source: 'm.csv',
    warnings: [],
    metrics: metrics.map((m) => ({
      name: m.name,
      ...(m.unit !== undefined ? { unit: m.unit } : {}),
      ...(m.capacity !== undefined ? { capacity: m.capacity } : {}),
      breach: 'above' as const,
      start: m.start ?? START,
      stepMs: m.stepMs ?? HOUR,
      values: Float64Array.from(m.values),
      filled: 0,
    })),
  };
}

type UserDoc = {
  task: string;
  points: number;
  step_minutes: number;
  level: number;
  metrics: {
    name: string;
    unit: string | null;
    capacity: number | null;
    breach: string;
    history_step_minutes: number;
    history_ends: string;
    history: number[];
  }[];
  schema: unknown;
};

describe('planRequest: what is asked of a model', () => {
  it('asks for every step up to 96 points, from the latest observation of any metric', () => {
    const s = set({ name: 'a', values: [1, 2, 3] }, { name: 'b', values: [1, 2, 3, 4, 5], start: START - HOUR });
    assert.deepEqual(planRequest(s, 96, 0.9), {
      horizon: 96,
      stepMs: HOUR,
      lastObserved: START + 3 * HOUR,
      level: 0.9,
      outputStride: 1,
      outputCount: 96,
    });
  });

  it('strides a longer horizon so that at most 96 points are asked', () => {
    assert.equal(MAX_OUTPUT_POINTS, 96);
    const s = set({ name: 'a', values: [1, 2] });
    assert.deepEqual([planRequest(s, 97, 0.95).outputStride, planRequest(s, 97, 0.95).outputCount], [2, 49]);
    assert.deepEqual([planRequest(s, 192, 0.95).outputStride, planRequest(s, 192, 0.95).outputCount], [2, 96]);
    assert.deepEqual([planRequest(s, 1000, 0.95).outputStride, planRequest(s, 1000, 0.95).outputCount], [11, 91]);
    assert.deepEqual([planRequest(s, 1, 0.95).outputStride, planRequest(s, 1, 0.95).outputCount], [1, 1]);
  });

  it("takes the first metric's step, or a minute without metrics", () => {
    assert.equal(planRequest(set({ name: 'a', values: [1], stepMs: 300_000 }), 10, 0.95).stepMs, 300_000);
    assert.equal(planRequest(set(), 10, 0.95).stepMs, 60_000);
  });
});

describe('buildPrompt: the history, its buckets and the task', () => {
  it('sends a short history as it is, with its step, end, unit, capacity and breach side', () => {
    const s = set({ name: 'cpu', values: [1, 2, 3], unit: '%', capacity: 90 });
    const request = planRequest(s, 4, 0.95);
    const prompt = buildPrompt(s, request, 12_000);
    const doc = JSON.parse(prompt.user) as UserDoc;
    assert.deepEqual(doc.metrics, [
      {
        name: 'cpu',
        unit: '%',
        capacity: 90,
        breach: 'above',
        history_step_minutes: 60,
        history_ends: new Date(START + 2 * HOUR).toISOString(),
        history: [1, 2, 3],
      },
    ]);
    assert.equal(doc.points, 4);
    assert.equal(doc.step_minutes, 60);
    assert.equal(doc.level, 0.95);
    assert.deepEqual(doc.schema, OUTPUT_SCHEMA);
    assert.equal(
      doc.task,
      'Forecast every metric for the next 4 points, one every 60 minutes, starting 60 minutes after history_ends. Give "values" (the most likely value), and "lower" and "upper" (a 95% prediction interval), each an array of exactly 4 numbers, and a short "narrative" in plain text.',
    );
  });

  it('says null for a metric without unit or capacity', () => {
    const doc = JSON.parse(
      buildPrompt(set({ name: 'q', values: [5] }), planRequest(set({ name: 'q', values: [5] }), 1, 0.8), 100).user,
    ) as UserDoc;
    assert.equal(doc.metrics[0]?.unit, null);
    assert.equal(doc.metrics[0]?.capacity, null);
    assert.match(doc.task, /\(a 80% prediction interval\)/);
  });

  it('keeps at least 48 values per metric, and more as the budget allows', () => {
    const values = Array.from({ length: 200 }, (_, i) => i);
    const s = set({ name: 'a', values });
    const small = JSON.parse(buildPrompt(s, planRequest(s, 4, 0.95), 0).user) as UserDoc;
    // 200 values in buckets of ceil(200 / 48) = 5: 40 buckets, the newest kept
    assert.equal(small.metrics[0]?.history.length, 40);
    assert.equal(small.metrics[0]?.history_step_minutes, 300);
    assert.deepEqual(small.metrics[0]?.history.slice(0, 2), [2, 7]);
    assert.equal(small.metrics[0]?.history.at(-1), 197);
    // a budget of 8 × 100 characters: buckets of 2
    const wide = JSON.parse(buildPrompt(s, planRequest(s, 4, 0.95), 800).user) as UserDoc;
    assert.equal(wide.metrics[0]?.history.length, 100);
    assert.deepEqual(wide.metrics[0]?.history.slice(0, 2), [0.5, 2.5]);
    // the budget is shared between the metrics
    const two = set({ name: 'a', values }, { name: 'b', values });
    const shared = JSON.parse(buildPrompt(two, planRequest(two, 4, 0.95), 1600).user) as UserDoc;
    assert.deepEqual(
      shared.metrics.map((m) => m.history.length),
      [100, 100],
    );
  });

  it('drops the oldest values that do not fill a bucket', () => {
    const s = set({ name: 'a', values: Array.from({ length: 99 }, (_, i) => i) });
    // 99 values, buckets of ceil(99 / 48) = 3: 33 buckets, none dropped; 98 values: 32 buckets, the first 2 dropped
    const odd = set({ name: 'a', values: Array.from({ length: 98 }, (_, i) => i) });
    assert.equal((JSON.parse(buildPrompt(s, planRequest(s, 1, 0.95), 0).user) as UserDoc).metrics[0]?.history[0], 1);
    const first = (JSON.parse(buildPrompt(odd, planRequest(odd, 1, 0.95), 0).user) as UserDoc).metrics[0];
    assert.equal(first?.history.length, 32);
    assert.equal(first?.history[0], 3);
  });

  it('rounds each bucket to five significant digits', () => {
    const s = set({ name: 'a', values: [1 / 3, 123456.789] });
    assert.deepEqual(
      (JSON.parse(buildPrompt(s, planRequest(s, 1, 0.95), 0).user) as UserDoc).metrics[0]?.history,
      [0.33333, 123460],
    );
  });

  it('says a strided step in minutes, and hashes exactly what is sent', () => {
    const s = set({ name: 'a', values: [1, 2], stepMs: 300_000 });
    const request = planRequest(s, 200, 0.9);
    const prompt = buildPrompt(s, request, 100);
    const doc = JSON.parse(prompt.user) as UserDoc;
    assert.equal(doc.step_minutes, 15);
    assert.match(doc.task, /next 67 points, one every 15 minutes, starting 15 minutes after/);
    assert.equal(
      prompt.system,
      'You forecast infrastructure metrics for capacity planning. Answer with one JSON object only, matching the given schema. Numbers only in arrays; no units, no comments.',
    );
    const expected = createHash('sha256').update(`${prompt.system}\n${prompt.user}`).digest('hex');
    assert.equal(prompt.hash, `sha256:${expected}`);
    assert.equal(prompt.schema, OUTPUT_SCHEMA);
    assert.equal(prompt.request, request);
  });
});
