import * as assert from 'node:assert/strict';
import { type ForecastData, type MetricSet } from '../../../../src/core/base/forecastSchema';
import { type ForecastLedger } from '../../../../src/core/ledger/forecastLedger';
import { type UsageLedger } from '../../../../src/core/ledger/usageLedger';
import { type Logger, silentLogger } from '../../../../src/core/logging';
import { forecastWithHolder } from '../../../../src/core/providers/forecastWithProvider';
import { ProviderError } from '../../../../src/core/providers/providerError';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';
import { FakeClock, hourlySet } from '../../../support/helpers';

/**
 * One forecast with the lock holder, from the request to ForecastData, through a fetch that
 * answers as an OpenAI-compatible chat completion would (the real servers are in providerClient.test.ts).
 */
describe('forecastWithHolder', () => {
  const BASE = 'http://127.0.0.1:9/v1';
  const stack = parseProviderStack([{ id: 'custom', baseUrl: BASE, model: 'm1' }]).stack;
  const USAGE = { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 };
  let asked: { url: string; body: { model: string; messages: { content: string }[] } }[] = [];
  const answering =
    (content: string, usage: unknown = USAGE): typeof fetch =>
    (input, init) => {
      asked.push({ url: String(input), body: JSON.parse(String(init?.body)) as (typeof asked)[number]['body'] });
      return Promise.resolve(
        new Response(
          JSON.stringify({
            id: 'c1',
            object: 'chat.completion',
            created: 0,
            model: 'm1',
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            ...(usage === undefined ? {} : { usage }),
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
      );
    };
  /** A forecast of every metric of the set: its last value, ±10%, for `points` points. */
  const forecastOf = (set: MetricSet, points: number, narrative = 'steady'): string =>
    JSON.stringify({
      metrics: set.metrics.map((m) => {
        const last = m.values[m.values.length - 1] as number;
        return {
          name: m.name,
          values: Array.from({ length: points }, () => last),
          lower: Array.from({ length: points }, () => last * 0.9),
          upper: Array.from({ length: points }, () => last * 1.1),
        };
      }),
      narrative,
    });
  const lines = () => {
    const seen = { info: [] as string[], warn: [] as string[] };
    const logger: Logger = {
      ...silentLogger,
      info: (m) => seen.info.push(m),
      warn: (m) => seen.warn.push(m),
    };
    return { seen, logger };
  };
  const ledger = () => {
    const calls: string[] = [];
    const fake = {
      score: (s: MetricSet) => {
        calls.push(`score ${s.metrics.length}`);
        return Promise.resolve(0);
      },
      trackRecord: (p: string) => {
        calls.push(`trackRecord ${p}`);
        return undefined;
      },
      record: (d: ForecastData) => {
        calls.push(`record ${d.producer.provider}`);
        return Promise.resolve();
      },
    };
    return { calls, ledger: fake as unknown as ForecastLedger };
  };
  const usageLedger = (fail?: Error) => {
    const recorded: unknown[] = [];
    const fake = {
      record: (provider: string, usage: unknown) => {
        recorded.push([provider, usage]);
        return fail ? Promise.reject(fail) : Promise.resolve();
      },
    };
    return { recorded, usage: fake as unknown as UsageLedger };
  };
  const base = {
    stack,
    getKey: () => Promise.resolve(undefined),
    horizon: { steps: 24 },
    clock: new FakeClock(),
  };
  beforeEach(() => {
    asked = [];
  });

  it('refuses to forecast when no provider holds the lock, sending nothing', async () => {
    const err = await forecastWithHolder(hourlySet(), { ...base, holder: null, fetch: answering('{}') }).catch(
      (e: unknown) => e,
    );
    assert.ok(err instanceof ProviderError, String(err));
    assert.deepEqual(
      [err.provider, err.failure, err.message],
      ['builtin', 'not-configured', 'Built-in is not configured: no provider holds the lock.'],
    );
    assert.equal(asked.length, 0);
  });

  it('forecasts with the built-in forecaster when it holds the lock, scoring the ledger first', async () => {
    const { calls, ledger: l } = ledger();
    const data = await forecastWithHolder(hourlySet(), {
      ...base,
      holder: 'builtin',
      ledger: l,
      fetch: answering('{}'),
    });
    assert.equal(data.producer.provider, 'builtin');
    assert.equal(asked.length, 0);
    assert.deepEqual(calls, ['score 1']);
  });

  it('refuses a holder that is not in the stack', async () => {
    const err = await forecastWithHolder(hourlySet(), { ...base, holder: 'groq', fetch: answering('{}') }).catch(
      (e: unknown) => e,
    );
    assert.ok(err instanceof ProviderError, String(err));
    assert.equal(err.message, 'Groq is not configured: it is not in bottleneck.providers.');
  });

  it("asks the holder's model once, and gives its answer as ForecastData with the tokens it used", async () => {
    const set = hourlySet();
    const { seen, logger } = lines();
    const { calls, ledger: l } = ledger();
    const { recorded, usage } = usageLedger();
    const data = await forecastWithHolder(set, {
      ...base,
      holder: 'custom',
      fetch: answering(forecastOf(set, 24)),
      logger,
      ledger: l,
      usage,
    });
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.url, `${BASE}/chat/completions`);
    assert.equal(asked[0]?.body.model, 'm1');
    assert.equal(data.producer.provider, 'custom');
    assert.equal(data.producer.model, 'm1');
    assert.equal(data.level, 0.95);
    assert.equal(data.narrative, 'steady');
    assert.deepEqual(data.producer.usage, { promptTokens: 1200, completionTokens: 300 });
    assert.equal(data.metrics[0]?.points.length, 24);
    assert.deepEqual(recorded, [['custom', { promptTokens: 1200, completionTokens: 300 }]]);
    assert.deepEqual(calls, ['score 1', 'trackRecord custom', 'record custom']);
    assert.equal(seen.info.length, 2);
    assert.match(
      seen.info[0] ?? '',
      /^forecast request to custom \(m1\) at 127\.0\.0\.1:9: 1 metrics, 24 points, prompt sha256:[0-9a-f]{12}…$/,
    );
    assert.equal(
      seen.info[1],
      `custom answered in 0 ms (${forecastOf(set, 24).length} characters, prompt; 1,200 prompt + 300 completion tokens)`,
    );
  });

  it('asks for the level it is given', async () => {
    const set = hourlySet();
    const data = await forecastWithHolder(set, {
      ...base,
      holder: 'custom',
      level: 0.8,
      fetch: answering(forecastOf(set, 24)),
    });
    assert.equal(data.level, 0.8);
    assert.match(asked[0]?.body.messages[1]?.content ?? '', /a 80% prediction interval/);
  });

  it('still gives the forecast when its tokens cannot be saved, and says so', async () => {
    const set = hourlySet();
    const { seen, logger } = lines();
    const { usage } = usageLedger(new Error('disk full'));
    const data = await forecastWithHolder(set, {
      ...base,
      holder: 'custom',
      fetch: answering(forecastOf(set, 24), null),
      logger,
      usage,
    });
    assert.equal(data.producer.usage, null);
    assert.deepEqual(seen.warn, ["the tokens of custom's answer could not be saved: disk full"]);
    assert.match(seen.info[1] ?? '', /tokens not reported by the provider\)$/);
  });

  it('never lets a key-shaped string of the answer into the forecast', async () => {
    const set = hourlySet();
    const data = await forecastWithHolder(set, {
      ...base,
      holder: 'custom',
      fetch: answering(forecastOf(set, 24, 'my key is sk-abcdefghijklmnop')),
    });
    assert.equal(data.narrative, 'my key is [redacted]');
  });

  it('calls an answer that is no forecast bad output, with its first three problems and how many more, after counting its tokens', async () => {
    const set: MetricSet = {
      ...hourlySet(),
      metrics: ['a', 'b', 'c', 'd', 'e'].map((name) => ({
        ...(hourlySet().metrics[0] as MetricSet['metrics'][number]),
        name,
      })),
    };
    const { recorded, usage } = usageLedger();
    const { calls, ledger: l } = ledger();
    const err = await forecastWithHolder(set, {
      ...base,
      holder: 'custom',
      fetch: answering(JSON.stringify({ metrics: [], narrative: 'x' })),
      usage,
      ledger: l,
    }).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError, String(err));
    assert.equal(err.failure, 'bad-output');
    assert.ok(err.problems.length > 3, err.problems.join('\n'));
    assert.equal(
      err.detail,
      `${err.problems[0]}; ${err.problems[1]}; ${err.problems[2]}; and ${err.problems.length - 3} more`,
    );
    assert.equal(recorded.length, 1, 'the tokens were spent all the same');
    assert.deepEqual(calls, ['score 5', 'trackRecord custom'], 'nothing recorded in the ledger');
  });

  it('names every problem when there are three or fewer', async () => {
    const set = hourlySet();
    const err = await forecastWithHolder(set, {
      ...base,
      holder: 'custom',
      fetch: answering(JSON.stringify({ metrics: [], narrative: 'x' })),
    }).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError, String(err));
    assert.ok(err.problems.length >= 1 && err.problems.length <= 3, err.problems.join('\n'));
    assert.equal(err.detail, err.problems.join('; '));
  });
});
