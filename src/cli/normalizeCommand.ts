import { loadMetricFile } from '../core/data/loadMetrics';
import { planHorizon } from '../core/forecast/forecastMetricSet';
import { NormalizationError, normalize } from '../core/normalize/normalize';
import { isProviderId } from '../core/base/providerIds';
import { planRequest } from '../core/providers/prompt';
import { EXIT } from '../core/base/exitCodes';
import { UsageError } from './usageError';
import { redactSecrets } from '../core/providers/providerError';
import { envKeys } from './cliProviders';
import { parseHorizonFlag, parseLevelFlag } from './forecastFlags';
import { parseCapacityFlags } from './capacityFlags';
import { readAnswerFile } from './readAnswerFile';

export interface NormalizeFlags {
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly input: string | undefined;
  readonly history: string | undefined;
  readonly horizon: string | undefined;
  readonly level: string | undefined;
  readonly capacity: readonly string[];
}

/**
 * `bottleneck normalize --provider <id> --input <raw> --history <data>`: what the
 * normalization engine makes of a provider's raw answer, for the history it was asked
 * about (with the same horizon as the forecast would use). Prints ForecastData, or the
 * list of problems and exits 2.
 */
export async function normalizeCommand(
  flags: NormalizeFlags,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (!isProviderId(flags.provider))
    throw new UsageError(
      'normalize needs --provider <id> (openai, groq, cloudflare, huggingface, ollama, custom or custom:<name>)',
    );
  if (!flags.input || !flags.history)
    throw new UsageError('normalize needs --input <raw answer file> and --history <metrics file>');
  const set = await loadMetricFile(flags.history, { capacities: parseCapacityFlags(flags.capacity) });
  const horizonFlag = parseHorizonFlag(flags.horizon);
  const level = parseLevelFlag(flags.level);
  const horizon = planHorizon(set, horizonFlag);
  const request = planRequest(set, horizon, level);
  // as on the live path: keys this process knows, and anything key-shaped, never reach the output
  const raw = redactSecrets(readAnswerFile(flags.input), envKeys());
  try {
    const data = normalize(
      raw,
      { provider: flags.provider, model: flags.model ?? null, mode: 'file', promptHash: null },
      request,
      set,
    );
    out(JSON.stringify(data, null, 2));
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof NormalizationError)) throw e;
    err(
      `bottleneck: ${flags.input} could not be normalized (${e.problems.length} problem${e.problems.length > 1 ? 's' : ''}; the request was ${request.outputCount} points, one every ${request.outputStride} step${request.outputStride > 1 ? 's' : ''}):`,
    );
    for (const p of e.problems) err(`  - ${p}`);
    return EXIT.badInput;
  }
}
