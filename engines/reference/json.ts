/**
 * JSON helpers. Values cross the engine boundary by copy: a caller may mutate a record after
 * handing it over, or a message after receiving it, and neither may reach the engine's state.
 */

/** A deep copy of a JSON value. JSON.parse makes `__proto__` an ordinary own key, as it must be. */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Builds an object from entries whose keys a user chose. Plain assignment of `__proto__`
 * would set the prototype instead of a key, so every key is defined as an own property.
 */
export function ownObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The UTF-8 byte length of a value's compact JSON text. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
