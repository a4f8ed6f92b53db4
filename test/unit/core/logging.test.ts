import * as assert from 'node:assert/strict';
import { silentLogger, warningsTo } from '../../../src/core/logging';

describe('loggers of the core', () => {
  it('silentLogger takes every level and does nothing', () => {
    for (const level of ['trace', 'debug', 'info', 'warn', 'error'] as const) {
      assert.equal(typeof silentLogger[level], 'function', level);
      assert.equal(silentLogger[level]('a message', { detail: 1 }), undefined, level);
    }
  });

  it('warningsTo writes warnings with a prefix and errors as they are, and drops the rest', () => {
    const lines: string[] = [];
    const logger = warningsTo((line) => lines.push(line));
    logger.trace('trace');
    logger.debug('debug');
    logger.info('info');
    logger.warn('the plan has no metrics');
    logger.error('the provider refused the key');
    logger.error(new Error('boom'));
    assert.deepEqual(lines, ['warning: the plan has no metrics', 'the provider refused the key', 'Error: boom']);
  });
});
