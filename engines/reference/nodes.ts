/** Node types and the parent rules between them (document-model §1). */

export const NODE_TYPES: ReadonlySet<string> = new Set([
  'DOCUMENT', 'PAGE', 'FRAME', 'GROUP', 'RECTANGLE', 'ELLIPSE', 'TEXT', 'VECTOR',
]);

export const CONTAINER_TYPES: ReadonlySet<string> = new Set(['DOCUMENT', 'PAGE', 'FRAME', 'GROUP']);

/** Geometry props, in the order they are listed in every node's props. */
export const GEOMETRY = ['x', 'y', 'width', 'height', 'rotation'] as const;
export const GEOMETRY_NAMES: ReadonlySet<string> = new Set(GEOMETRY);

/** Names no client may set, not even to null. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['id', 'type', 'parent', 'children', 'bounds']);

export function isContainer(type: string): boolean {
  return CONTAINER_TYPES.has(type);
}

/**
 * Whether a node of `childType` may live under a node of `parentType`: a PAGE only under the
 * DOCUMENT, the DOCUMENT under nothing, everything else under a PAGE, FRAME or GROUP.
 */
export function mayContain(parentType: string, childType: string): boolean {
  if (childType === 'DOCUMENT') return false;
  if (childType === 'PAGE') return parentType === 'DOCUMENT';
  return parentType === 'PAGE' || parentType === 'FRAME' || parentType === 'GROUP';
}
