import * as assert from 'node:assert/strict';
import { MAX_MODELS, parseModelList } from '../../../../src/core/providers/modelList';

describe('parseModelList', () => {
  it('reads the ids of an OpenAI-style list, sorted and without duplicates', () => {
    const body = { object: 'list', data: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini', owned_by: 'x' }, { id: 'gpt-4o' }] };
    assert.deepEqual(parseModelList(body), ['gpt-4o', 'gpt-4o-mini']);
  });

  it('skips entries that are not models, empty ids, control characters and absurd lengths', () => {
    const body = {
      data: [
        { id: '' },
        { id: 'ok' },
        'text',
        null,
        { name: 'no id' },
        { id: 'a\u001b[31mb' },
        { id: 'x'.repeat(201) },
      ],
    };
    assert.deepEqual(parseModelList(body), ['ok']);
  });

  it('gives no ids for an answer of another shape', () => {
    for (const body of [undefined, null, 'models', [], { data: 'x' }, { models: [{ id: 'a' }] }])
      assert.deepEqual(parseModelList(body), []);
  });

  it(`keeps at most ${MAX_MODELS} ids`, () => {
    const data = Array.from({ length: MAX_MODELS + 50 }, (_, i) => ({ id: `m${i}` }));
    assert.equal(parseModelList({ data }).length, MAX_MODELS);
  });
});
