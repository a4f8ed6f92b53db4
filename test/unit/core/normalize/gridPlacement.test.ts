import * as assert from 'node:assert/strict';
import { type ForecastRequest } from '../../../../src/core/base/forecastRequest';
import { placeOnGrid, timesToIndices, upsample } from '../../../../src/core/normalize/gridPlacement';
import { FIRST_TIME, REQUEST } from '../../../support/normalizeHelpers';

const HOUR = 3_600_000;
const iso = (k: number): string => new Date(FIRST_TIME + k * HOUR).toISOString();
/** Twenty points: up to two (10%) may be missing. */
const TWENTY: ForecastRequest = { ...REQUEST, horizon: 20, outputCount: 20 };

interface Placed {
  grid: number[] | undefined;
  problems: string[];
  warnings: string[];
}
const place = (
  values: readonly unknown[],
  indices?: readonly number[] | null,
  request: ForecastRequest = REQUEST,
): Placed => {
  const problems: string[] = [];
  const warnings: string[] = [];
  const grid = placeOnGrid(values, indices, request, '"cpu"', problems, warnings);
  return { grid, problems, warnings };
};
const ramp = (n: number, from = 0): number[] => Array.from({ length: n }, (_, k) => from + k);

describe('grid placement: values in order (no timestamps)', () => {
  it('reads each value as models write numbers, and takes exactly the points asked for as they are', () => {
    assert.deepEqual(place([1, '2', '3%', '4k', ' 5 ', 6]), {
      grid: [1, 2, 3, 4000, 5, 6],
      problems: [],
      warnings: [],
    });
  });

  it('an empty series is a problem', () => {
    assert.deepEqual(place([]), { grid: undefined, problems: ['"cpu" has no values'], warnings: [] });
    assert.deepEqual(place([], [0]).problems, ['"cpu" has no values']);
  });

  it('drops the values beyond the points asked for and says how many', () => {
    assert.deepEqual(place(ramp(8)), {
      grid: ramp(6),
      problems: [],
      warnings: ['"cpu": 8 values for 6 points; the extra 2 were dropped.'],
    });
  });

  it('carries the last value forward up to 10% of the points (at least one), and no further', () => {
    assert.deepEqual(place(ramp(5)), {
      grid: [0, 1, 2, 3, 4, 4],
      problems: [],
      warnings: ['"cpu": 5 values for 6 points; the last value was carried forward.'],
    });
    assert.deepEqual(place(ramp(4)), {
      grid: undefined,
      problems: ['"cpu" has 4 values for 6 points (more than 10% short)'],
      warnings: [],
    });
    assert.deepEqual(place(ramp(18), undefined, TWENTY).grid, [...ramp(18), 17, 17]);
    assert.deepEqual(place(ramp(17), undefined, TWENTY).problems, [
      '"cpu" has 17 values for 20 points (more than 10% short)',
    ]);
    assert.deepEqual(place([7], undefined, { ...REQUEST, outputCount: 2 }).grid, [7, 7], 'one short of two');
  });
});

