import { type L10n, english } from './l10n';

/**
 * "3 d 4 h", "45 min", "2 h 5 min": a duration the way the panel and the CLI show it, its
 * units in the language `l10n` speaks (English unless the editor passes its own).
 */
export function formatDuration(ms: number, l10n: L10n = english): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return l10n.t('{0} min', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? l10n.t('{0} h {1} min', hours, minutes % 60) : l10n.t('{0} h', hours);
  const days = Math.floor(hours / 24);
  return hours % 24 ? l10n.t('{0} d {1} h', days, hours % 24) : l10n.t('{0} d', days);
}

const HORIZON_UNIT_MS = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Parses "90m", "6h", "2d", "1w" or a bare number of steps; returns milliseconds or steps. */
export function parseHorizon(text: string): { ms: number } | { steps: number } | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)?\s*$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  // the pattern admits only the table's units
  const unit = match[2]?.toLowerCase() as keyof typeof HORIZON_UNIT_MS | undefined;
  if (!(value > 0)) return undefined;
  if (unit === undefined) return Number.isInteger(value) ? { steps: value } : undefined;
  return { ms: value * HORIZON_UNIT_MS[unit] };
}

/** A number the way a person reads it: at most 3 significant decimals, no trailing zeros. */
export function formatValue(v: number, unit?: string | null): string {
  const abs = Math.abs(v);
  const text = abs >= 1000 ? v.toFixed(0) : abs >= 100 ? v.toFixed(1) : abs >= 1 ? v.toFixed(2) : v.toPrecision(3);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return unit ? `${trimmed} ${unit}` : trimmed;
}

/** "2026-12-02 14:27 UTC": an absolute time the way the panel and the CLI show it. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A size as people read it, the way limits are stated: "256 MiB", "1.5 KiB", "300 bytes". */
export function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  // Stryker disable next-line Regex: toFixed(1) leaves one digit after the point, so ".0" can only be at the end
  const trim = (text: string): string => text.replace(/\.0$/, '');
  if (bytes >= MiB) return `${trim((bytes / MiB).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${trim((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
