import * as assert from 'node:assert/strict';
import { columnOf, columnsToRows, rowsToColumns, timeMap, unionOfRows } from '../../../../src/core/normalize/tables';

describe('tables: columns and rows as answers write them', () => {
  it('a column is an array, or an object keyed by row index in index order (as pandas writes one)', () => {
    assert.deepEqual(columnOf([3, 4]), [3, 4]);
    assert.deepEqual(columnOf({ '1': 'b', '0': 'a', '10': 'c', '2': 'x' }), ['a', 'b', 'x', 'c']);
    for (const v of [{}, { '01': 1 }, { '-1': 1 }, { a: 1 }, { '0': 1, x: 2 }, 'text', 3, null])
      assert.equal(columnOf(v), undefined, JSON.stringify(v));
  });

  it('a time map has ISO or epoch keys and scalar values; epoch keys become numbers', () => {
    assert.deepEqual(timeMap({ '2026-01-15T00:00:00Z': 1, '2026-01-15 01:00': 2, '2026-01-16': 3 }), {
      times: ['2026-01-15T00:00:00Z', '2026-01-15 01:00', '2026-01-16'],
      values: [1, 2, 3],
    });
    assert.deepEqual(timeMap({ '1768435200': 5, '2026-01-15t00:00:00+02:00': null }), {
      times: [1768435200, '2026-01-15t00:00:00+02:00'],
      values: [5, null],
    });
    for (const o of [{}, { '12345678': 1 }, { '2026-01-15': [1] }, { '2026-01-15': { v: 1 } }, { today: 1 }])
      assert.equal(timeMap(o), undefined, JSON.stringify(o));
    assert.deepEqual(timeMap({ '2026-01-15T00:00:00+0100': 1 })?.times, ['2026-01-15T00:00:00+0100']);
    for (const key of ['x2026-01-15', '2026-01-15 tomorrow', 'at 1768435200', '1768435200 s'])
      assert.equal(timeMap({ [key]: 1 }), undefined, `${key}: a key that only holds a time`);
    assert.equal(timeMap({ '2026-01-15': 1, today: 2 }), undefined, 'every key a time');
    assert.equal(timeMap({ '2026-01-15': 1, '2026-01-16': [2] }), undefined, 'every value a scalar');
    assert.equal(timeMap({ '2026-01-15': () => 1 }), undefined, 'a function is not a scalar');
  });

  it('columns to rows: one row per name, columns of another length left out', () => {
    assert.deepEqual(
      columnsToRows({ id: ['cpu', 'cpu', 7], t: [1, 2, 3], v: { '0': 5, '1': 6, '2': 7 }, extra: [1] }, 'id')?.map(
        (r) => ({ ...r }),
      ),
      [
        { id: 'cpu', t: 1, v: 5 },
        { id: 'cpu', t: 2, v: 6 },
        { id: 7, t: 3, v: 7 },
      ],
    );
    for (const names of [[], [null], [{}], 'cpu', ['cpu', null], [1, true]])
      assert.equal(columnsToRows({ id: names, v: [1] }, 'id'), undefined, JSON.stringify(names));
  });

  it('"__proto__" is a column like any other', () => {
    const rows = columnsToRows(JSON.parse('{"id": ["cpu"], "__proto__": [1]}') as Record<string, unknown>, 'id');
    assert.deepEqual(rows && Object.keys(rows[0] as object).sort(), ['__proto__', 'id']);
  });

  it('rows to columns: a key a row lacks (or only inherits) is null there', () => {
    const inherited = Object.create({ cpu: 99 }) as Record<string, unknown>;
    assert.deepEqual(
      { ...rowsToColumns([{ cpu: 1, t: 0 }, { t: 1 }, inherited], ['t', 'cpu']) },
      {
        t: [0, 1, null],
        cpu: [1, null, null],
      },
    );
  });

  it('the union of rows holds every key with its first value that is not null', () => {
    assert.deepEqual(
      {
        ...unionOfRows([
          { a: null, b: 1 },
          { a: 2, c: undefined },
          { a: 3, c: 4 },
        ]),
      },
      { a: 2, b: 1, c: 4 },
    );
  });

  it('the union of rows lists keys in the order first seen, "__proto__" as any other key, whatever the rows’ prototype', () => {
    const parsed = JSON.parse(
      '[{"t": 1, "__proto__": {"x": 1}}, {"value": 2, "t": 3}, {"__proto__": 5, "lower": 0}]',
    ) as Record<string, unknown>[];
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { upper: 9, t: 4 });
    const union = unionOfRows([...parsed, bare]);
    assert.deepEqual(Object.keys(union), ['t', '__proto__', 'value', 'lower', 'upper']);
    assert.equal(Object.getPrototypeOf(union), null);
    assert.deepEqual(
      [union['t'], union['__proto__'], union['value'], union['lower'], union['upper']],
      [1, { x: 1 }, 2, 0, 9],
    );
  });
});
