import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/events';

describe('Emitter: a minimal event', () => {
  it('calls every listener with the value, in the order they subscribed', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    emitter.event((v) => heard.push(`a${v}`));
    emitter.event((v) => heard.push(`b${v}`));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(heard, ['a1', 'b1', 'a2', 'b2']);
  });

  it('stops calling a listener once its subscription is disposed, and only that one', () => {
    const emitter = new Emitter<string>();
    const heard: string[] = [];
    const a = emitter.event((v) => heard.push(`a:${v}`));
    emitter.event((v) => heard.push(`b:${v}`));
    emitter.fire('x');
    a.dispose();
    emitter.fire('y');
    assert.deepEqual(heard, ['a:x', 'b:x', 'b:y']);
  });

  it('fires to the listeners there were when it started: one added meanwhile hears the next value', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    emitter.event((v) => {
      heard.push(`first${v}`);
      if (v === 1) emitter.event((w) => heard.push(`late${w}`));
    });
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(heard, ['first1', 'first2', 'late2']);
  });

  it('calls no listener after the emitter is disposed', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    emitter.event((v) => heard.push(v));
    emitter.dispose();
    emitter.fire(1);
    assert.deepEqual(heard, []);
  });
});
