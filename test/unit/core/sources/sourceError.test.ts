import * as assert from 'node:assert/strict';
import { SourceError } from '../../../../src/core/sources/sourceError';

describe('SourceError', () => {
  it('carries the source, the failure and the sentence, and says its name in logs', () => {
    const err = new SourceError('prod', 'timeout', 'source "prod" (p:9090) did not answer in time');
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'SourceError');
    assert.equal(err.source, 'prod');
    assert.equal(err.failure, 'timeout');
    assert.equal(err.message, 'source "prod" (p:9090) did not answer in time');
    assert.equal(String(err), 'SourceError: source "prod" (p:9090) did not answer in time');
  });
});
