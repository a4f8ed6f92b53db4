import * as assert from 'node:assert/strict';
import { DataError } from '../../../../src/core/base/dataError';
import { loadCsv } from '../../../../src/core/data/loadCsv';

/** The message a load of `text` as m.csv is refused with. */
async function refusal(text: string, file = 'm.csv'): Promise<string> {
  return loadCsv(file, text).then(
    () => assert.fail('accepted'),
    (err: unknown) => {
      assert.ok(err instanceof DataError, String(err));
      return err.message;
    },
  );
}

describe('loadCsv (a metrics CSV file)', () => {
  it('long format: the last non-empty unit, capacity and breach side of a metric win, in any case', async () => {
    const [disk] = await loadCsv(
      'm.csv',
      'timestamp,metric,value,unit,capacity,breach\n0,disk,1,GB,10,Above\n60,disk,2,,,\n120,disk,3,MB,20,BELOW\n180,disk,4,,,\n',
    );
    assert.deepEqual([disk?.unit, disk?.capacity, disk?.breach], ['MB', 20, 'below']);
    assert.deepEqual([...(disk?.values ?? [])], [1, 2, 3, 4]);
  });

  it('long format: a metric without unit, capacity or breach has none, and metrics come in first-seen order', async () => {
    const series = await loadCsv('m.csv', 'timestamp,metric,value\n0,b,1\n0,a,2\n60,b,3\n');
    assert.deepEqual(
      series.map((s) => s.name),
      ['b', 'a'],
    );
    assert.deepEqual(Object.keys(series[0] ?? {}).sort(), ['name', 'place', 'times', 'values']);
    assert.deepEqual([...(series[0]?.times ?? [])], [0, 60_000]);
  });

  it('a value, unit or breach refused at its line and column', async () => {
    assert.equal(
      await refusal('timestamp,metric,value,unit\n0,cpu,1,%\n60,cpu,1,a\u0001b\n'),
      'm.csv:3:4: the unit "a\\u0001b" holds a control character',
    );
    assert.equal(
      await refusal('timestamp,metric,value,breach\n0,cpu,1,up\n'),
      'm.csv:2:4: breach must be "above" or "below", not "up"',
    );
    assert.equal(await refusal('timestamp,metric,value\n0,cpu,x\n'), 'm.csv:2:3: "x" is not a number');
    assert.equal(
      await refusal('timestamp,a,b\n0,1,2\n60,1,2e31\n'),
      'm.csv:3:3: "2e31" is too large: values and capacities are at most ±1e+30 (larger ones overflow the forecaster\'s arithmetic)',
    );
  });

  it('the time column may stand anywhere: a bad time is named at its column', async () => {
    assert.equal(
      await refusal('cpu,time\n1,0\n2,soon\n'),
      'm.csv:3:2: "soon" is not a timestamp (ISO 8601, epoch seconds or epoch milliseconds)',
    );
    const [cpu] = await loadCsv('m.csv', 'cpu,time\n1,0\n2,60\n');
    assert.deepEqual([...(cpu?.values ?? [])], [1, 2]);
    assert.deepEqual(cpu?.place?.(1), { line: 3, column: 2 }, 'a row is placed at its line and the time column');
  });

  it('two columns: the metric is named after the file without its last extension', async () => {
    const [s] = await loadCsv('/data/queue.depth.csv', 'timestamp,value\n0,1\n60,2\n');
    assert.equal(s?.name, 'queue.depth');
    const [plain] = await loadCsv('/data/requests', 'timestamp,value\n0,1\n');
    assert.equal(plain?.name, 'requests', 'a name without extension stays whole');
  });

  it('a wide file: an empty cell is a gap; a metric with none is named', async () => {
    const [a, b] = await loadCsv('m.csv', 'timestamp,a,b\n0,1,\n60,,2\n120,3,4\n');
    assert.deepEqual(
      [[...(a?.times ?? [])], [...(b?.times ?? [])]],
      [
        [0, 120_000],
        [60_000, 120_000],
      ],
    );
    assert.equal(
      await refusal('timestamp,a,b\n0,1,\n60,2,\n'),
      'm.csv: metric "b" has no values (every cell is empty)',
    );
  });

  it('a header and no rows, and nothing at all', async () => {
    assert.equal(await refusal('timestamp,value\n'), 'm.csv:2: the file has a header but no data rows');
    assert.equal(await refusal('# only a comment\n\n'), 'm.csv: the file is empty');
  });

  it('a row with another number of values than the header says both counts', async () => {
    assert.equal(
      await refusal('timestamp,a,b\n0,1,2\n60,1\n'),
      'm.csv:3: this row has 2 values, the header 3; every row needs one value per column (an empty cell is a missing value)',
    );
  });
});
