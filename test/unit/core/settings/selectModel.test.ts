import * as assert from 'node:assert/strict';
import { levelInForce, withModel } from '../../../../src/core/settings/selectModel';

describe('where Select Model writes', () => {
  const user = [{ id: 'openai', model: 'gpt-4o-mini' }, { id: 'builtin' }];
  const workspace = [{ id: 'custom', baseUrl: 'http://127.0.0.1:8080/v1', model: 'a' }, { id: 'builtin' }];

  it("a workspace's own stack, when it is the one in force, is written in the workspace", () => {
    assert.equal(levelInForce({ workspaceValue: workspace, globalValue: user }, workspace), 'workspace');
  });

  it("the user's stack is written in the user's settings, also when a workspace value is ignored (Restricted Mode)", () => {
    assert.equal(levelInForce({ globalValue: user }, user), 'user');
    assert.equal(levelInForce({ workspaceValue: workspace, globalValue: user }, user), 'user');
  });

  it('the default stack is set at no level', () => {
    assert.equal(levelInForce({}, [{ id: 'builtin' }]), undefined);
  });
});

describe('withModel', () => {
  it("sets the entry's model and keeps its other fields, the other entries and their order", () => {
    const value = [
      { id: 'groq', model: 'x', timeoutMs: 5000, futureField: true },
      { id: 'custom:gateway-eu', baseUrl: 'https://eu.example/v1' },
      'not an entry',
      { id: 'builtin' },
    ];
    assert.deepEqual(withModel(value, 'custom:gateway-eu', 'llama-3.1'), [
      value[0],
      { id: 'custom:gateway-eu', baseUrl: 'https://eu.example/v1', model: 'llama-3.1' },
      'not an entry',
      { id: 'builtin' },
    ]);
    assert.deepEqual(
      value[1],
      { id: 'custom:gateway-eu', baseUrl: 'https://eu.example/v1' },
      'the input is not changed',
    );
  });

  it('gives nothing when the level has no such entry or no array', () => {
    assert.equal(withModel([{ id: 'groq' }], 'openai', 'm'), undefined);
    assert.equal(withModel({ id: 'openai' }, 'openai', 'm'), undefined);
    assert.equal(withModel(undefined, 'openai', 'm'), undefined);
  });
});

describe('levelInForce and withModel at their edges', () => {
  it('says no level when the value in force is unset, even where no level sets one', () => {
    assert.equal(levelInForce({}, undefined), undefined);
  });

  it('finds the entry when it is the first, past entries that are no objects', () => {
    assert.deepEqual(withModel([{ id: 'openai' }], 'openai', 'gpt-4.1'), [{ id: 'openai', model: 'gpt-4.1' }]);
    assert.deepEqual(withModel([null, 'openai', { id: 'openai' }], 'openai', 'm'), [
      null,
      'openai',
      { id: 'openai', model: 'm' },
    ]);
  });
});
