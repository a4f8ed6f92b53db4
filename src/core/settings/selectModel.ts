import { isDeepStrictEqual } from 'node:util';

/**
 * The settings levels `bottleneck.providers` is read from, most specific first (it is read
 * without a resource, so a folder's own value never applies).
 */
export type SettingsLevel = 'workspace' | 'user';

/** What VS Code's `inspect` says of the setting at each level (undefined where it is not set). */
export interface SettingLevels {
  readonly workspaceValue?: unknown;
  readonly globalValue?: unknown;
}

/**
 * The level the stack in force comes from: the one whose value is the value in force (so a
 * workspace's stack, ignored in Restricted Mode, is not taken for it), most specific
 * first; undefined when the stack in force is the default (no level sets it).
 */
export function levelInForce(levels: SettingLevels, inForce: unknown): SettingsLevel | undefined {
  const candidates: [SettingsLevel, unknown][] = [
    ['workspace', levels.workspaceValue],
    ['user', levels.globalValue],
  ];
  return candidates.find(([, value]) => value !== undefined && isDeepStrictEqual(value, inForce))?.[0];
}

/**
 * `value` (one level's `bottleneck.providers`) with the model of the entry `id` set to
 * `model`, every other field and entry kept as written (entries this version does not
 * understand included); undefined when that level has no entry with that id.
 */
export function withModel(value: unknown, id: string, model: string): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const index = value.findIndex(
    (item: unknown) => typeof item === 'object' && item !== null && (item as { id?: unknown }).id === id,
  );
  if (index < 0) return undefined;
  const next: unknown[] = [...(value as unknown[])];
  next[index] = { ...(value[index] as Record<string, unknown>), model };
  return next;
}
