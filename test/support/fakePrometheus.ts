import * as http from 'node:http';

/** A line that rises 0.4 an hour and crosses 100 `crossAfterHours` after the last full hour before `now`. */
export interface RisingLine {
  readonly labels: Readonly<Record<string, string>>;
  readonly crossAfterHours: number;
}

export interface FakePrometheus {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A Prometheus API on 127.0.0.1 that wants a bearer token and answers every range query
 * with the same lines over the range asked (whatever the query): enough to drive a plan
 * through the loader without a real server.
 */
export async function startFakePrometheus(options: {
  readonly token: string;
  readonly now: number;
  readonly lines: readonly RisingLine[];
}): Promise<FakePrometheus> {
  const last = Math.floor(options.now / 3_600_000) * 3_600;
  const server = http.createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401).end();
      return;
    }
    const [start = 0, end = 0, step = 1] = ['start', 'end', 'step'].map((k) => Number(q.get(k)));
    const values = (crossAfterHours: number): [number, string][] => {
      const out: [number, string][] = [];
      for (let t = start; t <= end; t += step)
        out.push([t, String(100 - 0.4 * (crossAfterHours - (t - last) / 3_600))]);
      return out;
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: options.lines.map((l) => ({ metric: l.labels, values: values(l.crossAfterHours) })),
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
