import { type FleetRow } from '../../src/core/fleet/fleetRow';

/** A fleet row with no breach, changed by `over`. */
export function row(series: string, over: Partial<FleetRow> = {}): FleetRow {
  return {
    series,
    group: 'g',
    labels: {},
    unit: null,
    capacity: 100,
    breachSide: 'above',
    lastObserved: { t: '2026-11-01T00:00:00.000Z', value: 1 },
    expected: null,
    earliest: null,
    probability: 0,
    alreadyBreached: false,
    risk: 'none',
    riskScore: 0,
    confidence: 0.5,
    msToBreach: null,
    status: 'ok',
    ...over,
  };
}
