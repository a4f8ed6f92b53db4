import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataError } from '../../../../src/core/base/dataError';
import { isPlanName, loadPlan } from '../../../../src/core/sources/loadPlan';
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
  });

  it('contributes the JSON schema generated from the plan schema (npm run schema writes it)', () => {
    const file = path.join(REPO_ROOT, 'media', 'plan.schema.json');
    assert.equal(fs.readFileSync(file, 'utf8'), JSON.stringify(planJsonSchema(), null, 2) + '\n');
  });
});
