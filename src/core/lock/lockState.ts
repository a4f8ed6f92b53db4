import * as z from '../base/zod';
import { providerIdSchema } from '../base/providerIds';

export const LOCK_STATE_VERSION = 1;

export const auditActionSchema = z.enum(['acquire', 'release', 'switch', 'failover', 'failback', 'reset']);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const actorSchema = z.enum(['user', 'monitor', 'startup', 'cli']);
export type Actor = z.infer<typeof actorSchema>;

export const auditEntrySchema = z.object({
  /** ISO 8601 time of the change. */
  time: z.iso.datetime(),
  action: auditActionSchema,
  from: providerIdSchema.nullable(),
  to: providerIdSchema.nullable(),
  who: actorSchema,
  reason: z.string(),
  /** The lock's generation after this change. */
  generation: z.number().int().nonnegative(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The lock and its audit trail are one document, so a change is one atomic write. */
export const lockStateSchema = z.object({
  version: z.literal(LOCK_STATE_VERSION),
  holder: providerIdSchema.nullable(),
  /** Increases by one with every change; compare-and-switch checks it. */
  generation: z.number().int().nonnegative(),
  /** True when a person chose the holder: the monitor fails it over but never fails back over it. */
  pinned: z.boolean(),
  audit: z.array(auditEntrySchema),
  /** How many of the oldest audit entries were dropped to respect the limit. */
  droppedAuditEntries: z.number().int().nonnegative(),
});
export type LockState = z.infer<typeof lockStateSchema>;

export function emptyLockState(): LockState {
  return { version: LOCK_STATE_VERSION, holder: null, generation: 0, pinned: false, audit: [], droppedAuditEntries: 0 };
}
