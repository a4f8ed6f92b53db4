import { type Clock, systemClock } from '../time/clock';
import { type ForecastData, type MetricSet } from '../base/forecastSchema';
import {
  builtinPrediction,
  forecastMetricSet,
  planHorizon,
  type ForecastOptions,
  type MetricPrediction,
} from '../forecast/forecastMetricSet';
import { type ForecastLedger } from '../ledger/forecastLedger';
import { type UsageLedger } from '../ledger/usageLedger';
import { usageLine } from '../base/tokenUsage';
import { NormalizationError, normalize } from '../normalize/normalize';
import { type ProviderEntry } from '../settings/providerStack';
import { type Logger, silentLogger } from '../logging';
import { messageOf } from '../errors';
import { type ProviderId } from '../base/providerIds';
import { ProviderError, redactSecrets } from './providerError';
import { type KeySource } from './keyGrant';
import { connectProvider } from './connectProvider';
import { kindInfo } from './providerKinds';
import { buildPrompt, planRequest } from './prompt';

export interface ProviderForecastOptions extends ForecastOptions {
  /** The provider that holds the lock: the request goes to it and to no other. */
  readonly holder: ProviderId | null;
  /** The provider stack (its entry for the holder gives model, base URL, timeout). */
  readonly stack: readonly ProviderEntry[];
  /** Looks up the holder's API key and the origins it may go to (SecretStorage in the editor, an environment variable in the CLI). */
  readonly getKey: KeySource;
  readonly signal?: AbortSignal;
  readonly ledger?: ForecastLedger;
  /** Counts each answer's tokens for the month (budgets are checked against it). */
  readonly usage?: UsageLedger;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly logger?: Logger;
}

/**
 * Forecasts a metric set with the lock holder: the built-in forecaster, or the holder's
 * LLM through its OpenAI-compatible API, normalized into ForecastData. One request to one
 * provider; a failure is a classified ProviderError, never a silent switch to another.
 */
export async function forecastWithHolder(set: MetricSet, options: ProviderForecastOptions): Promise<ForecastData> {
  const { holder, logger = silentLogger } = options;
  const clock: Clock = options.clock ?? systemClock;
  if (holder === null) throw new ProviderError('builtin', 'not-configured', 'no provider holds the lock');
  await options.ledger?.score(set);
  if (holder === 'builtin') return forecastMetricSet(set, options);
  const entry = options.stack.find((e) => e.id === holder);
  if (!entry) throw new ProviderError(holder, 'not-configured', 'it is not in bottleneck.providers');
  const level = options.level ?? 0.95;
  const horizon = planHorizon(set, options.horizon);
  const request = planRequest(set, horizon, level);
  const prompt = buildPrompt(set, request, kindInfo(holder).historyBudgetChars);
  const client = await connectProvider(entry, options.getKey, options);
  logger.info(
    `forecast request to ${holder} (${client.model}) at ${new URL(client.baseUrl).host}: ${set.metrics.length} metrics, ${request.outputCount} points, prompt ${prompt.hash.slice(0, 19)}…`,
  );
  const started = clock.now().getTime();
  const pending = client.complete(prompt, options.signal);
  pending.catch(() => undefined); // a fast failure is awaited below; until then it is not an unhandled rejection
  // While the request is in flight, compute the built-in reference the answer is compared with.
  await new Promise((resolve) => setImmediate(resolve));
  const reference = new Map<string, MetricPrediction>(
    set.metrics.map((m) => [m.name, builtinPrediction(m, horizon, level)]),
  );
  const answer = await pending;
  // a model that echoes the key (or any key-shaped string) never gets it into a forecast, a log or a file
  const text = redactSecrets(answer.text, client.secrets);
  const { mode, usage } = answer;
  logger.info(
    `${holder} answered in ${clock.now().getTime() - started} ms (${text.length} characters, ${mode}; ${usageLine(usage)})`,
  );
  // counted before the answer is read: an answer that is no forecast spent its tokens too
  await options.usage
    ?.record(holder, usage)
    .catch((err: unknown) => logger.warn(`the tokens of ${holder}'s answer could not be saved: ${messageOf(err)}`));
  let data: ForecastData;
  try {
    const trackRecord = options.ledger?.trackRecord(holder);
    data = normalize(text, { provider: holder, model: client.model, mode, promptHash: prompt.hash }, request, set, {
      clock,
      reference,
      ...(trackRecord ? { trackRecord } : {}),
    });
    data = { ...data, producer: { ...data.producer, usage } };
  } catch (err) {
    if (err instanceof NormalizationError) {
      throw new ProviderError(
        holder,
        'bad-output',
        err.problems.slice(0, 3).join('; ') + (err.problems.length > 3 ? `; and ${err.problems.length - 3} more` : ''),
        { problems: err.problems },
      );
    }
    throw err;
  }
  await options.ledger?.record(data, set);
  return data;
}
