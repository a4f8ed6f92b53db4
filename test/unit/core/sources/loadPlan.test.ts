import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataError } from '../../../../src/core/base/dataError';
import { MAX_PLAN_BYTES, isPlanName, loadPlan } from '../../../../src/core/sources/loadPlan';
import { planJsonSchema } from '../../../../src/core/sources/planSchema';
import { REPO_ROOT } from '../../../support/paths';

const FILE = '/plans/plan.json';
const fails = async (text: string): Promise<DataError> => {
  const err = await loadPlan(FILE, text).catch((e: unknown) => e);
  assert.ok(err instanceof DataError, String(err));
  return err;
};

describe('capacity plans (loadPlan)', () => {
  it('reads JSON with comments and trailing commas, with the defaults filled in', async () => {
    const plan = await loadPlan(
      FILE,
      `// the team's plan
{
  "sources": [{ "name": "prom", "url": "http://127.0.0.1:9090" }], /* one source */
  "metrics": [
    { "name": "cpu", "query": "avg(rate(node_cpu_seconds_total{mode!=\\"idle\\"}[5m])) * 100", "capacity": 85, },
  ],
  "thresholds": { "warning": "7d", "critical": "24h" },
}`,
    );
    assert.equal(plan.metrics[0]?.source.name, 'prom');
    assert.equal(plan.metrics[0]?.stepMs, 300_000);
    assert.equal(plan.metrics[0]?.lookbackMs, 14 * 86_400_000);
    assert.deepEqual(plan.thresholds, { warningMs: 7 * 86_400_000, criticalMs: 86_400_000 });
  });

  it('points a wrong field at its line and column', async () => {
    const err = await fails(`{
  "sources": [{ "name": "prom", "url": "http://127.0.0.1:9090" }],
  "metrics": [
    { "name": "cpu", "query": "up", "step": "five minutes" }
  ]
}`);
    assert.equal(
      err.message,
      '/plans/plan.json:4:45: metrics.0.step: must be a duration such as 30s, 5m, 1h, 14d or 1h30m',
    );
  });

  it('says a bad header name\'s own rule at its place, not zod\'s "Invalid key in record"', async () => {
    const err = await fails(`{
  "sources": [{ "name": "prom", "url": "http://127.0.0.1:9090", "headers": { "X Tenant": "a" } }],
  "metrics": [{ "name": "cpu", "query": "up" }]
}`);
    assert.match(
      err.message,
      /^\/plans\/plan\.json:2:\d+: sources\.0\.headers\.X Tenant: a header name holds only letters, digits and -$/,
    );
  });

  it('points a syntax error at its line and column, without quoting the file', async () => {
    const err = await fails('{\n  "sources": [\n    { "name": "a" "url": "x" }\n  ]\n}');
    assert.equal(err.line, 3);
    assert.equal(err.column, 19);
  });

  it('refuses a credential written into the plan, and a metric naming a source that does not exist', async () => {
    const secret = await fails(
      '{"sources":[{"name":"p","url":"http://h:9090","headers":{"Authorization":"Bearer x"}}],"metrics":[{"name":"m","query":"up"}]}',
    );
    assert.match(secret.message, /credentials never go in the plan/);
    const unknown = await fails(
      '{"sources":[{"name":"p","url":"http://h:9090"},{"name":"q","url":"http://h:9091"}],"metrics":[{"name":"m","source":"x","query":"up"}]}',
    );
    assert.match(unknown.message, /:1:\d+: metrics\.0\.source: no source is named "x" \(the plan has p, q\)/);
  });

  it('refuses metrics with different steps, and more points per series than a forecast needs', async () => {
    const steps = await fails(
      '{"sources":[{"name":"p","url":"http://h:9090"}],"metrics":[{"name":"a","query":"up"},{"name":"b","query":"up","step":"1m"}]}',
    );
    assert.match(steps.message, /metrics\.1\.step: every metric of a plan has the same step/);
    const fine = await fails(
      '{"sources":[{"name":"p","url":"http://h:9090"}],"step":"1s","lookback":"30d","metrics":[{"name":"a","query":"up"}]}',
    );
    assert.match(fine.message, /2,592,000 points per series; at most 260,000/);
  });

  it('tells plans by their names', () => {
    assert.ok(isPlanName('/w/.bottleneck/plan.json'));
    assert.ok(isPlanName('prod.plan.jsonc'));
    assert.ok(!isPlanName('metrics.json'));
    assert.ok(!isPlanName('airplan.json'));
    assert.ok(!isPlanName('plan.json.bak'));
    assert.ok(isPlanName('https://host/plans/plan.json?version=ab'));
    assert.ok(isPlanName('prod.plan.jsonc#metrics'));
  });

  it('contributes the JSON schema generated from the plan schema (npm run schema writes it)', () => {
    const file = path.join(REPO_ROOT, 'media', 'plan.schema.json');
    assert.equal(fs.readFileSync(file, 'utf8'), JSON.stringify(planJsonSchema(), null, 2) + '\n');
  });
});