describe('grid placement: values placed by their timestamps', () => {
  it('timestamps that could not be read are a problem', () => {
    assert.deepEqual(place([1, 2], null), {
      grid: undefined,
      problems: ['"cpu": its timestamps could not be read'],
      warnings: [],
    });
  });

  it('puts each value at its index, in any order; a later duplicate wins', () => {
    assert.deepEqual(place([5, 4, 3, 2, 1, 0], [5, 4, 3, 2, 1, 0]).grid, ramp(6));
    assert.deepEqual(place([0, 1, 2, 3, 4, 9, 5], [0, 1, 2, 3, 4, 5, 5]).grid, ramp(6));
  });

  it('drops the points outside the horizon and counts them', () => {
    assert.deepEqual(place([-1, ...ramp(6), 6, 7], [-1, ...ramp(6), 6, 7]), {
      grid: ramp(6),
      problems: [],
      warnings: ['"cpu": 3 points outside the horizon were dropped.'],
    });
    assert.deepEqual(place([...ramp(6), 9], [...ramp(6), 6]).warnings, [
      '"cpu": 1 point outside the horizon were dropped.',
    ]);
    assert.deepEqual(place([...ramp(6), 9], [...ramp(6), Number.NaN]).warnings, [
      '"cpu": 1 point outside the horizon were dropped.',
    ]);
  });

  it('interpolates the holes inside, linearly, however many', () => {
    assert.deepEqual(place([0, 10, 40, 50], [0, 1, 4, 5]), {
      grid: [0, 10, 20, 30, 40, 50],
      problems: [],
      warnings: [],
    });
    assert.deepEqual(place([0, 20, 40, 50], [0, 2, 4, 5]).grid, [0, 10, 20, 30, 40, 50]);
    assert.deepEqual(place([0, 50], [0, 5]).grid, [0, 10, 20, 30, 40, 50]);
    const exact = place([0.7, 0.1], [0, 2], { ...REQUEST, outputCount: 3 }).grid;
    assert.equal(exact?.[2], 0.1, 'a point the answer gave keeps its exact value (0.7 + (0.1 − 0.7) is not 0.1)');
  });

  it('fills the ends from the nearest point, up to 10% of the points (at least one)', () => {
    assert.deepEqual(place([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]), {
      grid: [1, 1, 2, 3, 4, 5],
      problems: [],
      warnings: ['"cpu": 1 missing point was filled from its nearest neighbour.'],
    });
    assert.deepEqual(place(ramp(5), ramp(5)).grid, [0, 1, 2, 3, 4, 4]);
    assert.deepEqual(place(ramp(18, 1), ramp(18, 1), TWENTY), {
      grid: [1, ...ramp(18, 1), 18],
      problems: [],
      warnings: ['"cpu": 2 missing points were filled from its nearest neighbour.'],
    });
    assert.deepEqual(place(ramp(4, 1), ramp(4, 1)), {
      grid: undefined,
      problems: ['"cpu" covers 4 of the 6 points asked for (more than 10% missing)'],
      warnings: [],
    });
    assert.deepEqual(place(ramp(17, 2), ramp(17, 2), TWENTY).problems, [
      '"cpu" covers 17 of the 20 points asked for (more than 10% missing)',
    ]);
  });

  it('none of its points in the horizon is a problem', () => {
    assert.deepEqual(place([1, 2], [6, -1]), {
      grid: undefined,
      problems: ['"cpu": none of its points fall within the horizon'],
      warnings: ['"cpu": 2 points outside the horizon were dropped.'],
    });
  });
});

