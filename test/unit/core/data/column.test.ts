import * as assert from 'node:assert/strict';
import { Column, IndexColumn } from '../../../../src/core/data/column';

describe('growable columns', () => {
  it('start empty', () => {
    assert.equal(new Column().length, 0);
    assert.deepEqual([...new Column().toArray()], []);
  });

  it('keep every value pushed, in order, across growth past 256, 512 and 1024', () => {
    const column = new Column();
    for (let i = 0; i < 1500; i++) column.push(i / 2);
    const values = column.toArray();
    assert.ok(values instanceof Float64Array);
    assert.equal(column.length, 1500);
    assert.equal(values.length, 1500, 'only what was pushed, not the spare room');
    assert.deepEqual(
      [values[0], values[255], values[256], values[511], values[512], values[1499]],
      [0, 127.5, 128, 255.5, 256, 749.5],
    );
  });

  it('an index column holds whole numbers below 2^32 as 32-bit integers', () => {
    const column = new IndexColumn();
    for (let i = 0; i < 300; i++) column.push(4_000_000_000 + i);
    const values = column.toArray();
    assert.ok(values instanceof Uint32Array);
    assert.equal(values.length, 300);
    assert.equal(values[0], 4_000_000_000);
    assert.equal(values[299], 4_000_000_299);
  });
});
