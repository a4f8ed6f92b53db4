import * as assert from 'node:assert/strict';
import { SNIFF_CHARS, isForecastable } from '../../../../src/core/sources/forecastable';

describe('isForecastable (whether Run Forecast is offered for a document)', () => {
  const metrics = '{\n  "metrics": [ { "name": "cpu", "points": [["2026-01-05T00:00:00Z", 41.5]] } ]\n}';
  const prom = '{"status":"success","data":{"resultType":"matrix","result":[]}}';

  it('offers it for every CSV file, by name or by language, whatever its text', () => {
    assert.ok(isForecastable('/w/metrics.csv', 'plaintext', ''));
    assert.ok(isForecastable('/w/METRICS.CSV', 'plaintext', 'garbage'));
    assert.ok(isForecastable('Untitled-1', 'csv', 'timestamp,value'));
  });

  it('offers it for capacity plans by their name', () => {
    assert.ok(isForecastable('/w/.bottleneck/plan.json', 'jsonc', '// a plan\n{ "sources": [] }'));
    assert.ok(isForecastable('/w/fleet.plan.json', 'jsonc', ''));
    assert.ok(isForecastable('/w/fleet.plan.jsonc', 'jsonc', ''));
  });

  it('offers it for a JSON metrics file and a saved Prometheus answer', () => {
    assert.ok(isForecastable('/w/metrics.json', 'json', metrics));
    assert.ok(isForecastable('/w/metrics.json', 'json', `\uFEFF  ${metrics}`));
    assert.ok(isForecastable('/w/answer.json', 'json', prom));
    assert.ok(isForecastable('/w/error.json', 'json', '{"status":"error","errorType":"bad_data","error":"x"}'));
    assert.ok(isForecastable('Untitled-2', 'json', metrics), 'an unsaved JSON document');
  });

  it('does not offer it for package.json, tsconfig.json or other JSON', () => {
    const pkg = '{ "name": "x", "version": "1.0.0", "scripts": { "metrics": "node m.js" } }';
    assert.ok(!isForecastable('/w/package.json', 'json', pkg));
    assert.ok(!isForecastable('/w/tsconfig.json', 'jsonc', '{ "compilerOptions": { "strict": true } }'));
    assert.ok(!isForecastable('/w/data.json', 'json', '{ "name": "x", "metrics": [] }'), '"metrics" not first');
    assert.ok(!isForecastable('/w/status.json', 'json', '{"status":"success","build":1}'), 'a status, no answer');
    assert.ok(!isForecastable('/w/list.json', 'json', '[{"metrics": []}]'));
    assert.ok(!isForecastable('/w/empty.json', 'json', ''));
  });

  it('does not offer it for other languages, even with metrics-like text', () => {
    assert.ok(!isForecastable('/w/notes.md', 'markdown', metrics));
    assert.ok(!isForecastable('/w/a.ts', 'typescript', prom));
  });

  it('reads only the first SNIFF_CHARS characters of a huge document', () => {
    const late = `{${' '.repeat(SNIFF_CHARS)}"metrics": [`;
    assert.ok(!isForecastable('/w/late.json', 'json', late), 'a key beyond the sniffed start is not seen');
    // 9 MB that would not parse as a whole: only a judgement from its start can say yes
    const huge = `${metrics.slice(0, -2)}${', 1'.repeat(3_000_000)} and then no JSON at all`;
    assert.ok(isForecastable('/w/huge.json', 'json', huge), 'a 9 MB document is judged from its start');
  });
});

describe('isForecastable: names, languages and starts on both sides', () => {
  const prom = '{"status":"success","data":{"resultType":"matrix","result":[]}}';

  it('judges a name without its query or fragment, and by its end only', () => {
    assert.ok(isForecastable('untitled:/w/m.csv?x=1#top', 'plaintext', ''));
    assert.ok(!isForecastable('/w/m.csv.bak', 'plaintext', ''));
    assert.ok(!isForecastable('/w/m.txt?x.csv', 'plaintext', ''));
    assert.ok(isForecastable('/w/m.json', 'plaintext', prom), 'a .json name without a JSON language');
    assert.ok(isForecastable('/w/m.jsonc', 'plaintext', prom));
    assert.ok(!isForecastable('/w/m.json.txt', 'plaintext', prom));
    assert.ok(isForecastable('Untitled-3', 'jsonc', prom), 'an unsaved JSON-with-comments document');
  });

  it('takes any spacing in the keys it looks for, and none', () => {
    assert.ok(isForecastable('/w/a.json', 'json', '{"metrics":[]}'));
    assert.ok(isForecastable('/w/a.json', 'json', '{ "metrics" :\n [ ] }'));
    assert.ok(isForecastable('/w/a.json', 'json', '  { "status" : "error", "errorType" : "bad_data" }'));
  });

  it('wants a Prometheus answer to start as an object', () => {
    assert.ok(!isForecastable('/w/a.json', 'json', `x ${prom}`));
    assert.ok(!isForecastable('/w/a.json', 'json', `[${prom}]`));
  });
});
