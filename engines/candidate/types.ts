/**
 * Small closed vocabularies of the document model, as integer codes so the node store can keep
 * them in typed arrays (document-model.md §1, §3, §5).
 */

export const DOCUMENT = 0;
export const PAGE = 1;
export const FRAME = 2;
export const GROUP = 3;
export const RECTANGLE = 4;
export const ELLIPSE = 5;
export const TEXT = 6;
export const VECTOR = 7;
/** A type name outside the model, only reachable through a `load`; kept verbatim per slot. */
export const OTHER = 8;

export const TYPE_NAMES: readonly string[] = [
  'DOCUMENT', 'PAGE', 'FRAME', 'GROUP', 'RECTANGLE', 'ELLIPSE', 'TEXT', 'VECTOR',
];

const TYPE_CODES = new Map<string, number>(TYPE_NAMES.map((n, i) => [n, i]));

/** The code of a known type name, or -1. A Map, not an object, so `__proto__` is just unknown. */
export function typeCode(name: string): number {
  const c = TYPE_CODES.get(name);
  return c === undefined ? -1 : c;
}

export function isContainerType(t: number): boolean {
  return t <= GROUP;
}

/** Parent rules of §1: may a node of type `child` live directly under a node of type `parent`? */
export function parentAllows(parent: number, child: number): boolean {
  if (child === DOCUMENT) return false;
  if (child === PAGE) return parent === DOCUMENT;
  if (parent === DOCUMENT) return false;
  return parent === PAGE || parent === FRAME || parent === GROUP;
}

export const C_MIN = 0;
export const C_MAX = 1;
export const C_CENTER = 2;
export const C_STRETCH = 3;
export const C_SCALE = 4;
const CONSTRAINT_CODES = new Map<string, number>([
  ['MIN', C_MIN], ['MAX', C_MAX], ['CENTER', C_CENTER], ['STRETCH', C_STRETCH], ['SCALE', C_SCALE],
]);

export function constraintCode(v: unknown): number {
  if (typeof v !== 'string') return -1;
  const c = CONSTRAINT_CODES.get(v);
  return c === undefined ? -1 : c;
}

/** Nack reasons in the precedence order of §5 (earlier wins). */
export type Reason =
  | 'not-connected' | 'duplicate' | 'malformed' | 'stale' | 'unknown-node' | 'duplicate-id'
  | 'invalid-parent' | 'cycle' | 'root' | 'reserved-property' | 'invalid-value' | 'too-large';

/** Property names that can never be set (§1). */
export function isReserved(name: string): boolean {
  switch (name) {
    case 'id': case 'type': case 'parent': case 'children': case 'bounds': return true;
    default: return false;
  }
}

/** Geometry props in the order snapshots list them; their index is their column in the store. */
export const GEOMETRY: readonly string[] = ['x', 'y', 'width', 'height', 'rotation'];
export const G_X = 0;
export const G_Y = 1;
export const G_W = 2;
export const G_H = 3;
export const G_R = 4;

export function geometryIndex(name: string): number {
  switch (name) {
    case 'x': return G_X;
    case 'y': return G_Y;
    case 'width': return G_W;
    case 'height': return G_H;
    case 'rotation': return G_R;
    default: return -1;
  }
}
