import * as assert from 'node:assert/strict';
import { parseCapacityFlags } from '../../../../src/cli/capacityFlags';
import { UsageError } from '../../../../src/cli/usageError';
import { matchCapacities } from '../../../../src/core/data/capacityMatch';
import { editDistance } from '../../../../src/core/data/editDistance';
import { globMatch } from '../../../../src/core/data/globMatch';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { parseCapacities } from '../../../../src/core/settings/capacities';
import { FakeClock, seededRandom } from '../../../support/helpers';

const wide = (names: readonly string[], rows = 4): string =>
  [
    `timestamp,${names.join(',')}`,
    ...Array.from({ length: rows }, (_, i) => `${i * 3600},${names.map((_, j) => j + i).join(',')}`),
  ].join('\n');

/** A reference matcher for the property test: a RegExp over a two-letter alphabet, where backtracking stays cheap. */
const reference = (pattern: string, text: string): boolean =>
  new RegExp(`^${pattern.split('*').join('.*')}$`).test(text);

describe('capacity patterns: glob matching without backtracking', () => {
  it('matches * as any run of characters, everything else literally', () => {
    const cases: [string, string, boolean][] = [
      ['cpu*', 'cpu_a', true],
      ['cpu*', 'cpu', true],
      ['cpu*', 'cp', false],
      ['*free*', 'disk_free_gb', true],
      ['a*b*c', 'abc', true],
      ['a*b*c', 'aXbYc', true],
      ['a*b*c', 'acb', false],
      ['*', '', true],
      ['', '', true],
      ['', 'a', false],
      ['**', 'x', true],
      ['ab*ba', 'aba', false],
      ['a*a', 'a', false],
      ['a*a', 'aa', true],
      ['a.b', 'aXb', false],
      ['(x)+', '(x)+', true],
      ['[a]*', '[a]z', true],
      ['*.?', 'q.?', true],
    ];
    for (const [pattern, text, expected] of cases)
      assert.equal(globMatch(pattern, text), expected, `${pattern} vs ${text}`);
  });

  it('agrees with a reference matcher on 5,000 random patterns and names', () => {
    const random = seededRandom(7);
    const pick = (alphabet: string, n: number): string =>
      Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const pattern = pick('ab*', Math.floor(random() * 7));
      const text = pick('ab', Math.floor(random() * 8));
      assert.equal(globMatch(pattern, text), reference(pattern, text), `${pattern} vs ${text}`);
    }
  });

  // a backtracking matcher would need some 10^10 steps for these: the test's timeout is the bound
  it('1,000 stars against a 40-character name, and 13 stars that would make a RegExp backtrack', () => {
    const name = 'a'.repeat(39) + 'b';
    assert.equal(globMatch('*'.repeat(1000), name), true);
    assert.equal(globMatch('a*'.repeat(1000) + 'c', name), false);
    assert.equal(globMatch('*a'.repeat(500) + '*c', name), false);
    assert.equal(globMatch('a*'.repeat(13) + 'c', 'a'.repeat(40)), false);
    assert.equal(globMatch('a*'.repeat(13) + 'b', name), true);
  });

  it('a pattern of 1,000 stars given as a capacity is applied', async () => {
    const set = await loadMetricFile('w.csv', {
      text: wide(['a'.repeat(39) + 'b']),
      capacities: { ['a*'.repeat(1000) + 'c']: { capacity: 1 }, ['*'.repeat(1000)]: { capacity: 2 } },
    });
    assert.equal(set.metrics[0]?.capacity, 2);
  });
});

describe('capacities: names that are also Object.prototype members', () => {
  const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it('get their capacity from the setting (parsed from JSON, as VS Code gives it)', async () => {
    const setting = JSON.parse(
      '{"constructor": 1, "toString": 2, "__proto__": 3, "hasOwnProperty": 4, "valueOf": 5}',
    ) as unknown;
    const { capacities, problems } = parseCapacities(setting);
    assert.deepEqual(problems, []);
    const set = await loadMetricFile('w.csv', { text: wide(NAMES), capacities });
    assert.deepEqual(
      set.metrics.map((m) => [m.name, m.capacity]),
      NAMES.map((n, i) => [n, i + 1]),
    );
  });

  it('get their capacity from --capacity', async () => {
    const capacities = parseCapacityFlags(NAMES.map((n, i) => `${n}=${i + 1}`));
    assert.equal(Object.getPrototypeOf(capacities), null);
    const set = await loadMetricFile('w.csv', { text: wide(NAMES), capacities });
    assert.deepEqual(
      set.metrics.map((m) => m.capacity),
      [1, 2, 3, 4, 5],
    );
  });

  it("keep the file's own capacity when no override names them", async () => {
    const text =
      'timestamp,metric,value,capacity\n' +
      NAMES.flatMap((n) => [0, 3600, 7200].map((t) => `${t},${n},1,50`)).join('\n');
    const set = await loadMetricFile('l.csv', { text, capacities: { cpu: { capacity: 80 } } });
    assert.deepEqual(
      set.metrics.map((m) => [m.name, m.capacity, m.breach]),
      NAMES.map((n) => [n, 50, 'above']),
    );
  });
});

