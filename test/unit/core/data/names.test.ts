import * as assert from 'node:assert/strict';
import { nameProblem } from '../../../../src/core/data/names';

describe('nameProblem (metric names and units from a file)', () => {
  it('accepts a name of 1 to 200 characters without control characters', () => {
    assert.equal(nameProblem('cpu', 'metric name'), undefined);
    assert.equal(nameProblem('x', 'unit'), undefined);
    assert.equal(nameProblem('n'.repeat(200), 'metric name'), undefined);
    assert.equal(nameProblem('disk used (%) – sda', 'metric name'), undefined);
  });

  it('refuses an empty or blank one', () => {
    assert.equal(nameProblem('', 'metric name'), 'the metric name is empty');
    assert.equal(nameProblem('   ', 'unit'), 'the unit is empty');
  });

  it('refuses one over 200 characters, quoting its start', () => {
    assert.equal(
      nameProblem('n'.repeat(201), 'metric name'),
      `the metric name "${'n'.repeat(60)}…" is 201 characters long; at most 200`,
    );
  });

  it('refuses a control character, shown escaped', () => {
    assert.equal(nameProblem('cpu\tload', 'metric name'), 'the metric name "cpu\\tload" holds a control character');
    assert.equal(nameProblem('a\u0000', 'unit'), 'the unit "a\\u0000" holds a control character');
  });
});
