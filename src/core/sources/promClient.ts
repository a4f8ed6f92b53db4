import { type PromSeries, readPromAnswer } from '../data/promResponse';
import { MAX_JSON_BYTES } from '../data/limits';
import { hostOf, originOf } from '../origin';
import { stepParam } from './duration';
import { type HttpTransport, TransportError, nodeTransport } from './httpTransport';
import { type PlanSource } from './planSchema';
import { SourceError } from './sourceError';

/** Prometheus refuses a range of more than 11,000 points per series; a chunk stays well below. */
export const MAX_STEPS_PER_REQUEST = 10_000;
/** Queries longer than this go as a POST form body (URLs are cut at a few KB by proxies). */
export const LONG_QUERY_CHARS = 1500;
/** The largest answer read from a source: as large as a metrics JSON file may be. */
export const MAX_SOURCE_RESPONSE_BYTES = MAX_JSON_BYTES;
const DEFAULT_TIMEOUT_MS = 30_000;

/** A source's secret (a password or a token) with the origins it may be sent to. */
export interface SourceCredential {
  readonly secret: string;
  readonly origins: readonly string[];
  /** How the person lets it go to another host (the editor and the CLI differ). */
  readonly howToAllow: string;
}

export interface QueryContext {
  readonly source: PlanSource;
  readonly credential?: SourceCredential;
  readonly transport?: HttpTransport;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** The CA file's text, when the source names one. */
  readonly ca?: string;
  /** Where the secret is set, for the message when none is (`set BOTTLENECK_SOURCE_PROD_TOKEN`). */
  readonly credentialHint?: string;
  /** What the server warned about (shown with the forecast). */
  readonly warn: (text: string) => void;
}

/** One line of a server's text, cut short and without control characters (it is shown as it came). */
function serverText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** `source "prod" (prom.example:9090)`: how messages name a source. */
export function sourceLabel(source: PlanSource): string {
  return `source "${source.name}" (${hostOf(originOf(source.url) ?? source.url)})`;
}

/** The Authorization header of a source, after checking the credential may go to its host. */
function authorization(ctx: QueryContext): Record<string, string> {
  const auth = ctx.source.auth ?? { type: 'none' };
  if (auth.type === 'none') return {};
  const label = sourceLabel(ctx.source);
  const secret = auth.type === 'basic' ? 'password' : 'token';
  if (!ctx.credential)
    throw new SourceError(
      ctx.source.name,
      'auth',
      `${label} needs a ${secret}, and none is set for it${ctx.credentialHint ? `: ${ctx.credentialHint}` : ''}`,
    );
  const origin = originOf(ctx.source.url);
  if (origin === undefined || !ctx.credential.origins.includes(origin))
    throw new SourceError(
      ctx.source.name,
      'auth',
      `${label}: its ${secret} is bound to ${ctx.credential.origins.map(hostOf).join(' or ') || 'no host'}, not to ${hostOf(origin ?? ctx.source.url)} (a plan cannot send it elsewhere); ${ctx.credential.howToAllow}`,
    );
  return auth.type === 'basic'
    ? { authorization: `Basic ${Buffer.from(`${auth.username}:${ctx.credential.secret}`).toString('base64')}` }
    : { authorization: `Bearer ${ctx.credential.secret}` };
}

