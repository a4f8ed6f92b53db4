import { createHash } from 'node:crypto';
import { type MetricSet } from '../base/forecastSchema';
import { type ForecastRequest } from '../base/forecastRequest';

/** At most this many forecast points are asked of a model per metric; the normalizer upsamples to the horizon. */
export const MAX_OUTPUT_POINTS = 96;

export interface Prompt {
  readonly system: string;
  readonly user: string;
  readonly schema: Record<string, unknown>;
  /** sha256 of system + user, recorded in ForecastData (the prompt itself is never stored). */
  readonly hash: string;
  readonly request: ForecastRequest;
}

/** The JSON schema of the answer asked of a model (strict-mode compatible). */
export const OUTPUT_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['metrics', 'narrative'],
  properties: {
    metrics: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'values', 'lower', 'upper'],
        properties: {
          name: { type: 'string' },
          values: { type: 'array', items: { type: 'number' } },
          lower: { type: 'array', items: { type: 'number' } },
          upper: { type: 'array', items: { type: 'number' } },
        },
      },
    },
    narrative: { type: 'string' },
  },
};

export function planRequest(set: MetricSet, horizon: number, level: number): ForecastRequest {
  const stepMs = set.metrics[0]?.stepMs ?? 60_000;
  const lastObserved = Math.max(...set.metrics.map((m) => m.start + (m.values.length - 1) * m.stepMs));
  const outputStride = Math.max(1, Math.ceil(horizon / MAX_OUTPUT_POINTS));
  return { horizon, stepMs, lastObserved, level, outputStride, outputCount: Math.ceil(horizon / outputStride) };
}

/**
 * A compact prompt: the task, then one JSON document with each metric's recent history
 * averaged into buckets so that all metrics fit `budgetChars` characters, its capacity and
 * breach side, the horizon and the answer's schema.
 */
export function buildPrompt(set: MetricSet, request: ForecastRequest, budgetChars: number): Prompt {
  const perMetric = Math.max(48, Math.floor(budgetChars / Math.max(1, set.metrics.length) / 8));
  const metrics = set.metrics.map((m) => {
    const n = m.values.length;
    const bucket = Math.max(1, Math.ceil(n / perMetric));
    const count = Math.floor(n / bucket);
    const from = n - count * bucket;
    const history: number[] = [];
    for (let b = 0; b < count; b++) {
      let sum = 0;
      for (let i = 0; i < bucket; i++) sum += m.values[from + b * bucket + i] as number;
      history.push(Number((sum / bucket).toPrecision(5)));
    }
    return {
      name: m.name,
      unit: m.unit ?? null,
      capacity: m.capacity ?? null,
      breach: m.breach,
      history_step_minutes: (bucket * m.stepMs) / 60_000,
      history_ends: new Date(request.lastObserved).toISOString(),
      history,
    };
  });
  const stepMinutes = (request.outputStride * request.stepMs) / 60_000;
  const system =
    'You forecast infrastructure metrics for capacity planning. Answer with one JSON object only, matching the given schema. Numbers only in arrays; no units, no comments.';
  const user = JSON.stringify({
    task: `Forecast every metric for the next ${request.outputCount} points, one every ${stepMinutes} minutes, starting ${stepMinutes} minutes after history_ends. Give "values" (the most likely value), and "lower" and "upper" (a ${Math.round(request.level * 100)}% prediction interval), each an array of exactly ${request.outputCount} numbers, and a short "narrative" in plain text.`,
    points: request.outputCount,
    step_minutes: stepMinutes,
    level: request.level,
    metrics,
    schema: OUTPUT_SCHEMA,
  });
  const hash = createHash('sha256').update(system).update('\n').update(user).digest('hex');
  return { system, user, schema: OUTPUT_SCHEMA, hash: `sha256:${hash}`, request };
}
