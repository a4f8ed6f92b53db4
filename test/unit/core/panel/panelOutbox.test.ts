import * as assert from 'node:assert/strict';
import {
  type HostMessage,
  type PanelControls,
  type PanelModel,
  type PanelStatus,
} from '../../../../src/core/panel/panelMessages';
import { PanelOutbox } from '../../../../src/core/panel/panelOutbox';

describe('Panel outbox (the host side of the ready handshake)', () => {
  const model = (id: string) => ({ id }) as unknown as PanelModel;
  const setup = (content: {
    model: PanelModel | undefined;
    status: PanelStatus;
    controls?: PanelControls;
    strings?: Record<string, string>;
  }) => {
    const delivered: HostMessage[] = [];
    const outbox = new PanelOutbox(
      (m) => delivered.push(m),
      () => content,
    );
    return { outbox, delivered, content };
  };
  const kinds = (ms: readonly HostMessage[]) =>
    ms.map((m) =>
      m.type === 'forecast'
        ? `forecast:${m.model.id}`
        : m.type === 'status'
          ? `status:${m.status.kind}`
          : m.type === 'controls'
            ? `controls:${m.controls?.file ?? 'none'}`
            : m.type === 'strings'
              ? `strings:${Object.keys(m.strings).length}`
              : `png:${m.requestId}`,
    );

  it('holds every message until the page says ready, then sends the newest forecast, then the status', () => {
    const s = setup({ model: model('f2'), status: { kind: 'loading', source: 'a.csv', provider: 'Built-in' } });
    s.outbox.send({ type: 'forecast', model: model('f1') });
    s.outbox.send({ type: 'status', status: { kind: 'empty' } });
    s.outbox.send({ type: 'forecast', model: model('f2') });
    s.outbox.send({ type: 'status', status: { kind: 'loading', source: 'a.csv', provider: 'Built-in' } });
    assert.deepEqual(s.delivered, []);
    assert.equal(s.outbox.waiting, 2, 'older status and forecast were replaced');
    s.outbox.pageReady(null);
    assert.deepEqual(kinds(s.delivered), ['forecast:f2', 'status:loading']);
  });

  it('does not resend the forecast a reloaded page restored from its own state', () => {
    const s = setup({ model: model('f1'), status: { kind: 'empty' } });
    s.outbox.pageReady('f1');
    assert.deepEqual(kinds(s.delivered), []);
  });

  it('tells a page with nothing to show that there is nothing yet', () => {
    const s = setup({ model: undefined, status: { kind: 'empty' } });
    s.outbox.pageReady(null);
    assert.deepEqual(kinds(s.delivered), ['status:empty']);
  });

  it('keeps every image request, and sends them after the forecast they draw', () => {
    const s = setup({ model: model('f1'), status: { kind: 'empty' } });
    s.outbox.send({ type: 'requestPng', requestId: 'a' });
    s.outbox.send({ type: 'requestPng', requestId: 'b' });
    s.outbox.pageReady(null);
    assert.deepEqual(kinds(s.delivered), ['forecast:f1', 'png:a', 'png:b']);
  });

  it('drops what waits when the panel is gone for good, and holds what comes after', () => {
    const s = setup({ model: model('f1'), status: { kind: 'empty' } });
    s.outbox.pageReady('f1');
    s.outbox.clear();
    s.outbox.send({ type: 'requestPng', requestId: 'a' });
    assert.equal(s.outbox.waiting, 1, 'not ready after clear: the request waits');
    assert.deepEqual(s.delivered, []);
    s.outbox.clear();
    assert.equal(s.outbox.waiting, 0);
    s.outbox.pageReady('f1');
    assert.deepEqual(kinds(s.delivered), [], 'the dropped request is never sent');
  });

  it('sends at once while the page is ready, and holds again once the page is gone', () => {
    const s = setup({ model: model('f1'), status: { kind: 'empty' } });
    s.outbox.pageReady('f1');
    s.outbox.send({ type: 'status', status: { kind: 'empty' } });
    assert.equal(s.delivered.length, 1);
    s.outbox.pageGone();
    s.content.model = model('f2');
    s.outbox.send({ type: 'forecast', model: model('f2') });
    assert.equal(s.delivered.length, 1, 'held while hidden');
    s.outbox.pageReady('f1');
    assert.deepEqual(kinds(s.delivered.slice(1)), ['forecast:f2']);
  });

  it("sends a fresh page the forecast's selectors after the forecast, even one it restored itself", () => {
    const controls = { file: '/w/a.csv' } as PanelControls;
    const s = setup({ model: model('f1'), status: { kind: 'empty' }, controls });
    s.outbox.pageReady(null);
    assert.deepEqual(kinds(s.delivered), ['forecast:f1', 'controls:/w/a.csv']);
    s.outbox.pageGone();
    s.outbox.pageReady('f1');
    assert.deepEqual(kinds(s.delivered.slice(2)), ['controls:/w/a.csv'], 'the page keeps no selectors of its own');
  });

  it('sends no selectors without a forecast, nor when the forecast has none', () => {
    const none = setup({ model: model('f1'), status: { kind: 'empty' } });
    none.outbox.pageReady(null);
    assert.deepEqual(kinds(none.delivered), ['forecast:f1']);
    const empty = setup({ model: undefined, status: { kind: 'empty' }, controls: { file: 'x' } as PanelControls });
    empty.outbox.pageReady(null);
    assert.deepEqual(kinds(empty.delivered), ['status:empty']);
  });

  it('sends a page its words first each time it says ready, before anything drawn in them', () => {
    const s = setup({ model: model('f1'), status: { kind: 'empty' }, strings: { Risk: 'Risiko', Tokens: 'Tokens' } });
    s.outbox.pageReady(null);
    assert.deepEqual(kinds(s.delivered), ['strings:2', 'forecast:f1']);
    const first = s.delivered[0];
    assert.equal(first?.type === 'strings' ? first.strings['Risk'] : undefined, 'Risiko');
    s.outbox.pageGone();
    s.outbox.pageReady('f1');
    assert.deepEqual(kinds(s.delivered.slice(2)), ['strings:2'], 'a reloaded page has lost its words');
  });
});
