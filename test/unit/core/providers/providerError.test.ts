import * as assert from 'node:assert/strict';
import {
  type FailureClass,
  ProviderError,
  redactSecrets,
  safeDetail,
} from '../../../../src/core/providers/providerError';

describe('ProviderError: one sentence per failure class, with what a person can do', () => {
  // class → the sentence for OpenAI without status or detail, the buttons, whether a retry may help
  const table: [FailureClass, string, string[], boolean][] = [
    ['auth', 'OpenAI rejected the API key.', ['setKey', 'switchProvider'], false],
    ['model-not-found', 'OpenAI does not know the configured model.', ['switchProvider', 'showLogs'], false],
    ['rate-limited', 'OpenAI is rate limiting requests.', ['switchProvider', 'showLogs'], true],
    ['quota', 'OpenAI says the account has no quota left.', ['switchProvider', 'setKey'], false],
    ['server', 'OpenAI had a server error.', ['switchProvider', 'showLogs'], true],
    ['timeout', 'OpenAI did not answer in time.', ['switchProvider', 'showLogs'], true],
    ['network', 'OpenAI could not be reached.', ['switchProvider', 'showLogs'], true],
    ['bad-output', 'OpenAI returned output that is not a usable forecast.', ['switchProvider', 'showLogs'], false],
    ['cancelled', 'OpenAI request was cancelled.', [], false],
    ['not-configured', 'OpenAI is not configured.', ['setKey', 'switchProvider'], false],
  ];
  for (const [failure, message, actions, transient] of table)
    it(`${failure}: "${message}"`, () => {
      const err = new ProviderError('openai', failure, '');
      assert.equal(err.message, message);
      assert.deepEqual(err.actions, actions);
      assert.equal(err.transient, transient);
      assert.equal(err.failure, failure);
      assert.equal(err.provider, 'openai');
    });

  it('adds the HTTP status and the detail when there are any, and keeps them', () => {
    const err = new ProviderError('custom:gateway-eu', 'server', 'upstream overloaded', {
      status: 503,
      retryAfterMs: 2000,
      problems: ['p1'],
    });
    assert.equal(err.message, 'Custom endpoint gateway-eu had a server error (HTTP 503): upstream overloaded.');
    assert.equal(err.status, 503);
    assert.equal(err.retryAfterMs, 2000);
    assert.deepEqual(err.problems, ['p1']);
    assert.equal(err.detail, 'upstream overloaded');
    assert.equal(err.name, 'ProviderError');
    assert.equal(
      new ProviderError('groq', 'auth', 'bad key', { status: 401 }).message,
      'Groq rejected the API key (HTTP 401): bad key.',
    );
  });

  it('has no status, no retry-after and no problems unless told', () => {
    const err = new ProviderError('groq', 'timeout', 'no answer within 60 s');
    assert.equal(err.message, 'Groq did not answer in time: no answer within 60 s.');
    assert.equal(err.status, undefined);
    assert.equal(err.retryAfterMs, undefined);
    assert.deepEqual(err.problems, []);
  });
});

describe('redactSecrets and safeDetail: provider text made safe to show', () => {
  it('removes every copy of a known key of four characters or more, and nothing for shorter ones', () => {
    assert.equal(redactSecrets('key abcd, again abcd.', ['abcd']), 'key [redacted], again [redacted].');
    assert.equal(redactSecrets('key abc here', ['abc']), 'key abc here');
    assert.equal(redactSecrets('nothing', ['']), 'nothing');
  });

  it('removes key-shaped strings of each known prefix, from eight characters on', () => {
    for (const prefix of ['sk-', 'sk_', 'gsk_', 'hf_', 'cf-'])
      assert.equal(redactSecrets(`got ${prefix}ABCDEFGH ok`), 'got [redacted] ok', prefix);
    assert.equal(redactSecrets('got sk-ABCDEFG ok'), 'got sk-ABCDEFG ok', 'seven characters are no key');
    assert.equal(redactSecrets('task-ABCDEFGHIJ'), 'task-ABCDEFGHIJ', 'only at a word start');
  });

  it('removes what follows Bearer, up to a space, a quote or a comma, in any case', () => {
    assert.equal(redactSecrets('Authorization: Bearer abc.def-123, next'), 'Authorization: Bearer [redacted], next');
    assert.equal(redactSecrets('"bearer  xyz" and'), '"Bearer [redacted]" and');
  });

  it('takes a string or an error, and nothing else', () => {
    assert.equal(safeDetail('plain'), 'plain');
    assert.equal(safeDetail(new Error('from sk-ABCDEFGHIJ')), 'from [redacted]');
    assert.equal(safeDetail({ message: 'an object' }), '');
    assert.equal(safeDetail(undefined), '');
    assert.equal(safeDetail('mine is k3y!', ['k3y!']), 'mine is [redacted]');
  });

  it('turns runs of control characters into one space and trims the ends', () => {
    assert.equal(safeDetail('\n\tline one\r\n\u0007line two\u007f\n'), 'line one line two');
  });

  it('keeps 300 characters and marks the cut', () => {
    assert.equal(safeDetail('x'.repeat(300)), 'x'.repeat(300));
    assert.equal(safeDetail('y'.repeat(301)), `${'y'.repeat(300)}…`);
  });
});
