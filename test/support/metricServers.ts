import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Real Prometheus-compatible servers on 127.0.0.1 for the tests: Debian's `prometheus`
 * (with `promtool`) and `victoria-metrics`, installed by scripts/setup-test-env.sh. Each
 * server runs on a free loopback port in a temporary folder and is stopped by its own pid.
 */

/** One series of the tests' history: labels and values at each step (NaN is written as NaN, undefined is a gap). */
export interface HistorySeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly values: readonly (number | undefined)[];
}

export interface History {
  readonly startMs: number;
  readonly stepMs: number;
  readonly series: readonly HistorySeries[];
}

const STEP_MS = 5 * 60_000;
const DAYS = 21;

/**
 * Three weeks at 5 minutes of disk usage on three hosts (a daily cycle, a slow rise; db-2
 * has a gap of six hours, db-3 a level shift after two weeks), their disk sizes, and a
 * series with NaN values. It ends at `endMs` (aligned to the step). Deterministic: the
 * values depend on the step index only.
 */
export function diskHistory(endMs: number): History {
  const n = (DAYS * 86_400_000) / STEP_MS;
  const end = Math.floor(endMs / STEP_MS) * STEP_MS;
  const startMs = end - (n - 1) * STEP_MS;
  const GB = 1e9;
  const daily = (i: number): number => Math.sin(((i % 288) / 288) * 2 * Math.PI);
  const used = (base: number, slope: number, shiftAt?: number) =>
    Array.from({ length: n }, (_, i) => {
      const shift = shiftAt !== undefined && i >= shiftAt ? 40 * GB : 0;
      return Math.round(base + slope * i + 2 * GB * daily(i) + shift);
    });
  const db2 = used(200 * GB, 0.045 * GB).map((v, i) => (i >= 3000 && i < 3072 ? undefined : v));
  const nan = used(100 * GB, 0.001 * GB).map((v, i) => (i % 500 === 7 ? NaN : v));
  return {
    startMs,
    stepMs: STEP_MS,
    series: [
      {
        name: 'disk_used_bytes',
        labels: { instance: 'db-1', mountpoint: '/var', job: 'node' },
        values: used(200 * GB, 0.005 * GB),
      },
      { name: 'disk_used_bytes', labels: { instance: 'db-2', mountpoint: '/var', job: 'node' }, values: db2 },
      {
        name: 'disk_used_bytes',
        labels: { instance: 'db-3', mountpoint: '/var', job: 'node' },
        values: used(250 * GB, 0.004 * GB, 4032),
      },
      ...['db-1', 'db-2', 'db-3'].map((instance) => ({
        name: 'disk_size_bytes',
        labels: { instance, mountpoint: '/var', job: 'node' },
        values: Array.from({ length: n }, () => 500 * GB),
      })),
      { name: 'queue_depth', labels: { job: 'worker' }, values: nan },
    ],
  };
}

function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
}

/** The history as OpenMetrics text (seconds), for `promtool tsdb create-blocks-from openmetrics`. */
export function toOpenMetrics(history: History): string {
  const lines: string[] = [];
  const byName = new Map<string, HistorySeries[]>();
  for (const s of history.series) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  for (const [name, all] of byName) {
    lines.push(`# TYPE ${name} gauge`);
    for (const s of all)
      s.values.forEach((v, i) => {
        if (v === undefined) return;
        lines.push(
          `${name}{${labelText(s.labels)}} ${Number.isNaN(v) ? 'NaN' : v} ${(history.startMs + i * history.stepMs) / 1000}`,
        );
      });
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

/** The history in Prometheus's text format with millisecond timestamps, for VictoriaMetrics's import API. */
export function toPrometheusText(history: History): string {
  const lines: string[] = [];
  for (const s of history.series)
    s.values.forEach((v, i) => {
      if (v === undefined) return;
      lines.push(
        `${s.name}{${labelText(s.labels)}} ${Number.isNaN(v) ? 'NaN' : v} ${history.startMs + i * history.stepMs}`,
      );
    });
  return lines.join('\n') + '\n';
}

/** A loopback port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when the binaries the real-server tests need are installed. */
export function serversInstalled(): boolean {
  return ['prometheus', 'promtool', 'victoria-metrics'].every((bin) =>
    ['/usr/bin', '/usr/local/bin'].some((dir) => fs.existsSync(path.join(dir, bin))),
  );
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
  /** Starts the same server again on the same port and data (after `stop`). */
  restart(): Promise<void>;
}

async function waitReady(
  url: string,
  child: ChildProcess,
  log: () => string,
  headers: Record<string, string>,
): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${log().slice(-2000)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(url, { headers }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.setTimeout(1000, () => req.destroy());
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not become ready: ${log().slice(-2000)}`);
}

function managed(
  dir: string,
  port: number,
  readyPath: string,
  launch: () => ChildProcess,
  headers: Record<string, string> = {},
): Promise<RunningServer> {
  let child: ChildProcess | undefined;
  let output = '';
  const start = async (): Promise<void> => {
    const started = launch();
    child = started;
    // a test process that ends without stopping it (a crash, a timeout) takes it along
    const orphaned = (): void => {
      started.kill('SIGKILL');
    };
    process.once('exit', orphaned);
    started.once('exit', () => process.removeListener('exit', orphaned));
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    await waitReady(`http://127.0.0.1:${port}${readyPath}`, child, () => output, headers);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
      setTimeout(() => running.kill('SIGKILL'), 10_000).unref();
    });
  };
  const server: RunningServer = { url: `http://127.0.0.1:${port}`, port, dir, stop, restart: start };
  return start().then(
    () => server,
    async (err: unknown) => {
      await stop();
      throw err;
    },
  );
}

