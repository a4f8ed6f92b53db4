import * as assert from 'node:assert/strict';
import {
  HttpStatusError,
  abortableSleep,
  bodyCappedFetch,
  retryAfterMs,
} from '../../../../src/core/providers/providerHttp';

describe('HttpStatusError: a status error shaped like the openai package', () => {
  const headers = new Headers({ 'x-request-id': 'r1' });

  it("reads an OpenAI-style error's message, code and type", () => {
    const err = new HttpStatusError(429, headers, {
      error: { message: 'You exceeded your quota', code: 'insufficient_quota', type: 'requests' },
    });
    assert.equal(err.message, '429 You exceeded your quota');
    assert.equal(err.code, 'insufficient_quota');
    assert.equal(err.type, 'requests');
    assert.equal(err.status, 429);
    assert.equal(err.headers.get('x-request-id'), 'r1');
    assert.equal(err.name, 'HttpStatusError');
  });

  it('writes a message that is not a string as JSON, and leaves a code or type that is not a string out', () => {
    const err = new HttpStatusError(400, headers, { error: { message: { why: 'bad' }, code: 42, type: null } });
    assert.equal(err.message, '400 {"why":"bad"}');
    assert.equal(err.code, undefined);
    assert.equal(err.type, undefined);
  });

  it('writes an error without a message as JSON', () => {
    assert.equal(new HttpStatusError(500, headers, { error: 'overloaded' }).message, '500 "overloaded"');
    assert.equal(new HttpStatusError(500, headers, { error: { code: 'x' } }).message, '500 {"code":"x"}');
  });

  it('says when there was no error body', () => {
    for (const body of [undefined, {}, { detail: 'not openai' }])
      assert.equal(new HttpStatusError(502, headers, body).message, '502 status code (no body)', JSON.stringify(body));
    assert.equal(new HttpStatusError(400, headers, { error: { message: '' } }).message, '400 status code (no body)');
  });

  it('reads a response body as JSON when it is, and as nothing when it is not', async () => {
    const json = await HttpStatusError.from(
      new Response(JSON.stringify({ error: { message: 'no such model' } }), { status: 404 }),
    );
    assert.equal(json.message, '404 no such model');
    assert.equal(json.status, 404);
    const html = await HttpStatusError.from(new Response('<html>502</html>', { status: 502 }));
    assert.equal(html.message, '502 status code (no body)');
    const empty = await HttpStatusError.from(new Response(null, { status: 503 }));
    assert.equal(empty.message, '503 status code (no body)');
  });
});

describe('bodyCappedFetch: no body beyond the cap is kept', () => {
  const tooLarge = () => new Error('too large');
  const serve =
    (res: () => Response): typeof fetch =>
    () =>
      Promise.resolve(res());
  const stream = (chunks: string[]): ReadableStream<Uint8Array> =>
    new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });

  it('gives the whole body up to the cap, with the status and headers', async () => {
    const capped = bodyCappedFetch(
      serve(() => new Response(stream(['abc', 'de']), { status: 201, statusText: 'Made', headers: { 'x-a': '1' } })),
      5,
      tooLarge,
    );
    const res = await capped('http://x/');
    assert.equal(res.status, 201);
    assert.equal(res.statusText, 'Made');
    assert.equal(res.headers.get('x-a'), '1');
    assert.equal(await res.text(), 'abcde');
  });

  it('refuses a declared length over the cap before reading, and a streamed body one byte over', async () => {
    let pulled = 0;
    const declared = bodyCappedFetch(
      serve(
        () =>
          new Response(
            new ReadableStream({
              pull(controller) {
                pulled++;
                controller.enqueue(new Uint8Array(10));
              },
            }),
            { headers: { 'content-length': '6' } },
          ),
      ),
      5,
      tooLarge,
    );
    await assert.rejects(declared('http://x/'), /too large/);
    assert.ok(pulled <= 1, 'the body was not read');
    const exact = bodyCappedFetch(
      serve(() => new Response(stream(['abcde']), { headers: { 'content-length': '5' } })),
      5,
      tooLarge,
    );
    assert.equal(await (await exact('http://x/')).text(), 'abcde');
    const streamed = bodyCappedFetch(
      serve(() => new Response(stream(['abc', 'def']))),
      5,
      tooLarge,
    );
    await assert.rejects(streamed('http://x/'), /too large/);
  });

  it('passes a response without a body as it is', async () => {
    const none = new Response(null, { status: 204 });
    assert.equal(
      await bodyCappedFetch(
        serve(() => none),
        5,
        tooLarge,
      )('http://x/'),
      none,
    );
  });
});

describe('abortableSleep', () => {
  it('resolves after its time, and rejects at once when aborted before or during', async () => {
    await abortableSleep(1);
    const before = new AbortController();
    before.abort();
    await assert.rejects(abortableSleep(60_000, before.signal), /aborted/);
    const during = new AbortController();
    const sleeping = abortableSleep(60_000, during.signal);
    during.abort();
    await assert.rejects(sleeping, /aborted/);
  });
});

describe('retryAfterMs: how long a provider asks to wait', () => {
  const now = Date.parse('2026-01-05T00:00:00.000Z');
  const h = (init: Record<string, string>) => new Headers(init);

  it('is undefined without headers or without a retry header', () => {
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(retryAfterMs(h({}), now), undefined);
  });

  it('prefers retry-after-ms, never below 0', () => {
    assert.equal(retryAfterMs(h({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
    assert.equal(retryAfterMs(h({ 'retry-after-ms': '-5' }), now), 0);
  });

  it('falls back to retry-after when retry-after-ms is not a number', () => {
    assert.equal(retryAfterMs(h({ 'retry-after-ms': 'soon', 'retry-after': '3' }), now), 3000);
    assert.equal(retryAfterMs(h({ 'retry-after-ms': 'soon' }), now), undefined);
  });

  it('reads retry-after in seconds, never below 0', () => {
    assert.equal(retryAfterMs(h({ 'retry-after': '1.5' }), now), 1500);
    assert.equal(retryAfterMs(h({ 'retry-after': '-2' }), now), 0);
  });

  it('reads retry-after as an HTTP date, from now, never below 0', () => {
    assert.equal(retryAfterMs(h({ 'retry-after': 'Mon, 05 Jan 2026 00:00:30 GMT' }), now), 30_000);
    assert.equal(retryAfterMs(h({ 'retry-after': 'Sun, 04 Jan 2026 23:00:00 GMT' }), now), 0);
    assert.equal(retryAfterMs(h({ 'retry-after': 'whenever' }), now), undefined);
  });
});
