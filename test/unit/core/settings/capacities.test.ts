import * as assert from 'node:assert/strict';
import { parseCapacities } from '../../../../src/core/settings/capacities';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';

describe('bottleneck.capacities', () => {
  it('takes numbers and objects with a breach side', () => {
    const { capacities, problems } = parseCapacities({ cpu: 85, 'disk_free*': { capacity: 40, breach: 'below' } });
    assert.deepEqual({ ...capacities }, { cpu: { capacity: 85 }, 'disk_free*': { capacity: 40, breach: 'below' } });
    assert.deepEqual(problems, []);
  });

  it('skips a bad entry with a problem that names it, keeping the others', () => {
    const { capacities, problems } = parseCapacities({ cpu: 'lots', mem: 90, disk: { capacity: 5, side: 'below' } });
    assert.deepEqual(Object.keys(capacities), ['mem']);
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /\["cpu"\] was skipped/);
    assert.match(problems[1] ?? '', /\["disk"\] was skipped: .*side/);
  });

  it('rejects a setting that is not an object', () => {
    assert.match(parseCapacities([1, 2]).problems[0] ?? '', /must be an object/);
  });

  it('gives a wide file without a capacity column its capacities', async () => {
    const text =
      'timestamp,cpu,disk_free\n' + Array.from({ length: 4 }, (_, i) => `${i * 3600},${50 + i},${100 - i}`).join('\n');
    const set = await loadMetricFile('w.csv', {
      text,
      capacities: parseCapacities({ cpu: 85, 'disk*': { capacity: 40, breach: 'below' } }).capacities,
    });
    assert.deepEqual(
      set.metrics.map((m) => [m.name, m.capacity, m.breach]),
      [
        ['cpu', 85, 'above'],
        ['disk_free', 40, 'below'],
      ],
    );
  });
});
