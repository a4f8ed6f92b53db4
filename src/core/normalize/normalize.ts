import * as z from '../base/zod';
import { type Clock, systemClock } from '../time/clock';
import { type ProviderId } from '../base/providerIds';
import { type ForecastRequest } from '../base/forecastRequest';
import { type ForecastData, type MetricSet } from '../base/forecastSchema';
import { assembleForecast, builtinPrediction, type MetricPrediction } from '../forecast/forecastMetricSet';
import { describeIssues } from '../base/describeIssues';
import { MAX_ANSWER_CHARS, NARRATIVE_LIMIT } from './answerLimits';
import { collectSeries } from './collectSeries';
import { extractJsonBlocks } from './extractJson';
import { toPrediction } from './metricPrediction';
import { type TrackRecord } from '../base/trackRecord';
import { toPlainText } from './plainText';
import { findKey, isObj, NARRATIVE_KEYS } from './seriesFields';

export { MAX_ANSWER_CHARS, NARRATIVE_LIMIT } from './answerLimits';
export { LENGTH_TOLERANCE } from './gridPlacement';

/** The normalizer's own error: every problem it found, one sentence each. */
export class NormalizationError extends Error {
  override readonly name = 'NormalizationError';
  constructor(readonly problems: readonly string[]) {
    super(`the provider's output could not be used: ${problems.join('; ')}`);
  }
}

export interface ProducerInfo {
  readonly provider: ProviderId;
  readonly model: string | null;
  /** How the output was asked for (json_schema, json_object, prompt). */
  readonly mode: string;
  readonly promptHash: string | null;
}

export interface NormalizeOptions {
  readonly clock?: Clock;
  readonly trackRecord?: TrackRecord;
  /**
   * The built-in forecast of the same history and horizon, which the answer is compared
   * with and missing bounds are derived from. Computed here when not given; the provider
   * path computes it while the request is in flight.
   */
  readonly reference?: ReadonlyMap<string, MetricPrediction>;
}

/** What one JSON block of the answer makes: a prediction per metric, or problems. */
interface Reading {
  readonly predictions: Map<string, MetricPrediction>;
  readonly problems: string[];
  readonly warnings: string[];
  /** How many of the history's metrics it has a series for. */
  readonly found: number;
}

/**
 * Turns whatever a provider returned into `ForecastData`, or throws NormalizationError
 * listing every problem. Breach, risk and confidence are computed by the same code as
 * the built-in forecaster's; the model's own opinion of them is ignored.
 *
 * An answer longer than MAX_ANSWER_CHARS is rejected unread. When the answer holds several
 * JSON blocks (a draft, then a correction), the last one that is a valid forecast is
 * used, with a warning. Tolerances (documented in the README): a series up to 10% (at
 * least one point) short is padded with its last value; a longer one is truncated;
 * values below a metric's physical floor or above 100 for a percentage are clipped;
 * missing or unusable bounds are derived from the built-in forecaster's backtest errors;
 * all with a warning. Non-finite values, series more than 10% short, values a thousand
 * times beyond anything in the history, and metrics missing from the answer are problems.
 */
