import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toMetricSet, loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { describeFailure } from '../../../../src/core/pipeline/describeFailure';
import { loadPlan } from '../../../../src/core/sources/loadPlan';
import { type SourceAccess, queryPlan } from '../../../../src/core/sources/queryPlan';
import { SourceError } from '../../../../src/core/sources/sourceError';
import {
  type History,
  type RunningServer,
  diskHistory,
  freePort,
  makeTestCertificates,
  serversInstalled,
  startPrometheus,
  startVictoriaMetrics,
} from '../../../support/metricServers';
import { type RecordingProxy, startRecordingProxy } from '../../../support/recordingProxy';

const END = Date.UTC(2026, 10, 20, 12, 0, 0);
const GB = 1e9;
// bcrypt of "s3cret" (cost 10, made with libxcrypt), for Prometheus's --web.config.file
const BCRYPT_S3CRET = '$2b$10$aLtly8KBir5DC0qYvitoPuM67ubK.mNXdLHZ3XOW7/ZzXpjUBErtG';

describe('plans against real Prometheus-compatible servers (Prometheus 2.42, VictoriaMetrics 1.79 on 127.0.0.1)', function () {
  this.timeout(120_000);
  const history: History = diskHistory(END);
  let prom: RunningServer;
  let vm: RunningServer;
  let dir: string;
  const open: SourceAccess = { credential: () => Promise.resolve(undefined), now: () => END };

  before(async function () {
    assert.ok(
      serversInstalled(),
      'prometheus, promtool and victoria-metrics are installed by scripts/setup-test-env.sh',
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-plan-'));
    [prom, vm] = await Promise.all([startPrometheus(history), startVictoriaMetrics(history)]);
  });
  after(async () => {
    await Promise.all([prom?.stop(), vm?.stop()]);
  });

  async function planOf(body: unknown, name = 'plan.json'): Promise<Awaited<ReturnType<typeof loadPlan>>> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(body, null, 2));
    return loadPlan(file);
  }
  const diskPlan = (url: string, extra: Record<string, unknown> = {}) => ({
    sources: [{ name: 'main', url, ...extra }],
    step: '5m',
    lookback: '21d',
    metrics: [{ name: 'disk_used', query: 'disk_used_bytes', unit: 'B', capacity: 'disk_size_bytes' }],
  });

  it('names each series of a multi-series query by the metric and the labels that differ, with its capacity from a PromQL expression', async () => {
    const { raw } = await queryPlan(await planOf(diskPlan(prom.url)), open);
    assert.deepEqual(
      raw.map((r) => r.name),
      ['disk_used{instance="db-1"}', 'disk_used{instance="db-2"}', 'disk_used{instance="db-3"}'],
    );
    assert.deepEqual(
      raw.map((r) => r.capacity),
      [500 * GB, 500 * GB, 500 * GB],
    );
    assert.equal(raw[0]?.times.length, history.series[0]?.values.length);
    assert.equal(raw[0]?.values[0], history.series[0]?.values[0]);
    // Prometheus carries a sample over for its 5-minute lookback, so the gap of 72 steps shows as 71
    assert.equal(raw[1]?.times.length, (history.series[1]?.values.length ?? 0) - 71, 'the six-hour gap stays a gap');
  });

  it('reads the same series from VictoriaMetrics as from Prometheus', async () => {
    const fromProm = await queryPlan(await planOf(diskPlan(prom.url)), open);
    const fromVm = await queryPlan(await planOf(diskPlan(vm.url)), open);
    assert.deepEqual(
      fromVm.raw.map((r) => [r.name, r.capacity, r.times.length, r.values.at(-1)]),
      fromProm.raw.map((r) => [r.name, r.capacity, r.times.length, r.values.at(-1)]),
    );
  });

  it('gives the same forecast as the same data written as CSV', async () => {
    const plan = await planOf(diskPlan(prom.url));
    const fromProm = toMetricSet(plan.file, (await queryPlan(plan, open)).raw);
    // the same samples, as Prometheus serves them: a sample also answers the step after it
    // (its 5-minute lookback), so the first step of a gap repeats the value before it
    const csv = ['timestamp,metric,value,unit,capacity'];
    history.series.slice(0, 3).forEach((s) => {
      const name = `"disk_used{instance=""${s.labels['instance']}""}"`;
      s.values.forEach((sample, i) => {
        const v = sample ?? s.values[i - 1];
        if (v !== undefined) csv.push(`${(history.startMs + i * history.stepMs) / 1000},${name},${v},B,${500 * GB}`);
      });
    });
    const file = path.join(dir, 'same.csv');
    fs.writeFileSync(file, csv.join('\n') + '\n');
    const fromCsv = await loadMetricFile(file);
    const a = forecastMetricSet(fromProm);
    const b = forecastMetricSet(fromCsv);
    assert.equal(a.bottleneck?.metric, 'disk_used{instance="db-2"}');
    const comparable = (d: typeof a) => JSON.stringify({ ...d, createdAt: '', source: '' });
    assert.ok(comparable(a) === comparable(b), 'the two forecasts differ');
  });

  it("shows the server's own message for a bad query, as bad input (exit 2)", async () => {
    const plan = await planOf({
      ...diskPlan(prom.url),
      metrics: [{ name: 'broken', query: 'rate(disk_used_bytes[5m' }],
    });
    const err = await queryPlan(plan, open).then(
      () => assert.fail('the query should be refused'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof SourceError);
    assert.equal(err.failure, 'bad-query');
    assert.match(
      err.message,
      /source "main" \(127\.0\.0\.1:\d+\) refused the query of "broken" \(bad_data\): .*parse error/,
    );
    assert.equal(describeFailure(err).exitCode, 2);
  });

  it('says a server that is down in one sentence, with the source failure exit code (5)', async () => {
    const port = await freePort();
    const err = await queryPlan(await planOf(diskPlan(`http://127.0.0.1:${port}`)), open).then(
      () => assert.fail('nothing listens there'),
      (e: unknown) => e,
    );
    const view = describeFailure(err);
    assert.equal(view.kind, 'source');
    assert.equal(view.exitCode, 5);
    assert.match(view.message, /^source "main" \(127\.0\.0\.1:\d+\) cannot be reached \(ECONNREFUSED\)/);
  });

  it('keeps going past a query with zero series (a warning), and refuses a plan where every query has none', async () => {
    const plan = await planOf({
      ...diskPlan(prom.url),
      metrics: [
        { name: 'nothing', query: 'disk_used_bytes{instance="no-such-host"}' },
        { name: 'disk_used', query: 'disk_used_bytes{instance="db-1"}' },
      ],
    });
    const { raw, warnings } = await queryPlan(plan, open);
    assert.deepEqual(
      raw.map((r) => r.name),
      ['disk_used'],
    );
    assert.ok(
      warnings.some((w) => w.startsWith('nothing: the query returned no series')),
      warnings.join('\n'),
    );
    const none = await planOf({ ...diskPlan(prom.url), metrics: [{ name: 'nothing', query: 'absent_metric_xyz' }] });
    await assert.rejects(queryPlan(none, open), /no query of the plan returned any series/);
  });

  it('turns NaN samples into gaps, and says how many', async () => {
    const plan = await planOf({ ...diskPlan(prom.url), metrics: [{ name: 'queue', query: 'queue_depth' }] });
    const { raw, warnings } = await queryPlan(plan, open);
    const nans = history.series[6]?.values.filter((v) => Number.isNaN(v)).length ?? 0;
    assert.ok(nans > 0);
    assert.equal(raw[0]?.times.length, (history.series[6]?.values.length ?? 0) - nans);
    assert.ok(raw[0]?.values.every(Number.isFinite));
    assert.ok(warnings.includes(`queue: ${nans} NaN or infinite values were left out as gaps`), warnings.join('\n'));
  });

  it('reads a 30-day range at 1-minute steps in chunks below the 11,000-point limit, joined into one series', async () => {
    const proxy = await startRecordingProxy(prom.url);
    try {
      const plan = await planOf({
        sources: [{ name: 'main', url: proxy.url }],
        step: '1m',
        lookback: '30d',
        metrics: [{ name: 'clock', query: 'time() % 86400' }],
      });
      const { raw } = await queryPlan(plan, open);
      assert.equal(raw[0]?.times.length, 30 * 1440 + 1);
      assert.equal(proxy.requests.length, 5);
      const times = raw[0]?.times ?? [];
      assert.ok(
        times.every((t, i) => i === 0 || t - (times[i - 1] as number) === 60_000),
        'one step apart, no overlap',
      );
    } finally {
      await proxy.close();
    }
  });

  describe('credentials and headers', () => {
    let locked: RunningServer;
    let proxy: RecordingProxy;
    before(async () => {
      locked = await startPrometheus(history, {
        webConfig: `basic_auth_users:\n  ops: ${BCRYPT_S3CRET}\n`,
        user: 'ops',
        password: 's3cret',
      });
      proxy = await startRecordingProxy(prom.url, { bearer: 'tok-123' });
    });
    after(async () => {
      await Promise.all([locked?.stop(), proxy?.close()]);
    });
    const grant = (secret: string, url: string): SourceAccess => ({
      ...open,
      credential: () => Promise.resolve({ secret, origins: [new URL(url).origin], howToAllow: 'allow it' }),
    });

    it('signs in with basic auth (Prometheus --web.config.file), and says when the password is refused', async () => {
      const plan = await planOf(diskPlan(locked.url, { auth: { type: 'basic', username: 'ops' } }));
      const { raw } = await queryPlan(plan, grant('s3cret', locked.url));
      assert.equal(raw.length, 3);
      const err = await queryPlan(plan, grant('wrong', locked.url)).catch((e: unknown) => e);
      assert.ok(err instanceof SourceError && err.failure === 'auth', String(err));
      assert.match(err.message, /refused the credentials \(HTTP 401\)/);
    });

    it('never sends a credential to a host other than the one it is bound to', async () => {
      const other = await startRecordingProxy(locked.url);
      try {
        const plan = await planOf(diskPlan(other.url, { auth: { type: 'basic', username: 'ops' } }));
        const err = await queryPlan(plan, grant('s3cret', locked.url)).catch((e: unknown) => e);
        assert.ok(err instanceof SourceError && err.failure === 'auth', String(err));
        assert.match(
          err.message,
          /is bound to 127\.0\.0\.1:\d+, not to 127\.0\.0\.1:\d+ \(a plan cannot send it elsewhere\)/,
        );
        assert.equal(other.requests.length, 0, 'nothing was sent');
      } finally {
        await other.close();
      }
    });

    it('sends a bearer token and a tenant header (X-Scope-OrgID), and a long query as a POST form', async () => {
      const hosts = Array.from({ length: 300 }, (_, i) => `host-${String(i).padStart(4, '0')}`);
      const long = `disk_used_bytes{instance=~"${['db-1', 'db-2', 'db-3', ...hosts].join('|')}"}`;
      const plan = await planOf({
        ...diskPlan(proxy.url, { auth: { type: 'bearer' }, headers: { 'X-Scope-OrgID': 'team-a' } }),
        metrics: [
          { name: 'disk_used', query: 'disk_used_bytes', capacity: 500 * GB },
          { name: 'long', query: long },
        ],
      });
      const { raw } = await queryPlan(plan, grant('tok-123', proxy.url));
      assert.equal(raw.length, 6);
      assert.ok(proxy.requests.every((r) => r.headers.authorization === 'Bearer tok-123'));
      assert.ok(proxy.requests.every((r) => r.headers['x-scope-orgid'] === 'team-a'));
      assert.deepEqual(
        proxy.requests.map((r) => r.method),
        ['GET', 'POST'],
      );
      assert.equal(new URLSearchParams(proxy.requests[1]?.body).get('query'), long);
    });

    it('trusts the CA file a source names for https, and refuses the same server without it', async () => {
      const tls = makeTestCertificates();
      const secure = await startRecordingProxy(prom.url, { tls: { key: tls.key, cert: tls.cert } });
      try {
        const trusted = await planOf(diskPlan(secure.url, { caFile: path.relative(dir, tls.caFile) }), 'tls.plan.json');
        assert.equal((await queryPlan(trusted, open)).raw.length, 3);
        const untrusted = await planOf(diskPlan(secure.url), 'tls2.plan.json');
        const err = await queryPlan(untrusted, open).catch((e: unknown) => e);
        assert.ok(err instanceof SourceError && err.failure === 'unreachable', String(err));
        assert.match(
          err.message,
          /cannot be reached: its certificate is not trusted \([A-Z_]+\); name its CA in the source's "caFile"/,
        );
      } finally {
        await secure.close();
      }
    });

    it('stops waiting for a server that does not answer, and when the forecast is cancelled', async () => {
      const hung = await startRecordingProxy(prom.url, { hang: true });
      try {
        const slow = await planOf(diskPlan(hung.url, { timeout: '1s' }));
        const err = await queryPlan(slow, open).catch((e: unknown) => e);
        assert.ok(err instanceof SourceError && err.failure === 'timeout', String(err));
        const abort = new AbortController();
        const pending = queryPlan(await planOf(diskPlan(hung.url)), open, abort.signal).catch((e: unknown) => e);
        abort.abort();
        const cancelled = await pending;
        assert.ok(cancelled instanceof SourceError && cancelled.failure === 'cancelled', String(cancelled));
      } finally {
        await hung.close();
      }
    });
  });
});
