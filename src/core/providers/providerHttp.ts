/**
 * What the provider client needs from HTTP without the `openai` package: a status error
 * shaped like the package's own (so one classification serves both), a body cap, an
 * abortable sleep and retry-after parsing. The package is loaded for chat completions only;
 * health probes use these.
 */

/** An HTTP error status from a provider, with the message the `openai` package would give it. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  /** The provider's error code and type, from an OpenAI-style `{"error": {...}}` body. */
  readonly code: string | undefined;
  readonly type: string | undefined;

  constructor(
    readonly status: number,
    readonly headers: Headers,
    body: unknown,
  ) {
    const error = (body as { error?: unknown } | undefined)?.error;
    const inner = error as { message?: unknown; code?: unknown; type?: unknown } | undefined;
    const text =
      inner?.message !== undefined
        ? typeof inner.message === 'string'
          ? inner.message
          : JSON.stringify(inner.message)
        : error !== undefined
          ? JSON.stringify(error)
          : undefined;
    super(text ? `${status} ${text}` : `${status} status code (no body)`);
    this.code = typeof inner?.code === 'string' ? inner.code : undefined;
    this.type = typeof inner?.type === 'string' ? inner.type : undefined;
  }

  /** Reads an error response's body (JSON when it is) and makes the error. */
  static async from(res: Response): Promise<HttpStatusError> {
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return new HttpStatusError(res.status, res.headers, body);
  }
}

/**
 * A fetch whose response bodies are read up to `cap` bytes: a declared length over the cap
 * is refused at once, and a body that keeps coming is cut off at the cap and refused, so a
 * runaway or hostile endpoint cannot fill memory.
 */
export function bodyCappedFetch(inner: typeof fetch, cap: number, tooLarge: () => Error): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (!res.body) return res;
    if (Number(res.headers.get('content-length') ?? 0) > cap) {
      await res.body.cancel().catch(() => undefined);
      throw tooLarge();
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
    return new Response(Buffer.concat(chunks, total), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

export const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      },
      { once: true },
    );
  });

/** retry-after (seconds or an HTTP date) or retry-after-ms, in milliseconds. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms)) return Math.max(0, ms);
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
