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

describe('bottleneck.capacities: what is not a capacity', () => {
  it('is empty with no problem when the setting is not set', () => {
    for (const raw of [undefined, null]) {
      const { capacities, problems } = parseCapacities(raw);
      assert.deepEqual(Object.keys(capacities), []);
      assert.deepEqual(problems, []);
    }
  });

  it('says the whole setting is not an object, once, for any other value', () => {
    for (const raw of ['cpu=85', 85, true, [{ cpu: 85 }]])
      assert.deepEqual(parseCapacities(raw), {
        capacities: Object.create(null) as object,
        problems: ['bottleneck.capacities must be an object of metric name → capacity'],
      });
  });

  it('skips an empty or blank metric name, keeping a name with spaces around it', () => {
    const { capacities, problems } = parseCapacities({ '': 1, '   ': 2, ' cpu ': 3 });
    assert.deepEqual(Object.keys(capacities), [' cpu ']);
    assert.deepEqual(problems, [
      'bottleneck.capacities[""] was skipped: a metric name or pattern is needed',
      'bottleneck.capacities[""] was skipped: a metric name or pattern is needed',
    ]);
  });

  it('skips a capacity too large for the forecaster, naming the metric', () => {
    const { capacities, problems } = parseCapacities({ disk: 1e300, mem: { capacity: -1e300 }, cpu: 1e6 });
    assert.deepEqual({ ...capacities }, { cpu: { capacity: 1e6 } });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^bottleneck\.capacities\["disk"\] was skipped: .*too large/);
    assert.match(problems[1] ?? '', /^bottleneck\.capacities\["mem"\] was skipped: .*too large/);
  });

  it('keeps a metric named like an object property as an ordinary key', () => {
    const { capacities } = parseCapacities(JSON.parse('{"__proto__": 5, "constructor": 6}'));
    assert.deepEqual(capacities['__proto__'], { capacity: 5 });
    assert.deepEqual(capacities['constructor'], { capacity: 6 });
  });
});