describe('grid placement: timestamps to grid indices', () => {
  const hours = (times: readonly unknown[], request: ForecastRequest = REQUEST) => timesToIndices(times, request);

  it('epoch milliseconds, epoch seconds, or step numbers (1-based when none is below 1)', () => {
    assert.deepEqual(hours([FIRST_TIME, FIRST_TIME + HOUR, FIRST_TIME + 5 * HOUR]), [0, 1, 5]);
    assert.deepEqual(hours([FIRST_TIME / 1000, FIRST_TIME / 1000 + 3600]), [0, 1]);
    assert.deepEqual(hours([1, 2, 3]), [0, 1, 2]);
    assert.deepEqual(hours([2, 3, 4]), [1, 2, 3]);
    assert.deepEqual(hours([0, 1, 2]), [0, 1, 2]);
    assert.deepEqual(hours([-1, 0, 1]), [-1, 0, 1]);
    assert.deepEqual(hours([1.4, 2.6]), [0, 2]);
    assert.deepEqual(hours([0.5, 1]), [1, 1], 'a step below 1 makes them 0-based');
  });

  it('tells milliseconds from seconds from steps by the largest magnitude: 1e11 and 1e8 are the thresholds', () => {
    assert.deepEqual(hours([1e11]), [Math.round((1e11 - FIRST_TIME) / HOUR)]);
    assert.deepEqual(hours([1e11 - 1]), [Math.round(((1e11 - 1) * 1000 - FIRST_TIME) / HOUR)]);
    assert.deepEqual(hours([1e8]), [Math.round((1e8 * 1000 - FIRST_TIME) / HOUR)]);
    assert.deepEqual(hours([1e8 - 1]), [1e8 - 2]);
    assert.deepEqual(hours([-1e12, 0]), [Math.round((-1e12 - FIRST_TIME) / HOUR), Math.round(-FIRST_TIME / HOUR)]);
    assert.deepEqual(hours([-1e9, 0]), [Math.round((-1e12 - FIRST_TIME) / HOUR), Math.round(-FIRST_TIME / HOUR)]);
  });

  it('numbers written as strings are numbers', () => {
    assert.deepEqual(hours(['1', ' 2 ', '3.0']), [0, 1, 2]);
    assert.deepEqual(hours(['-1', '0']), [-1, 0]);
    assert.deepEqual(hours(['1', '2.75']), [0, 2]);
    assert.deepEqual(hours([String(FIRST_TIME), String(FIRST_TIME + HOUR)]), [0, 1]);
  });

  it('ISO times: with Z, z or an offset; without a zone they are UTC (whatever the local zone)', () => {
    const zone = process.env['TZ'];
    process.env['TZ'] = 'America/New_York';
    try {
      assert.deepEqual(hours([iso(0), iso(1)]), [0, 1]);
      assert.deepEqual(
        hours(['2026-01-15T00:00:00z', '2026-01-15T03:00:00+02:00', '2026-01-15T03:00:00+0100']),
        [0, 1, 2],
      );
      assert.deepEqual(hours(['2026-01-15T02:00:00-01:00']), [3]);
      assert.deepEqual(hours(['2026-01-15T00:00:00', '2026-01-15T01:00']), [0, 1]);
      assert.deepEqual(hours(['2026-01-15 01:00:00', '2026-01-15 02:00:00Z']), [1, 2], 'as pandas writes them');
      assert.deepEqual(hours(['2026-01-16']), [24], 'a date alone is midnight UTC');
      assert.deepEqual(hours(['+002026-01-15T01:00:00']), [1], 'an expanded year is no offset');
      // a space at the eleventh character that is not pandas' date and time: left as it is
      assert.deepEqual(hours(['Thu Jan 15 2026 01:00:00 GMT+0000']), [1], "as JavaScript's Date writes a time");
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });

  it('the grid step is the stride times the data step, from one grid step after the last observation', () => {
    const request: ForecastRequest = { ...REQUEST, horizon: 12, outputStride: 2, outputCount: 6 };
    assert.deepEqual(hours([iso(1), iso(3), iso(5)], request), [0, 1, 2]);
    assert.deepEqual(hours([FIRST_TIME + HOUR, FIRST_TIME + 3 * HOUR], request), [0, 1]);
  });

  it('times that cannot be read give nothing', () => {
    assert.equal(hours(['soon', iso(1)]), undefined);
    assert.equal(hours([iso(0), 'soon']), undefined);
    assert.equal(hours([1, 'soon']), undefined, 'a number, then text that is not a time');
    assert.equal(hours([iso(0), 1]), undefined, 'a time, then a number');
    assert.equal(hours([iso(0), null]), undefined);
    assert.equal(hours([true]), undefined);
    assert.equal(hours([[1], [2]]), undefined, 'arrays are not numbers, even of one number');
  });
});

describe('grid placement: the output grid onto every step of the horizon', () => {
  it('at stride 1 the grid is the forecast', () => {
    assert.deepEqual([...upsample([10, 20, 30, 40, 50, 60], REQUEST, 0)], [10, 20, 30, 40, 50, 60]);
  });

  it('at a coarser stride, a straight line from the last observation to the first point, then between points', () => {
    const request: ForecastRequest = { ...REQUEST, horizon: 12, outputStride: 4, outputCount: 3 };
    assert.deepEqual(
      [...upsample([10, 20, 30], request, 0)],
      [2.5, 5, 7.5, 10, 12.5, 15, 17.5, 20, 22.5, 25, 27.5, 30],
    );
    assert.deepEqual(
      [...upsample([10, 20], { ...request, horizon: 10, outputCount: 2 }, 6)],
      [7, 8, 9, 10, 12.5, 15, 17.5, 20, 20, 20],
    );
    assert.equal(upsample([0.1, 0.5], request, 0.7)[3], 0.1, 'the first point is exactly the one given');
  });
});