export function normalize(
  output: string,
  producer: ProducerInfo,
  request: ForecastRequest,
  history: MetricSet,
  options: NormalizeOptions = {},
): ForecastData {
  if (typeof output !== 'string') throw new NormalizationError(['the answer was empty']);
  if (output.length > MAX_ANSWER_CHARS) {
    throw new NormalizationError([
      `the answer is ${output.length.toLocaleString('en')} characters long, more than the ${MAX_ANSWER_CHARS.toLocaleString('en')} (4 MiB) accepted, so it was not read`,
    ]);
  }
  if (output.trim() === '') throw new NormalizationError(['the answer was empty']);
  const extracted = extractJsonBlocks(output);
  if ('error' in extracted) throw new NormalizationError([extracted.error]);

  // the built-in forecast of each metric, computed at most once whatever the number of blocks
  const computed = new Map<string, MetricPrediction>();
  const builtin = (name: string): MetricPrediction => {
    let b = options.reference?.get(name) ?? computed.get(name);
    if (!b) {
      const metric = history.metrics.find((m) => m.name === name);
      // Stryker disable next-line ConditionalExpression,StringLiteral,CallExpression: only called with the name of a history metric
      if (!metric) throw new Error(`no metric "${name}"`);
      b = builtinPrediction(metric, request.horizon, request.level);
      // Stryker disable next-line CallExpression: a memo; without it the same forecast is computed again
      computed.set(name, b);
    }
    return b;
  };
  const label = producer.model ? `${producer.provider}:${producer.model}` : producer.provider;
  const read = (root: unknown): Reading => {
    const problems: string[] = [];
    const warnings: string[] = [];
    const predictions = new Map<string, MetricPrediction>();
    const found = collectSeries(root, history, request.level, warnings);
    for (const metric of history.metrics) {
      const raw = found.get(metric.name);
      if (!raw) {
        problems.push(`"${metric.name}" is missing from the answer`);
        continue;
      }
      const prediction = toPrediction(
        metric,
        raw,
        request,
        label,
        () => builtin(metric.name),
        options.trackRecord,
        problems,
        warnings,
      );
      // Stryker disable next-line ConditionalExpression: no prediction means a problem, and then this reading is not used
      if (prediction) predictions.set(metric.name, prediction);
    }
    return { predictions, problems, warnings, found: found.size };
  };

  // the last block that is a valid forecast; failing that, the problems of the one closest to one
  const blocks = extracted.blocks;
  let chosen: { index: number; reading: Reading } | undefined;
  let closest: { index: number; reading: Reading } | undefined;
  for (let i = blocks.length - 1; i >= 0 && !chosen; i--) {
    const reading = read((blocks[i] as { value: unknown }).value);
    if (reading.problems.length === 0) chosen = { index: i, reading };
    else if (!closest || reading.found > closest.reading.found) closest = { index: i, reading };
  }
  if (!chosen) {
    const { index, reading } = closest as { index: number; reading: Reading };
    throw new NormalizationError(
      blocks.length > 1
        ? [
            ...reading.problems,
            `(the answer held ${blocks.length} JSON blocks and none is a valid forecast; these are the problems of block ${index + 1}, the closest to one)`,
          ]
        : reading.problems,
    );
  }
  const warnings = chosen.reading.warnings;
  if (blocks.length > 1) {
    warnings.unshift(
      chosen.index === blocks.length - 1
        ? `The answer held ${blocks.length} JSON blocks; the last one, a valid forecast, was used.`
        : `The answer held ${blocks.length} JSON blocks; block ${chosen.index + 1} was used, the last one that is a valid forecast (the later ones are not).`,
    );
  }
  const root = (blocks[chosen.index] as { value: unknown }).value;
  try {
    return assembleForecast(history, {
      horizon: request.horizon,
      level: request.level,
      predictions: chosen.reading.predictions,
      producer: {
        provider: producer.provider,
        model: producer.model,
        method: `${producer.provider} (${producer.mode}), normalized`,
        promptHash: producer.promptHash,
      },
      clock: options.clock ?? systemClock,
      warnings,
      narrative: findNarrative(root, extracted.prose),
    });
  } catch (err) {
    if (err instanceof z.ZodError)
      throw new NormalizationError([`the normalized forecast is not valid: ${describeIssues(err)}`]);
    throw err;
  }
}

/** The model's words: a narrative field, else the prose around the JSON; plain text, capped. */
function findNarrative(root: unknown, prose: string): string | null {
  let text: string | undefined;
  // Stryker disable next-line ConditionalExpression: a block is an object or an array, and an array has no narrative key
  if (isObj(root)) {
    const k = findKey(root, NARRATIVE_KEYS);
    if (k !== undefined && typeof root[k] === 'string') text = root[k];
  }
  const plain = toPlainText(text ?? prose, NARRATIVE_LIMIT);
  return plain === '' ? null : plain;
}