/** One `query_range` request; the series as the server gave them. */
async function requestRange(ctx: QueryContext, what: string, params: URLSearchParams): Promise<PromSeries[]> {
  const label = sourceLabel(ctx.source);
  const base = ctx.source.url.replace(/\/+$/, '');
  const post =
    ctx.source.method === 'post' || (ctx.source.method !== 'get' && params.toString().length > LONG_QUERY_CHARS);
  const headers = { accept: 'application/json', ...ctx.source.headers, ...authorization(ctx) };
  const url = `${base}/api/v1/query_range${post ? '' : `?${params.toString()}`}`;
  let res;
  try {
    res = await (ctx.transport ?? nodeTransport)({
      url,
      method: post ? 'POST' : 'GET',
      headers: post ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
      ...(post ? { body: params.toString() } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.ca !== undefined ? { ca: ctx.ca } : {}),
      timeoutMs: ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: MAX_SOURCE_RESPONSE_BYTES,
    });
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    const why = {
      timeout: `did not answer ${what} in time (${err.message})`,
      unreachable: /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/.test(err.message)
        ? `cannot be reached: its certificate is not trusted (${err.message}); name its CA in the source's "caFile"`
        : `cannot be reached (${err.message}); is the server running and the URL right?`,
      'too-large': `answered ${what} with more than ${MAX_SOURCE_RESPONSE_BYTES / 1024 / 1024} MiB; aggregate the query (sum by (…), topk) or use a longer step`,
      cancelled: `was not asked ${what}: the forecast was cancelled`,
    }[err.kind];
    throw new SourceError(ctx.source.name, err.kind, `${label} ${why}`);
  }
  if (res.status === 401 || res.status === 403)
    throw new SourceError(
      ctx.source.name,
      'auth',
      `${label} refused the credentials (HTTP ${res.status}); check the plan's auth and the stored ${ctx.source.auth?.type === 'bearer' ? 'token' : 'password'}`,
    );
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    throw new SourceError(
      ctx.source.name,
      res.status >= 200 && res.status < 300 ? 'server' : 'http',
      `${label} answered ${what} with HTTP ${res.status} and no Prometheus API answer${res.body.trim() ? `: ${serverText(res.body).slice(0, 120)}` : ''}; is the URL the API's base (without /api/v1)?`,
    );
  }
  const answer = readPromAnswer(json, (detail) => new SourceError(ctx.source.name, 'server', `${label}: ${detail}`));
  if (!answer.ok) {
    const failure =
      answer.errorType === 'bad_data' ? 'bad-query' : answer.errorType === 'timeout' ? 'timeout' : 'server';
    throw new SourceError(
      ctx.source.name,
      failure,
      `${label} refused ${what} (${serverText(answer.errorType)}): ${serverText(answer.error)}`,
    );
  }
  if (res.status < 200 || res.status >= 300)
    throw new SourceError(ctx.source.name, 'http', `${label} answered ${what} with HTTP ${res.status}`);
  for (const w of answer.warnings) ctx.warn(`${label}, ${what}: ${serverText(w)}`);
  return answer.series;
}

const labelKey = (labels: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * `query_range` over [startMs, endMs] at `stepMs`, aligned to the step (so every chunk and
 * every refresh lands on the same grid), in chunks of at most MAX_STEPS_PER_REQUEST steps,
 * joined per label set. `what` names the query in messages (`the query of "disk_free"`).
 */
export async function queryRange(
  ctx: QueryContext,
  what: string,
  query: string,
  range: { readonly startMs: number; readonly endMs: number; readonly stepMs: number },
): Promise<PromSeries[]> {
  const { stepMs } = range;
  const start = Math.ceil(range.startMs / stepMs) * stepMs;
  const end = Math.floor(range.endMs / stepMs) * stepMs;
  const joined = new Map<
    string,
    { labels: Readonly<Record<string, string>>; times: number[]; values: number[]; dropped: number }
  >();
  for (let from = start; from <= end; from += MAX_STEPS_PER_REQUEST * stepMs) {
    const to = Math.min(end, from + (MAX_STEPS_PER_REQUEST - 1) * stepMs);
    const params = new URLSearchParams({
      query,
      start: stepParam(from),
      end: stepParam(to),
      step: stepParam(stepMs),
    });
    for (const s of await requestRange(ctx, what, params)) {
      const key = labelKey(s.labels);
      const into = joined.get(key);
      if (!into) joined.set(key, { labels: s.labels, times: [...s.times], values: [...s.values], dropped: s.dropped });
      else {
        for (let i = 0; i < s.times.length; i++) {
          into.times.push(s.times[i] as number);
          into.values.push(s.values[i] as number);
        }
        into.dropped += s.dropped;
      }
    }
  }
  return [...joined.values()];
}
