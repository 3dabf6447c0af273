/**
 * The shape check of an op payload (document-model §7 "Malformed"): the op must be an object of
 * one of the four types with the right field types. Anything else is nacked `malformed`.
 */
import { isObject } from './json.js';
import { NODE_TYPES } from './nodes.js';

export interface CreateOp {
  type: 'CREATE_NODE';
  id: string;
  parent: string;
  index: number;
  nodeType: string;
  props?: Record<string, unknown>;
}
export interface SetOp {
  type: 'SET_PROPERTY';
  node: string;
  prop: string;
  value: unknown;
}
export interface DeleteOp {
  type: 'DELETE_NODE';
  node: string;
}
export interface MoveOp {
  type: 'MOVE_NODE';
  node: string;
  parent: string;
  index: number;
}
export type Op = CreateOp | SetOp | DeleteOp | MoveOp;

/** Ids and prop names are 1..64 UTF-16 code units. References are not length-checked. */
export function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 64;
}

/** An index is checked by value: 2.0 and 1e20 are integers; 1.5, -1 and "0" are not. */
export function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The op with only its known fields (unknown extra fields are dropped), or null if malformed. */
export function readOp(op: unknown): Op | null {
  if (!isObject(op)) return null;
  switch (op.type) {
    case 'CREATE_NODE': {
      const { id, parent, index, nodeType } = op;
      if (!isName(id) || typeof parent !== 'string' || !isIndex(index)) return null;
      if (typeof nodeType !== 'string' || !NODE_TYPES.has(nodeType)) return null;
      // `+ 0` turns an index of -0 into 0, so it never shows as -0 anywhere.
      const create: CreateOp = { type: 'CREATE_NODE', id, parent, index: index + 0, nodeType };
      if (Object.hasOwn(op, 'props')) {
        const props = op.props;
        if (!isObject(props) || !Object.keys(props).every(isName)) return null;
        create.props = props;
      }
      return create;
    }
    case 'SET_PROPERTY': {
      const { node, prop } = op;
      // `value` may be any JSON, null included; only a missing key (or a non-JSON undefined) is malformed.
      if (typeof node !== 'string' || !isName(prop) || op.value === undefined) return null;
      return { type: 'SET_PROPERTY', node, prop, value: op.value };
    }
    case 'DELETE_NODE':
      return typeof op.node === 'string' ? { type: 'DELETE_NODE', node: op.node } : null;
    case 'MOVE_NODE': {
      const { node, parent, index } = op;
      if (typeof node !== 'string' || typeof parent !== 'string' || !isIndex(index)) return null;
      return { type: 'MOVE_NODE', node, parent, index: index + 0 };
    }
    default:
      return null;
  }
}
