import * as assert from 'node:assert/strict';
import { MAX_MODELS, listsModel, parseModelList, readModelList } from '../../../../src/core/providers/modelList';

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

describe('readModelList', () => {
  it('says how many usable ids a list held beyond the cap', () => {
    const data = Array.from({ length: MAX_MODELS + 50 }, (_, i) => ({ id: `m${i}` }));
    data.push({ id: '' }, { id: 'm0' });
    const list = readModelList({ data });
    assert.equal(list.models.length, MAX_MODELS);
    assert.equal(list.omitted, 50);
  });

  it('a list within the cap omits nothing', () => {
    assert.deepEqual(readModelList({ data: [{ id: 'b' }, { id: 'a' }] }), { models: ['a', 'b'], omitted: 0 });
  });

  it('a million models: the first MAX_MODELS are kept and the rest counted', () => {
    const data = Array.from({ length: 1_000_000 }, (_, i) => ({ id: `model-${i}` }));
    const list = readModelList({ data });
    assert.equal(list.models.length, MAX_MODELS);
    assert.equal(list.omitted, 1_000_000 - MAX_MODELS);
  });
});

describe('listsModel', () => {
  const body = { data: [{ id: 'gpt-4o' }, { id: 'llama3.1:latest' }, { id: 'x\u0000' }] };

  it('finds a listed model and counts the usable ids seen', () => {
    assert.deepEqual(listsModel(body, 'gpt-4o'), { listed: true, count: 1 });
    assert.deepEqual(listsModel(body, 'gpt-4o-mni'), { listed: false, count: 2 });
  });

  it("takes a name without a tag for its ':latest' (as Ollama serves it)", () => {
    assert.equal(listsModel(body, 'llama3.1')?.listed, true);
    assert.equal(listsModel(body, 'llama3.1:8b')?.listed, false);
  });

  it('finds a model past the cap on what is shown', () => {
    const data = Array.from({ length: MAX_MODELS * 3 }, (_, i) => ({ id: `m${i}` }));
    assert.equal(listsModel({ data }, `m${MAX_MODELS * 3 - 1}`)?.listed, true);
  });

  it('says nothing for another shape or an empty list (such a server may serve any name)', () => {
    for (const answer of [undefined, { data: [] }, { data: [{ id: '' }] }, { models: [] }])
      assert.equal(listsModel(answer, 'gpt-4o'), undefined);
  });
});

describe('model ids: what is kept', () => {
  it('trims ids, keeps one of 200 characters, and drops C1 control characters', () => {
    assert.deepEqual(
      parseModelList({
        data: [{ id: '  spaced  ' }, { id: 'y'.repeat(200) }, { id: 'c1\u0085' }, { id: 'del\u007f' }, { id: '   ' }],
      }),
      ['spaced', 'y'.repeat(200)],
    );
  });

  it('sorts ids as people read them', () => {
    assert.deepEqual(parseModelList({ data: [{ id: 'b' }, { id: 'B' }, { id: 'a' }] }), ['a', 'b', 'B']);
  });

  it("looks for a tagged name as it is, not for its ':latest'", () => {
    assert.deepEqual(listsModel({ data: [{ id: 'llama3.1:8b:latest' }, { id: 'x' }] }, 'llama3.1:8b'), {
      listed: false,
      count: 2,
    });
    assert.deepEqual(listsModel({ data: [{ id: 'a' }, { id: '' }, { id: ' qwen ' }] }, ' qwen'), {
      listed: true,
      count: 2,
    });
  });
});
