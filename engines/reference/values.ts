/**
 * Whether a prop may be set to a value (document-model §1 and §7 "Values"). The answer is a nack
 * reason or null. Null means "remove" for ordinary props and constraints, never for geometry.
 */
import { GEOMETRY_NAMES, RESERVED_NAMES } from './nodes.js';
import { isObject, jsonBytes } from './json.js';
import type { Reason } from './reasons.js';

export const MAX_VALUE_BYTES = 65_536;
export const CONSTRAINT_KINDS: ReadonlySet<string> = new Set(['MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE']);

export function checkProp(name: string, value: unknown): Reason | null {
  if (RESERVED_NAMES.has(name)) return 'reserved-property';
  if (GEOMETRY_NAMES.has(name)) return isGeometryValue(name, value) ? null : 'invalid-value';
  if (name === 'constraints') return value === null || isConstraints(value) ? null : 'invalid-value';
  return jsonBytes(value) > MAX_VALUE_BYTES ? 'too-large' : null;
}

/** A finite number (-0 included); width and height also >= 0. */
function isGeometryValue(name: string, value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return (name !== 'width' && name !== 'height') || value >= 0;
}

/** Exactly the keys `h` and `v`, each one of the five constraint names. */
function isConstraints(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    Object.hasOwn(value, 'h') &&
    Object.hasOwn(value, 'v') &&
    CONSTRAINT_KINDS.has(value.h as string) &&
    CONSTRAINT_KINDS.has(value.v as string)
  );
}
