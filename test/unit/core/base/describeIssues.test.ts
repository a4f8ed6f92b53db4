import * as assert from 'node:assert/strict';
import * as z from 'zod';
import { describeIssues } from '../../../../src/core/base/describeIssues';

const issuesOf = (schema: z.ZodType, value: unknown): z.ZodError => {
  const result = schema.safeParse(value);
  assert.ok(!result.success);
  return result.error;
};

describe('describeIssues: which field was wrong, in a line', () => {
  it('names each field by its path, and the root as (root)', () => {
    const schema = z.object({ a: z.object({ b: z.array(z.number()) }) });
    assert.equal(
      describeIssues(issuesOf(schema, { a: { b: [1, 'x'] } })),
      'a.b.1: Invalid input: expected number, received string',
    );
    assert.equal(describeIssues(issuesOf(z.number(), 'x')), '(root): Invalid input: expected number, received string');
  });

  it('lists five issues joined by semicolons, then counts the rest', () => {
    const schema = z.array(z.number());
    const five = describeIssues(issuesOf(schema, ['a', 'b', 'c', 'd', 'e']));
    assert.equal(five.split('; ').length, 5);
    assert.ok(!five.includes('more'), five);
    assert.ok(five.startsWith('0: Invalid input') && five.includes('; 4: Invalid input'), five);
    const seven = describeIssues(issuesOf(schema, ['a', 'b', 'c', 'd', 'e', 'f', 'g']));
    assert.ok(seven.endsWith('; 4: Invalid input: expected number, received string; and 2 more'), seven);
    assert.ok(!seven.includes('5: '), seven);
  });
});