/** A one-line plan: its sources, its metrics, and any other top-level fields. */
const planText = (sources: unknown[], metrics: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ sources, metrics, ...extra });
const P = { name: 'p', url: 'http://h:9090' };
const Q = { name: 'q', url: 'http://h:9091' };
/** The message expected for a mistake in a one-line plan, at the first place `needle` appears. */
const at = (text: string, needle: string, detail: string): string => {
  assert.ok(text.includes(needle), needle);
  return `${FILE}:1:${text.indexOf(needle) + 1}: ${detail}`;
};
const refuses = async (text: string, needle: string, detail: string): Promise<void> => {
  assert.equal((await fails(text)).message, at(text, needle, detail));
};

describe('capacity plans: sources and names', () => {
  it('refuses a second source or a second metric of the same name, at the second one', async () => {
    const sources = planText([P, { ...Q, name: 'p' }], [{ name: 'm', source: 'p', query: 'up' }]);
    await refuses(sources, '"p","url":"http://h:9091"', 'sources.1.name: a second source named "p"');
    const metrics = planText(
      [P],
      [
        { name: 'm', query: 'up' },
        { name: 'm', query: 'rate(x[5m])' },
      ],
    );
    await refuses(metrics, '"m","query":"rate', 'metrics.1.name: a second metric named "m"');
  });

  it('gives a metric without "source" the plan\'s only source, and otherwise the source it names', async () => {
    const one = await loadPlan(FILE, planText([P], [{ name: 'm', query: 'up' }]));
    assert.equal(one.metrics[0]?.source.url, 'http://h:9090');
    const two = await loadPlan(
      FILE,
      planText(
        [P, Q],
        [
          { name: 'a', source: 'q', query: 'up' },
          { name: 'b', source: 'p', query: 'up' },
        ],
      ),
    );
    assert.deepEqual(
      two.metrics.map((m) => m.source.name),
      ['q', 'p'],
    );
    assert.equal('step' in (two.metrics[0] as object), false, 'the resolved metric keeps stepMs, not step');
  });

  it('refuses a metric without "source" when the plan has several, and one naming a source it does not have', async () => {
    const several = planText([P, Q], [{ name: 'm', query: 'up' }]);
    await refuses(several, '"m"', 'metrics.0.name: the plan has 2 sources: say which one with "source"');
    const unknown = planText([P], [{ name: 'm', source: 'x', query: 'up' }]);
    await refuses(unknown, '"x"', 'metrics.0.source: no source is named "x" (the plan has p)');
  });
});

