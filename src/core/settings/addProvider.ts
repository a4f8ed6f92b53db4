import { type ProviderId } from '../base/providerIds';

/** What Add provider… writes for one tier: the kind, its model, and where it must be told (custom, Cloudflare). */
export interface NewProviderEntry {
  readonly id: Exclude<ProviderId, 'builtin'>;
  readonly model: string;
  readonly baseUrl?: string;
  readonly accountId?: string;
}

/**
 * The user's `bottleneck.providers` with `entry` added, as the value to write back. The
 * user's own value is kept as it is (entries this version does not understand included):
 * an entry of the same kind is updated in place (its model, endpoint, and `enabled` back
 * on; its other fields kept), a new one goes just above `builtin`, the offline floor, so
 * that it is not placed above a tier the person put first. Without a user value the
 * stack becomes the entry and `builtin`.
 */
export function withProviderEntry(userValue: unknown, entry: NewProviderEntry): unknown[] {
  const fields: Record<string, unknown> = {
    id: entry.id,
    model: entry.model,
    ...(entry.baseUrl !== undefined ? { baseUrl: entry.baseUrl } : {}),
    ...(entry.accountId !== undefined ? { accountId: entry.accountId } : {}),
  };
  const current: unknown[] = Array.isArray(userValue) ? [...(userValue as unknown[])] : [];
  const idOf = (item: unknown): unknown =>
    typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  const same = current.findIndex((item) => idOf(item) === entry.id);
  if (same >= 0) {
    const { enabled: _enabled, ...kept } = current[same] as Record<string, unknown>;
    current[same] = { ...kept, ...fields };
    return current;
  }
  if (current.length === 0) return [fields, { id: 'builtin' }];
  const floor = current.findIndex((item) => idOf(item) === 'builtin');
  current.splice(floor >= 0 ? floor : current.length, 0, fields);
  return current;
}
