import * as assert from 'node:assert/strict';
import { describeFailure } from '../../../../src/core/pipeline/describeFailure';
import { EXIT } from '../../../../src/core/base/exitCodes';
import { DataError, NotMetricsFileError } from '../../../../src/core/base/dataError';
import { FileReadError } from '../../../../src/core/boundedRead';
import { ProviderError } from '../../../../src/core/providers/providerError';
import { LockPersistError } from '../../../../src/core/lock/providerLock';
import { StateFileError } from '../../../../src/core/storage/stateFileError';
import { UsageError } from '../../../../src/cli/usageError';
import { SourceError } from '../../../../src/core/sources/sourceError';
import { readBounded } from '../../../../src/core/data/readBounded';
import { germanL10n } from '../../../support/germanL10n';

describe('describeFailure: one mapping from an error to what a person sees', () => {
  it('a provider failure: its sentence, its actions, the provider and exit 4', () => {
    const view = describeFailure(new ProviderError('groq', 'auth', 'bad key', { status: 401 }));
    assert.equal(view.kind, 'provider');
    assert.equal(view.exitCode, EXIT.providerError);
    assert.equal(view.message, 'Groq rejected the API key (HTTP 401): bad key.');
    assert.deepEqual(view.actions, ['setKey', 'switchProvider']);
    assert.equal(view.provider, 'groq');
    assert.equal(view.failure, 'auth');
  });

  it("keeps a provider's list of problems with its answer", () => {
    const view = describeFailure(new ProviderError('openai', 'bad-output', 'x', { problems: ['a', 'b'] }));
    assert.deepEqual(view.problems, ['a', 'b']);
  });

  it('a cancelled request is cancelled, not a failure to show', () => {
    const view = describeFailure(new ProviderError('ollama', 'cancelled', ''));
    assert.equal(view.kind, 'cancelled');
    assert.equal(view.exitCode, EXIT.providerError);
  });

  it('bad input of every kind (a metric file, an unreadable file, a flag, the state file) is exit 2 with its sentence', () => {
    const state = new StateFileError('/s.json', 'EROFS', 'The state file is read-only.');
    for (const [err, message] of [
      [new DataError('m.csv', 'no numeric column', 3, 1), 'm.csv:3:1: no numeric column'],
      [new FileReadError('m.csv: not a regular file'), 'm.csv: not a regular file'],
      [new UsageError('--level must be between 0.5 and 0.999'), '--level must be between 0.5 and 0.999'],
      [state, 'The state file is read-only.'],
      [new LockPersistError(state), 'The state file is read-only.'],
    ] as const) {
      const view = describeFailure(err);
      assert.equal(view.kind, 'input', message);
      assert.equal(view.exitCode, EXIT.badInput, message);
      assert.equal(view.message, message);
    }
  });

  it('a file that is not metrics at all offers the sample instead of the logs', () => {
    const view = describeFailure(new NotMetricsFileError('package.json'));
    assert.equal(view.kind, 'input');
    assert.equal(view.exitCode, EXIT.badInput);
    assert.deepEqual(view.actions, ['openSample']);
    assert.match(view.detail ?? '', /^is not a metrics file: /, 'the sentence without the path, for the editor');
    assert.match(view.message, /^package\.json: is not a metrics file: expected a CSV with a time column, or JSON/);
    assert.deepEqual(describeFailure(new DataError('m.csv', 'x')).actions, ['showLogs']);
  });

  it('a lock that could not be saved for another reason is exit 4 with its sentence', () => {
    const view = describeFailure(new LockPersistError(new Error('disk on fire')));
    assert.equal(view.kind, 'lock');
    assert.equal(view.exitCode, EXIT.providerError);
    assert.match(
      view.message,
      /^Could not save the provider lock: disk on fire\. The previous lock is still in force\.$/,
    );
  });

  it('a source that could not answer is exit 5 with its sentence and the logs; a query it refused as bad is exit 2', () => {
    const down = new SourceError(
      'prod',
      'unreachable',
      'source "prod" (127.0.0.1:9) cannot be reached (ECONNREFUSED).',
    );
    assert.deepEqual(describeFailure(down), {
      kind: 'source',
      message: 'source "prod" (127.0.0.1:9) cannot be reached (ECONNREFUSED).',
      actions: ['showLogs'],
      exitCode: EXIT.sourceError,
      problems: [],
    });
    const bad = describeFailure(new SourceError('prod', 'bad-query', 'source "prod" refused the query: parse error.'));
    assert.equal(bad.kind, 'source');
    assert.equal(bad.exitCode, EXIT.badInput);
    const stopped = describeFailure(new SourceError('prod', 'cancelled', 'the query to source "prod" was cancelled.'));
    assert.equal(stopped.kind, 'cancelled');
    assert.equal(stopped.exitCode, EXIT.sourceError);
  });

  it("gives the editor a file's problem without its path only when it has no place in the file", () => {
    assert.equal(describeFailure(new DataError('m.csv', 'no numeric column')).detail, 'no numeric column');
    const placed = describeFailure(new DataError('m.csv', 'no numeric column', 3, 1));
    assert.equal('detail' in placed, false, 'a line and column: the message says where, the editor shows it whole');
    const flag = describeFailure(new UsageError('--level must be between 0.5 and 0.999'));
    assert.equal('detail' in flag, false);
    const state = describeFailure(new StateFileError('/s.json', 'EROFS', 'The state file is read-only.'));
    assert.equal('detail' in state, false);
  });

  it('a lock that could not be saved, and an internal error, offer the logs and no problems', () => {
    assert.deepEqual(describeFailure(new LockPersistError(new Error('disk on fire'))), {
      kind: 'lock',
      message: 'Could not save the provider lock: disk on fire. The previous lock is still in force.',
      actions: ['showLogs'],
      exitCode: EXIT.providerError,
      problems: [],
    });
    assert.deepEqual(describeFailure(new RangeError('too deep')), {
      kind: 'internal',
      message: 'too deep',
      actions: ['showLogs'],
      exitCode: EXIT.internal,
      problems: [],
    });
  });

  it('anything else is an internal error, exit 1', () => {
    const view = describeFailure(new TypeError('x is undefined'));
    assert.equal(view.kind, 'internal');
    assert.equal(view.exitCode, EXIT.internal);
    assert.equal(view.message, 'x is undefined');
    assert.equal(describeFailure('a string').exitCode, EXIT.internal);
  });

  it('says a sentence in the language of the translator it is given; the fields a program reads stay as they are', async () => {
    const de = germanL10n();
    const auth = new ProviderError('groq', 'auth', 'bad key', { status: 401 });
    const german = describeFailure(auth, de);
    assert.equal(german.message, 'Groq hat den API-Schlüssel abgelehnt (HTTP-Status 401): bad key.');
    const english = describeFailure(auth);
    assert.equal(english.message, auth.message, 'the CLI says the error as it always has');
    assert.deepEqual(
      [german.kind, german.exitCode, german.failure, german.provider, german.actions],
      [english.kind, english.exitCode, english.failure, english.provider, english.actions],
    );
    assert.equal(auth.detail, 'bad key');
    assert.equal(
      describeFailure(new ProviderError('openai', 'timeout', (l10n) => l10n.t('no answer within {0} s', 30)), de)
        .message,
      'OpenAI hat nicht rechtzeitig geantwortet: keine Antwort innerhalb von 30 s.',
    );
    assert.equal(
      describeFailure(new ProviderError('openai', 'server', '', { status: 503 }), de).message,
      'OpenAI hatte einen Serverfehler (HTTP-Status 503).',
    );
    const missing = await readBounded('/no/such/metrics.csv', 1024, 'CSV').then(
      () => assert.fail('read a file that is not there'),
      (err: unknown) => err,
    );
    assert.ok(missing instanceof DataError);
    assert.equal(missing.message, '/no/such/metrics.csv: no such file');
    assert.equal(missing.detail, 'no such file');
    const view = describeFailure(missing, de);
    assert.equal(view.message, '/no/such/metrics.csv: Datei nicht gefunden');
    assert.equal(view.detail, 'Datei nicht gefunden');
    assert.equal(view.exitCode, EXIT.badInput);
    assert.equal(
      describeFailure(new NotMetricsFileError('package.json'), de).message,
      'package.json: ist keine Metrikdatei: erwartet wird eine CSV-Datei mit einer Zeitspalte oder JSON der Form { "metrics": [ { "name": …, "points": [...] } ] }',
    );
    // a sentence given as a string is the same in every language
    assert.equal(describeFailure(new DataError('m.csv', 'odd', 3), de).message, 'm.csv:3: odd');
  });
});
