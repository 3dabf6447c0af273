/** `60s`, `2m`, `1500ms`, `1h` or a bare number of seconds, as milliseconds. */
import { UsageError } from './exit.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) throw new UsageError(`${flag} takes a duration like 60s, 2m or 1500ms, got "${text}"`);
  return Math.round(Number(m[1]) * UNITS[m[2] ?? 's']!);
}

export function parsePositiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number >= 1, got "${text}"`);
  return n;
}