describe('capacity plans: steps and lookbacks', () => {
  it("lets a metric's own step and lookback replace the plan's", async () => {
    const plan = await loadPlan(
      FILE,
      planText([P], [{ name: 'm', query: 'up', step: '1m', lookback: '1d' }], { step: '5m', lookback: '30d' }),
    );
    assert.equal(plan.metrics[0]?.stepMs, 60_000);
    assert.equal(plan.metrics[0]?.lookbackMs, 86_400_000);
  });

  it('takes a step of 1s and refuses a shorter one', async () => {
    const ok = await loadPlan(FILE, planText([P], [{ name: 'm', query: 'up', step: '1s', lookback: '1h' }]));
    assert.equal(ok.metrics[0]?.stepMs, 1000);
    const short = planText([P], [{ name: 'm', query: 'up', step: '999ms', lookback: '1h' }]);
    await refuses(short, '"999ms"', 'metrics.0.step: the step must be at least 1s');
  });

  it('takes a lookback of 10 steps and refuses a shorter one', async () => {
    const ok = await loadPlan(FILE, planText([P], [{ name: 'm', query: 'up', step: '1m', lookback: '10m' }]));
    assert.equal(ok.metrics[0]?.lookbackMs, 600_000);
    const short = planText([P], [{ name: 'm', query: 'up', step: '1m', lookback: '9m59s' }]);
    await refuses(short, '"9m59s"', 'metrics.0.lookback: the lookback must hold at least 10 steps');
  });

  it("takes 260,000 points per series and refuses more, at the metric's lookback or else at its step", async () => {
    const most = await loadPlan(
      FILE,
      planText([P], [{ name: 'm', query: 'up', step: '10s', lookback: '30d2h13m20s' }]),
    );
    assert.equal(most.metrics[0]?.lookbackMs, 2_600_000_000);
    const tooMany = '260,001 points per series; at most 260,000 (a longer step or a shorter lookback)';
    const ownLookback = planText([P], [{ name: 'm', query: 'up', step: '1s', lookback: '3d13m21s' }]);
    await refuses(ownLookback, '"3d13m21s"', `metrics.0.lookback: ${tooMany}`);
    const planLookback = planText([P], [{ name: 'm', query: 'up', step: '1s' }], { lookback: '3d13m21s' });
    await refuses(planLookback, '"1s"', `metrics.0.step: ${tooMany}`);
  });

  it("points a step that differs from the first metric's at the step, or at the name when the step is the plan's", async () => {
    const own = planText(
      [P],
      [
        { name: 'a', query: 'up' },
        { name: 'b', query: 'up', step: '1m' },
      ],
    );
    const detail =
      'every metric of a plan has the same step (this one differs from "a"); put metrics with other steps in another plan';
    await refuses(own, '"1m"', `metrics.1.step: ${detail}`);
    const inherited = planText(
      [P],
      [
        { name: 'a', query: 'up', step: '5m' },
        { name: 'b', query: 'up' },
      ],
      { step: '1m' },
    );
    await refuses(inherited, '"b"', `metrics.1.name: ${detail}`);
  });

  it('reads each threshold that is there, and none when there are none', async () => {
    assert.deepEqual((await loadPlan(FILE, planText([P], [{ name: 'm', query: 'up' }]))).thresholds, {});
    const warning = await loadPlan(
      FILE,
      planText([P], [{ name: 'm', query: 'up' }], { thresholds: { warning: '2d' } }),
    );
    assert.deepEqual(warning.thresholds, { warningMs: 2 * 86_400_000 });
    const critical = await loadPlan(
      FILE,
      planText([P], [{ name: 'm', query: 'up' }], { thresholds: { critical: '1h' } }),
    );
    assert.deepEqual(critical.thresholds, { criticalMs: 3_600_000 });
  });
});

describe('capacity plans: the text itself', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-plan-'));
  const one = planText([P], [{ name: 'm', query: 'up' }]);

  it('refuses an empty plan or one of only blanks, given or read from its file', async () => {
    assert.equal((await fails('')).message, `${FILE}: the plan is empty`);
    assert.equal((await fails(' \n\t ')).message, `${FILE}: the plan is empty`);
    const file = path.join(dir, 'empty.plan.json');
    fs.writeFileSync(file, '\n');
    await assert.rejects(loadPlan(file), { message: `${file}: the plan is empty` });
  });

  it('reads a plan from its file, and skips a byte order mark at the start only', async () => {
    const file = path.join(dir, 'bom.plan.json');
    fs.writeFileSync(file, '\uFEFF' + one);
    assert.equal((await loadPlan(file)).metrics[0]?.name, 'm');
    const inside = await loadPlan(FILE, planText([P], [{ name: 'm', query: 'up\uFEFF' }]));
    assert.equal(inside.metrics[0]?.query, 'up\uFEFF');
  });

  it('refuses a plan over 1 MiB, given or read from its file', async () => {
    const big = one + ' '.repeat(MAX_PLAN_BYTES);
    assert.match(
      (await fails(big)).message,
      /^\/plans\/plan\.json: is larger than the 1 MiB a capacity plan may have$/,
    );
    const file = path.join(dir, 'big.plan.json');
    fs.writeFileSync(file, big);
    await assert.rejects(
      loadPlan(file),
      /: is (larger than|[\d.]+ MiB, more than) the 1 MiB a capacity plan may have$/,
    );
  });

  it('says why the text is not JSON', async () => {
    assert.equal(
      (await fails('{"sources":')).message,
      `${FILE}:1:12: not valid JSON: the text ends where a value should be`,
    );
  });

  it('counts the other problems after the first, and cuts a long message at 500 characters', async () => {
    const text = planText([], []);
    assert.equal(
      (await fails(text)).message,
      at(text, '[]', 'sources: Too small: expected array to have >=1 items (and 1 more)'),
    );
    const stray = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`stray_field_${i}`, 1]));
    const err = await fails(planText([P], [{ name: 'm', query: 'up' }], stray));
    const detail = err.message.slice(`${FILE}:1:1: `.length);
    assert.match(detail, /^Unrecognized keys: "stray_field_0"/);
    assert.equal(detail.length, 500);
  });
});
