import * as assert from 'node:assert/strict';
import * as z from 'zod';
import { metricForecastSchema } from '../../../../src/core/base/forecastSchema';

describe('zod setup', () => {
  it('every program that loads the forecast schema checks without compiling checkers (jitless), with the same verdicts', () => {
    assert.equal(z.config().jitless, true);
    const bad = metricForecastSchema.safeParse({ name: 1 });
    assert.equal(bad.success, false);
    assert.ok(bad.error.issues.some((i) => i.path[0] === 'name'));
  });
});
