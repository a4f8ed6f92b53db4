import * as assert from 'node:assert/strict';
import { FakeOpenAiServer, type Behaviour } from '../../../support/openaiServer';
import { forecastWithHolder } from '../../../../src/core/providers/forecastWithProvider';
import { ProviderError } from '../../../../src/core/providers/providerError';
import { parseProviderStack } from '../../../../src/core/settings/providerStack';
import { ProviderLock } from '../../../../src/core/lock/providerLock';
import { ForecastLedger } from '../../../../src/core/ledger/forecastLedger';
import { MemoryStore } from '../../../support/memoryStore';
import { type Logger } from '../../../../src/core/logging';
import { FakeClock, hourlySet } from '../../../support/helpers';

const KEY = 'sk-leak-check-FAKE-0f9e8d7c6b5a4938';

describe('a known fake key never leaks, through every failure class', function () {
  this.timeout(60_000);
  const server = new FakeOpenAiServer();
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.stop();
  });

  it('appears in no log line, error message, audit entry, stored state or ledger', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      trace: (m, ...a) => lines.push(m, ...a.map(String)),
      debug: (m, ...a) => lines.push(m, ...a.map(String)),
      info: (m, ...a) => lines.push(m, ...a.map(String)),
      warn: (m, ...a) => lines.push(m, ...a.map(String)),
      error: (m, ...a) => lines.push(String(m), ...a.map(String)),
    };
    const store = new MemoryStore();
    const { lock } = await ProviderLock.open(store, { clock: new FakeClock() });
    const ledger = new ForecastLedger(store);
    const behaviours: Behaviour[] = [
      'valid',
      'fenced',
      'prose',
      'broken',
      'empty-choices',
      '401',
      '403',
      '404',
      '429-quota',
      '500',
      '503',
      'hang',
      'reset',
    ];
    const seen = new Set<string>();
    for (const model of behaviours) {
      const stack = parseProviderStack([{ id: 'custom', baseUrl: server.baseUrl, model, timeoutMs: 1500 }]).stack;
      await lock.claim('custom', 'user', `testing ${model}`);
      try {
        const data = await forecastWithHolder(hourlySet(), {
          holder: 'custom',
          stack,
          getKey: async () => server.grant(KEY),
          horizon: { steps: 24 },
          ledger,
          logger,
          sleep: async () => undefined,
        });
        lines.push(JSON.stringify(data));
        seen.add('ok');
      } catch (err) {
        assert.ok(err instanceof ProviderError, `${model}: ${String(err)}`);
        seen.add(err.failure);
        lines.push(err.message, err.detail, ...err.problems, String(err.stack));
        await lock.compareAndSwitch(lock.snapshot.generation, 'builtin', 'monitor', 'failover', err.message);
      }
    }
    assert.deepEqual([...seen].sort(), [
      'auth',
      'bad-output',
      'model-not-found',
      'network',
      'ok',
      'quota',
      'server',
      'timeout',
    ]);
    const haystacks = [...lines, JSON.stringify(lock.audit), ...store.keys().map((k) => JSON.stringify(store.get(k)))];
    assert.ok(
      haystacks.some((h) => h.includes('rejected the API key')),
      'the 401 was recorded (the search covered it)',
    );
    const hits = haystacks.filter((h) => h.includes(KEY) || h.includes(KEY.slice(10)));
    assert.deepEqual(hits, []);
    assert.equal(
      server.requests.filter((r) => r.authorization === `Bearer ${KEY}`).length > 0,
      true,
      'the key was sent to the provider, and only there',
    );
  });
});