describe('capacities: case, precedence and "did you mean"', () => {
  it('a wide header keeps its case, so --capacity CPU_Load=80 and the setting apply', async () => {
    const flag = await loadMetricFile('w.csv', {
      text: wide(['CPU_Load', 'Mem']),
      capacities: parseCapacityFlags(['CPU_Load=80']),
    });
    assert.deepEqual(
      flag.metrics.map((m) => [m.name, m.capacity]),
      [
        ['CPU_Load', 80],
        ['Mem', undefined],
      ],
    );
    const setting = await loadMetricFile('w.csv', {
      text: wide(['CPU_Load']),
      capacities: parseCapacities({ CPU_Load: 80 }).capacities,
    });
    assert.equal(setting.metrics[0]?.capacity, 80);
    assert.deepEqual(setting.warnings, []);
  });

  it('exact keys first, then ignoring case, then patterns in order', async () => {
    const capacities = {
      'cpu*': { capacity: 9 },
      cpu: { capacity: 1 },
      CPU: { capacity: 2 },
      CPU_LOAD: { capacity: 8 },
      '*': { capacity: 7 },
    };
    const set = await loadMetricFile('w.csv', {
      text: wide(['cpu', 'CPU', 'Cpu', 'cpu_load', 'cpu_x', 'mem']),
      capacities,
    });
    assert.deepEqual(
      set.metrics.map((m) => m.capacity),
      [1, 2, 1, 8, 9, 7],
    );
  });

  it('a key with a typo is reported with the closest name, through to the forecast', async () => {
    const text =
      'timestamp,CPU_Load,mem\n' +
      Array.from({ length: 120 }, (_, i) => `${i * 3600},${40 + (i % 24)},${50 + (i % 12)}`).join('\n');
    const set = await loadMetricFile('w.csv', { text, capacities: parseCapacityFlags(['CPU_Lod=80', 'memory=90']) });
    assert.deepEqual(
      set.metrics.map((m) => m.capacity),
      [undefined, undefined],
    );
    assert.deepEqual(set.warnings, [
      'capacity "CPU_Lod" matches no metric in this file; did you mean "CPU_Load"?',
      'capacity "memory" matches no metric in this file; did you mean "mem"?',
    ]);
    const data = forecastMetricSet(set, { clock: new FakeClock(), horizon: { steps: 6 } });
    assert.ok(data.warnings.includes('capacity "CPU_Lod" matches no metric in this file; did you mean "CPU_Load"?'));
  });

  it('a shorthand that starts exactly one name is suggested (cpu for cpu_utilization), though it is far by edit distance', () => {
    const { warnings } = matchCapacities(['cpu_utilization', 'memory_used', 'disk_free', 'queue_depth'], {
      cpu: { capacity: 80 },
    });
    assert.deepEqual(warnings, ['capacity "cpu" matches no metric in this file; did you mean "cpu_utilization"?']);
  });

  it('a pattern, or a key with no name near it, lists the metrics instead', () => {
    const { warnings } = matchCapacities(['cpu', 'mem', 'disk', 'net', 'queue', 'latency'], {
      'dsk*': { capacity: 1 },
      throughput: { capacity: 2 },
    });
    assert.deepEqual(warnings, [
      'capacity pattern "dsk*" matches no metric in this file (its metrics: "cpu", "mem", "disk", "net", "queue" and 1 more).',
      'capacity "throughput" matches no metric in this file (its metrics: "cpu", "mem", "disk", "net", "queue" and 1 more).',
    ]);
  });

  it('reports ten unmatched capacities and counts the rest, with bounded work for 1,000 long names and keys', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `metric_${i}_${'n'.repeat(190)}`);
    const table = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`key_${i}_${'k'.repeat(190)}`, { capacity: i }]),
    );
    const { byName, warnings } = matchCapacities(names, table);
    assert.equal(byName.size, 0);
    assert.equal(warnings.length, 11);
    assert.equal(warnings[10], '…and 990 more capacities match no metric in this file.');
  });

  it('edit distance counts insertions, deletions and substitutions', () => {
    assert.equal(editDistance('cpu_lod', 'cpu_load'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'stops once the distance must exceed the limit');
    assert.equal(editDistance('x'.repeat(100_000), 'y'.repeat(100_000)), 64, 'compares at most 64 characters');
  });
});

describe('capacities: values and keys that cannot be used', () => {
  it('--capacity refuses values beyond ±1e30 (Infinity included) and an empty name', () => {
    for (const flag of ['cpu=1e309', 'cpu=1e101', 'cpu=1e31', ' =5', 'cpu=']) {
      assert.throws(
        () => parseCapacityFlags([flag]),
        (err: unknown) => err instanceof UsageError && err.message.includes(flag),
        flag,
      );
    }
    assert.match(
      String(
        (() => {
          try {
            parseCapacityFlags(['cpu=1e309']);
          } catch (e) {
            return e;
          }
          return '';
        })(),
      ),
      /too large/,
    );
  });

  it('the setting skips them with a problem that names the entry', () => {
    const { capacities, problems } = parseCapacities({ cpu: 1e308, mem: { capacity: -1e200 }, '': 5, disk: 40 });
    assert.deepEqual(Object.keys(capacities), ['disk']);
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /\["cpu"\] was skipped: "1e\+308" is too large/);
    assert.match(problems[1] ?? '', /\["mem"\] was skipped: "-1e\+200" is too large/);
    assert.match(problems[2] ?? '', /\[""\] was skipped: a metric name or pattern is needed/);
  });
});
