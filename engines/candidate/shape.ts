/**
 * The `malformed` rules (document-model.md §7 Malformed): the op payload's shape, before
 * anything about the document is looked at. Returns the op's kind, or MALFORMED.
 */
import { typeCode } from './types.js';

export const MALFORMED = 0;
export const CREATE = 1;
export const SET = 2;
export const DELETE = 3;
export const MOVE = 4;

const hasOwn = Object.prototype.hasOwnProperty;

/** A child index: an integer >= 0 by value (`2.0` and `1e20` are; `1.5`, `-1`, `"0"` are not). */
export function validIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** A created id or a prop name: 1..64 UTF-16 code units. */
export function validName(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 64;
}

export function opKind(op: unknown): number {
  if (op === null || typeof op !== 'object' || Array.isArray(op)) return MALFORMED;
  const o = op as Record<string, unknown>;
  switch (o.type) {
    case 'CREATE_NODE': {
      if (!validName(o.id) || typeof o.parent !== 'string' || typeof o.nodeType !== 'string') return MALFORMED;
      if (!validIndex(o.index) || typeCode(o.nodeType) < 0) return MALFORMED;
      if (hasOwn.call(o, 'props')) {
        const p = o.props;
        if (p === null || typeof p !== 'object' || Array.isArray(p)) return MALFORMED;
        for (const k in p) if (hasOwn.call(p, k) && !validName(k)) return MALFORMED;
      }
      return CREATE;
    }
    case 'SET_PROPERTY':
      // `undefined` is not JSON (only reachable in-process): malformed, as in the reference.
      if (typeof o.node !== 'string' || !validName(o.prop) || !hasOwn.call(o, 'value') || o.value === undefined) return MALFORMED;
      return SET;
    case 'DELETE_NODE':
      return typeof o.node === 'string' ? DELETE : MALFORMED;
    case 'MOVE_NODE':
      if (typeof o.node !== 'string' || typeof o.parent !== 'string' || !validIndex(o.index)) return MALFORMED;
      return MOVE;
    default:
      return MALFORMED;
  }
}
