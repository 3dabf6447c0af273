/** Small facts about JSON values: their type, deep equality, and a stable text. */

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  // undefined, functions and the like never come out of JSON.parse; call them objects rather than crash.
  return t === 'boolean' || t === 'number' || t === 'string' ? t : 'object';
}

const hasOwn = Object.hasOwn;

/** Deep equality of JSON values; key order is ignored, -0 equals 0. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && a !== a && b !== b;
  }
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return false;
  if (aa) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !deepEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!hasOwn(y, k)) return false;
    const v = x[k];
    const w = y[k];
    if (v !== w && !deepEqual(v, w)) return false;
    n++;
  }
  for (const _ in y) n--;
  return n === 0;
}

/** JSON text with object keys sorted recursively: equal values give equal texts whatever their key order. */
export function stableStringify(v: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(v), null, indent) ?? '';
}

function sortKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(sortKeys);
  const src = v as Record<string, unknown>;
  // A null-prototype object so a `__proto__` key stays an ordinary key.
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(src).sort()) out[k] = sortKeys(src[k]);
  return out;
}

/** An identity for an array element: equal elements, equal keys (type-tagged so 1 and "1" differ). */
export function elementKey(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'number':
      return 'n' + String(v);
    case 'boolean':
      return v ? 't' : 'f';
    default:
      return v === null ? 'z' : 'o' + stableStringify(v);
  }
}
