/**
 * Property values (document-model.md §1, §7 Values): validity of geometry and constraints, the
 * too-large rule, and how ordinary values are stored and handed back out.
 */
import { JsonText } from './store.js';
import { G_H, G_W, constraintCode } from './types.js';

export const MAX_VALUE_BYTES = 65_536;

/** A geometry value must be a finite number; width and height also `>= 0` (`-0` is fine). */
export function validGeometry(g: number, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return (g !== G_W && g !== G_H) || value >= 0;
}

/** Packed constraint codes (h | v << 3) of a valid `constraints` object, or -1. */
export function constraintCodes(value: unknown): number {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return -1;
  const keys = Object.keys(value);
  if (keys.length !== 2) return -1;
  const o = value as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(o, 'h') || !Object.prototype.hasOwnProperty.call(o, 'v')) return -1;
  const h = constraintCode(o.h);
  const v = constraintCode(o.v);
  return h < 0 || v < 0 ? -1 : h | (v << 3);
}

/**
 * Is the UTF-8 length of `JSON.stringify(value)` over 65,536 bytes? Scalars and short strings
 * are decided without stringifying: a string's JSON text takes between 1 and 6 bytes per code
 * unit (a `\uXXXX` escape is 6; an unescaped unit at most 3), plus 2 for the quotes.
 */
export function tooLarge(value: unknown): boolean {
  if (typeof value === 'string') {
    const n = value.length;
    if (6 * n + 2 <= MAX_VALUE_BYTES) return false;
    if (n + 2 > MAX_VALUE_BYTES) return true;
    return utf8Length(JSON.stringify(value)) > MAX_VALUE_BYTES;
  }
  if (value === null || typeof value !== 'object') return false;
  return utf8Length(stringify(value)) > MAX_VALUE_BYTES;
}

export function utf8Length(text: string): number {
  if (3 * text.length <= MAX_VALUE_BYTES) return text.length; // only compared against the limit
  return Buffer.byteLength(text, 'utf8');
}

/** What the store keeps for an ordinary value: scalars as they are, objects and arrays as JSON text. */
export function storable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return new JsonText(stringify(value));
}

/** A stored value as a fresh JSON value the caller may mutate (it never aliases the store). */
export function materialize(stored: unknown): unknown {
  return stored instanceof JsonText ? JSON.parse(stored.text) : stored;
}

/** Compact JSON text of any JSON value, of any depth (JSON.stringify recurses; very deep values overflow it). */
export function stringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return stringifyDeep(value);
  }
}

type Frame = { value: unknown; keys: string[] | null; at: number };

function stringifyDeep(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null');
    } else if (Array.isArray(v)) {
      out.push('[');
      stack.push({ value: v, keys: null, at: 0 });
    } else {
      out.push('{');
      stack.push({ value: v, keys: Object.keys(v), at: 0 });
    }
  };
  open(root);
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    if (f.keys === null) {
      const arr = f.value as unknown[];
      if (f.at === arr.length) {
        out.push(']');
        stack.pop();
        continue;
      }
      if (f.at > 0) out.push(',');
      open(arr[f.at++]);
    } else {
      const obj = f.value as Record<string, unknown>;
      // Like JSON.stringify, members whose value is not JSON (undefined, functions) are left out.
      while (f.at < f.keys.length && !isJsonish(obj[f.keys[f.at]])) f.at++;
      if (f.at === f.keys.length) {
        out.push('}');
        stack.pop();
        continue;
      }
      if (out[out.length - 1] !== '{') out.push(',');
      const k = f.keys[f.at++];
      out.push(JSON.stringify(k), ':');
      open(obj[k]);
    }
  }
  return out.join('');
}

function isJsonish(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}
