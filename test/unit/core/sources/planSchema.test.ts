import * as assert from 'node:assert/strict';
import { planMetricSchema, planSourceSchema } from '../../../../src/core/sources/planSchema';

const source = (extra: Record<string, unknown>) => ({ name: 'prom', url: 'http://127.0.0.1:9090', ...extra });
/** The problems zod finds, as `path: message`, or [] when the value is accepted. */
const problems = (schema: typeof planSourceSchema | typeof planMetricSchema, value: unknown): string[] => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const headers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`X-Header-${i}`, 'v']));

describe('the sources of a plan (planSourceSchema)', () => {
  it('takes a name that starts with a letter, and says what a name may hold', () => {
    assert.deepEqual(problems(planSourceSchema, source({ name: 'Prom_eu-1' })), []);
    assert.deepEqual(problems(planSourceSchema, source({ name: '1prom' })), [
      'name: must start with a letter and hold only letters, digits, _ and - (at most 40)',
    ]);
  });

  it('takes http and https URLs only, the scheme matched whole', () => {
    assert.deepEqual(problems(planSourceSchema, source({ url: 'https://mimir.example/prometheus' })), []);
    for (const url of ['ftp://h:9090', 'xhttp://h:9090', 'httpx://h:9090', 'httpss://h:9090'])
      assert.deepEqual(problems(planSourceSchema, source({ url })), ['url: must be an http:// or https:// URL'], url);
  });

  it('takes up to 20 extra headers, and refuses a 21st', () => {
    assert.deepEqual(problems(planSourceSchema, source({ headers: { 'X-Scope-OrgID': 'team-a' } })), []);
    assert.deepEqual(problems(planSourceSchema, source({ headers: headers(20) })), []);
    assert.deepEqual(problems(planSourceSchema, source({ headers: headers(21) })), ['headers: at most 20 headers']);
  });

  it('refuses every header that carries a credential, in any case, even beside harmless ones', () => {
    for (const name of ['Authorization', 'proxy-authorization', 'COOKIE'])
      assert.deepEqual(
        problems(planSourceSchema, source({ headers: { 'X-Scope-OrgID': 'a', [name]: 'secret' } })),
        ['headers: credentials never go in the plan: use "auth" (the secret is kept outside the file)'],
        name,
      );
  });

  it('refuses a header name with other characters than letters, digits and -, keeping the reason with the issue', () => {
    const parsed = planSourceSchema.safeParse(source({ headers: { 'X Tenant': 'a' } }));
    assert.ok(!parsed.success);
    // zod reports a bad record key as "Invalid key in record", with the key's own issue inside
    const [issue] = parsed.error.issues;
    assert.deepEqual(issue?.path, ['headers', 'X Tenant']);
    assert.deepEqual(issue && 'issues' in issue ? issue.issues.map((i) => i.message) : [], [
      'a header name holds only letters, digits and -',
    ]);
  });

  it('refuses a header value of more than one line', () => {
    assert.deepEqual(problems(planSourceSchema, source({ headers: { 'X-Tenant': 'a\r\nInjected: b' } })), [
      'headers.X-Tenant: a header value is one line',
    ]);
  });
});

describe('the metrics of a plan (planMetricSchema)', () => {
  it('refuses braces, quotes and control characters in a name, which would break series names', () => {
    assert.deepEqual(problems(planMetricSchema, { name: 'disk free %', query: 'up' }), []);
    for (const name of ['disk{a}', 'say "x"', 'tab\there'])
      assert.deepEqual(
        problems(planMetricSchema, { name, query: 'up' }),
        ['name: no braces, quotes or control characters'],
        name,
      );
  });
});
