import * as assert from 'node:assert/strict';
import { getApi } from './util';

describe('After a reload with corrupt stored state', () => {
  it('reports the problem and keeps the corrupt value aside under a quarantine key', async () => {
    const api = await getApi();
    assert.ok(api.startupRecovery, 'a recovery was reported');
    assert.match(api.startupRecovery.problem, /invalid/);
    assert.deepEqual(api.testing?.readStoredState(api.startupRecovery.quarantineKey), {
      version: 1,
      holder: 'skynet',
      audit: 'oops',
    });
  });

  it('keeps corrupt token usage aside too, and counts afresh', async () => {
    const api = await getApi();
    const keys = api.testing?.storedKeys().filter((k) => k.startsWith('bottleneck.usage.quarantine.')) ?? [];
    assert.equal(keys.length, 1, JSON.stringify(api.testing?.storedKeys()));
    assert.deepEqual(api.testing?.readStoredState(keys[0] as string), { version: 1, months: { '2026-13': 'lots' } });
    assert.deepEqual(api.testing?.readStoredState('bottleneck.usage'), { version: 1, months: {} });
    assert.deepEqual(api.getUsage().providers, []);
  });

  it('starts with the lock released and says so in the status bar', async () => {
    const api = await getApi();
    assert.equal(api.getLock().holder, null);
    assert.equal(api.getStatusBar()?.text, '$(unlock) No provider');
  });

  it('records the reset in a fresh audit trail', async () => {
    const trail = (await getApi()).getAuditTrail();
    assert.equal(trail.length, 1);
    assert.deepEqual([trail[0]?.action, trail[0]?.who], ['reset', 'startup']);
  });
});