/**
 * Prometheus over the history: `promtool tsdb create-blocks-from openmetrics` writes the
 * TSDB, then `prometheus` serves it on 127.0.0.1 (retention long enough for any history).
 * `webConfig` is the text of a `--web.config.file` (basic auth).
 */
export async function startPrometheus(
  history: History,
  auth?: { readonly webConfig: string; readonly user: string; readonly password: string },
): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-prom-'));
  const om = path.join(dir, 'history.om');
  fs.writeFileSync(om, toOpenMetrics(history));
  const data = path.join(dir, 'data');
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=2000h', om, data], {
    stdio: 'pipe',
  });
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${data}`,
    '--storage.tsdb.retention.time=100y',
    '--web.listen-address=127.0.0.1:PORT',
  ];
  if (auth !== undefined) {
    fs.writeFileSync(path.join(dir, 'web.yml'), auth.webConfig);
    args.push(`--web.config.file=${path.join(dir, 'web.yml')}`);
  }
  const port = await freePort();
  const final = args.map((a) => a.replace('PORT', String(port)));
  // with basic auth, /-/ready needs the credentials too
  const headers: Record<string, string> = auth
    ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` }
    : {};
  return managed(
    dir,
    port,
    '/-/ready',
    () => spawn('prometheus', final, { stdio: ['ignore', 'pipe', 'pipe'] }),
    headers,
  );
}

/** VictoriaMetrics on 127.0.0.1, loaded with the history through its import API and flushed. */
export async function startVictoriaMetrics(history: History): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-vm-'));
  const port = await freePort();
  const server = await managed(dir, port, '/health', () =>
    spawn(
      'victoria-metrics',
      [
        `-httpListenAddr=127.0.0.1:${port}`,
        `-storageDataPath=${path.join(dir, 'data')}`,
        '-retentionPeriod=100y',
        '-search.disableCache',
        '-search.latencyOffset=0s',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  await post(`${server.url}/api/v1/import/prometheus`, toPrometheusText(history));
  await post(`${server.url}/internal/force_flush`, '');
  return server;
}

function post(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST' }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () =>
        (res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`${url}: HTTP ${res.statusCode}: ${text}`)),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A certificate authority and a server certificate for 127.0.0.1 signed by it (openssl),
 * in a temporary folder: the CA file a plan names, and the key pair an https server uses.
 */
export function makeTestCertificates(): { readonly caFile: string; readonly key: string; readonly cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-tls-'));
  const f = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'pipe' });
  };
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Bottleneck test CA',
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  );
  fs.writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('server.pem'),
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
  );
  return {
    caFile: f('ca.pem'),
    key: fs.readFileSync(f('server.key'), 'utf8'),
    cert: fs.readFileSync(f('server.pem'), 'utf8'),
  };
}

/**
 * A fleet of twelve hosts' disk usage (21 days at 5 minutes, capacity 1,000 GB each), all
 * far from full; with `moved`, four of them jumped two days before the end and stayed: h03
 * and h08 beyond the capacity, h05 and h11 just below it (≈975 GB) and rising 14 GB a day.
 * Deterministic.
 */
export function fleetHistory(endMs: number, moved: boolean): History {
  const n = (DAYS * 86_400_000) / STEP_MS;
  const end = Math.floor(endMs / STEP_MS) * STEP_MS;
  const GB = 1e9;
  const jumps: Record<string, { up: number; rise: number }> = moved
    ? {
        h03: { up: 820 * GB, rise: 0 },
        h08: { up: 760 * GB, rise: 0 },
        h05: { up: 650 * GB, rise: 0.05 * GB },
        h11: { up: 505 * GB, rise: 0.05 * GB },
      }
    : {};
  const since = n - 576;
  const hosts = Array.from({ length: 12 }, (_, i) => `h${String(i + 1).padStart(2, '0')}`);
  return {
    startMs: end - (n - 1) * STEP_MS,
    stepMs: STEP_MS,
    series: [
      ...hosts.map((host, k) => ({
        name: 'disk_used_bytes',
        labels: { instance: host, job: 'node' },
        values: Array.from({ length: n }, (_, i) => {
          const j = jumps[host];
          const jump = j && i >= since ? j.up + j.rise * (i - since) : 0;
          return Math.round(200 * GB + 0.004 * GB * k * i + 3 * GB * Math.sin(((i % 288) / 288) * 2 * Math.PI) + jump);
        }),
      })),
      ...hosts.map((host) => ({
        name: 'disk_size_bytes',
        labels: { instance: host, job: 'node' },
        values: Array.from({ length: n }, () => 1000 * GB),
      })),
    ],
  };
}
