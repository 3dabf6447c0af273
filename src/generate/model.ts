/**
 * A light shadow of one document: structure, sessions and sequence, enough to generate ops that
 * mostly apply and to say which conflict classes a record exercises. It is not an engine: values
 * are only checked as far as the classes need, and the engines stay the judges of what applies.
 */
import type { LogRecord } from '../oplog/types.js';
import type { ConflictClass } from './coverage.js';

export const CONTAINERS = new Set(['DOCUMENT', 'PAGE', 'FRAME', 'GROUP']);
export const NODE_TYPES = ['PAGE', 'FRAME', 'GROUP', 'RECTANGLE', 'ELLIPSE', 'TEXT', 'VECTOR'] as const;
const RESERVED = new Set(['id', 'type', 'parent', 'children', 'bounds']);
const HISTORY = 10_000;

export interface ModelNode {
  type: string;
  parent: string | null;
  children: string[];
  x: number;
  y: number;
  constrained: boolean;
}

interface Change {
  seq: number;
  client: string;
  parent: string;
  node: string;
  kind: 'insert' | 'remove' | 'move';
}

interface Session {
  connected: boolean;
  lastCseq: number;
  reconnected: boolean;
}

export class DocModel {
  readonly nodes = new Map<string, ModelNode>();
  readonly retired = new Set<string>();
  readonly sessions = new Map<string, Session>();
  root = '0:0';
  seq = 0;
  loadSeq = 0;
  private records = 0;
  private readonly changes: Change[] = [];

  constructor() {
    this.nodes.set(this.root, { type: 'DOCUMENT', parent: null, children: [], x: 0, y: 0, constrained: false });
  }

  /** Applies one record as an engine would (approximately) and names the classes it exercised. */
  apply(r: LogRecord): ConflictClass[] {
    this.records++;
    switch (r.kind) {
      case 'load':
        return this.load(r.tree);
      case 'connect': {
        const s = this.sessions.get(r.client ?? '');
        if (s === undefined) this.sessions.set(r.client ?? '', { connected: true, lastCseq: 0, reconnected: false });
        else {
          // Any connect on a known client is a reconnect, whether or not it disconnected first.
          s.reconnected = true;
          s.connected = true;
        }
        return [];
      }
      case 'disconnect': {
        const s = this.sessions.get(r.client ?? '');
        if (s !== undefined) s.connected = false;
        return [];
      }
      case 'op':
        return this.op(r);
      default:
        return [];
    }
  }

  isAlive(id: string): boolean {
    return this.nodes.has(id);
  }

  isAncestorOrSelf(ancestor: string, id: string): boolean {
    for (let cur: string | null = id; cur !== null; cur = this.nodes.get(cur)?.parent ?? null) {
      if (cur === ancestor) return true;
    }
    return false;
  }

  canParent(parentType: string, childType: string): boolean {
    if (childType === 'DOCUMENT') return false;
    if (childType === 'PAGE') return parentType === 'DOCUMENT';
    return parentType === 'PAGE' || parentType === 'FRAME' || parentType === 'GROUP';
  }

  private load(tree: unknown): ConflictClass[] {
    this.nodes.clear();
    this.retired.clear();
    this.changes.length = 0;
    const t = (tree ?? {}) as { seq?: unknown; root?: unknown; nodes?: Record<string, Record<string, unknown>> };
    this.seq = typeof t.seq === 'number' && Number.isInteger(t.seq) && t.seq >= 0 ? t.seq : 0;
    this.loadSeq = this.seq;
    this.root = typeof t.root === 'string' ? t.root : '0:0';
    for (const [id, n] of Object.entries(t.nodes ?? {})) {
      const props = (n.props ?? {}) as Record<string, unknown>;
      this.nodes.set(id, {
        type: String(n.type),
        parent: (n.parent as string | null) ?? null,
        children: Array.isArray(n.children) ? [...(n.children as string[])] : [],
        x: typeof props.x === 'number' ? props.x : 0,
        y: typeof props.y === 'number' ? props.y : 0,
        constrained: props.constraints !== undefined && props.constraints !== null,
      });
    }
    return this.records === 1 ? ['load'] : [];
  }

  private op(r: LogRecord): ConflictClass[] {
    const client = r.client ?? '';
    const session = this.sessions.get(client);
    if (session === undefined || !session.connected) return [];
    const classes: ConflictClass[] = [];
    const cseq = r.cseq ?? 0;
    if (cseq <= session.lastCseq) {
      if (session.reconnected) classes.push('reconnect-retransmit');
      return classes;
    }
    session.lastCseq = cseq;
    const op = r.op as Record<string, unknown> | null;
    if (!wellFormed(op)) {
      classes.push('malformed-payload');
      return classes;
    }
    const base = r.base;
    if (base !== undefined) {
      if (base > this.seq) return classes;
      if (base < this.seq - HISTORY || base < this.loadSeq) {
        classes.push('stale-base');
        return classes;
      }
      if (base < this.seq) classes.push('lagging-base');
    }
    const applied = this.applyOp(op, client, base, classes);
    if (applied) this.seq++;
    return classes;
  }

  private applyOp(op: Record<string, unknown>, client: string, base: number | undefined, classes: ConflictClass[]): boolean {
    switch (op.type) {
      case 'CREATE_NODE': {
        const id = op.id as string;
        const parent = this.nodes.get(op.parent as string);
        if (parent === undefined) {
          if (this.retired.has(op.parent as string)) classes.push('delete-races-edit');
          return false;
        }
        if (this.nodes.has(id) || this.retired.has(id)) return false;
        if (!this.canParent(parent.type, op.nodeType as string)) return false;
        const props = (op.props ?? {}) as Record<string, unknown>;
        if (Object.keys(props).some((k) => RESERVED.has(k))) {
          classes.push('reserved-prop');
          return false;
        }
        if (Object.values(props).some(oversized)) {
          classes.push('oversized-value');
          return false;
        }
        if (typeof props.rotation === 'number' && props.rotation !== 0) classes.push('rotation');
        const index = this.transform(op.parent as string, op.index as number, client, base, classes);
        const at = Math.min(index, parent.children.length);
        parent.children.splice(at, 0, id);
        this.nodes.set(id, {
          type: op.nodeType as string,
          parent: op.parent as string,
          children: [],
          x: typeof props.x === 'number' ? props.x : 0,
          y: typeof props.y === 'number' ? props.y : 0,
          constrained: props.constraints !== undefined && props.constraints !== null,
        });
        this.record({ seq: this.seq + 1, client, parent: op.parent as string, node: id, kind: 'insert' });
        return true;
      }
      case 'SET_PROPERTY': {
        const node = this.nodes.get(op.node as string);
        if (node === undefined) {
          if (this.retired.has(op.node as string)) classes.push('delete-races-edit');
          return false;
        }
        const prop = op.prop as string;
        if (RESERVED.has(prop)) {
          classes.push('reserved-prop');
          return false;
        }
        if (oversized(op.value)) {
          classes.push('oversized-value');
          return false;
        }
        const value = op.value;
        if (prop === 'x' && typeof value === 'number') node.x = value;
        if (prop === 'y' && typeof value === 'number') node.y = value;
        if (prop === 'rotation' && typeof value === 'number' && value !== 0 && node.parent !== null) classes.push('rotation');
        if (prop === 'constraints') node.constrained = value !== null;
        if ((prop === 'width' || prop === 'height') && node.type === 'FRAME') {
          const constrained = node.children.some((c) => this.nodes.get(c)?.constrained === true);
          if (constrained) classes.push('constraint-resize');
          if (constrained && node.children.some((c) => this.nodes.get(c)?.type === 'FRAME' && this.nodes.get(c)?.constrained === true)) {
            classes.push('nested-constraints');
          }
        }
        return true;
      }
      case 'DELETE_NODE': {
        const id = op.node as string;
        const node = this.nodes.get(id);
        if (node === undefined) {
          if (this.retired.has(id)) classes.push('delete-races-edit');
          return false;
        }
        if (node.parent === null) return false;
        const parent = this.nodes.get(node.parent)!;
        parent.children.splice(parent.children.indexOf(id), 1);
        this.retire(id);
        this.record({ seq: this.seq + 1, client, parent: node.parent, node: id, kind: 'remove' });
        return true;
      }
      case 'MOVE_NODE': {
        const id = op.node as string;
        const node = this.nodes.get(id);
        const target = this.nodes.get(op.parent as string);
        if (node === undefined || target === undefined) {
          if (this.retired.has(id) || this.retired.has(op.parent as string)) classes.push('delete-races-edit');
          return false;
        }
        if (node.parent === null || !this.canParent(target.type, node.type)) return false;
        if (this.isAncestorOrSelf(id, op.parent as string)) {
          classes.push('cycle-attempt');
          return false;
        }
        if (base !== undefined && this.changes.some((c) => c.seq > base && c.node === id && c.kind === 'move' && c.client !== client)) {
          classes.push('move-races-move');
        }
        if (node.parent !== op.parent && (!Number.isInteger(node.x) || !Number.isInteger(node.y))) classes.push('non-integer-coords');
        const old = this.nodes.get(node.parent)!;
        old.children.splice(old.children.indexOf(id), 1);
        const index = this.transform(op.parent as string, op.index as number, client, base, classes);
        target.children.splice(Math.min(index, target.children.length), 0, id);
        node.parent = op.parent as string;
        this.record({ seq: this.seq + 1, client, parent: op.parent as string, node: id, kind: 'move' });
        return true;
      }
      default:
        return false;
    }
  }

  /** Counts the transform as exercised when another client changed the parent after `base`. */
  private transform(parent: string, index: number, client: string, base: number | undefined, classes: ConflictClass[]): number {
    if (base === undefined) return index;
    if (this.changes.some((c) => c.seq > base && c.parent === parent && c.client !== client)) classes.push('concurrent-insert');
    return index;
  }

  private record(change: Change): void {
    this.changes.push(change);
    if (this.changes.length > 2 * HISTORY) this.changes.splice(0, HISTORY);
  }

  private retire(id: string): void {
    const node = this.nodes.get(id);
    if (node === undefined) return;
    for (const child of node.children) this.retire(child);
    this.nodes.delete(id);
    this.retired.add(id);
  }
}

function wellFormed(op: Record<string, unknown> | null): op is Record<string, unknown> {
  if (op === null || typeof op !== 'object' || Array.isArray(op)) return false;
  const str = (k: string): boolean => typeof op[k] === 'string';
  const idx = (): boolean => typeof op.index === 'number' && Number.isInteger(op.index) && op.index >= 0;
  switch (op.type) {
    case 'CREATE_NODE':
      return str('id') && str('parent') && str('nodeType') && idx() && (op.props === undefined || (typeof op.props === 'object' && op.props !== null && !Array.isArray(op.props)));
    case 'SET_PROPERTY':
      return str('node') && str('prop') && 'value' in op;
    case 'DELETE_NODE':
      return str('node');
    case 'MOVE_NODE':
      return str('node') && str('parent') && idx();
    default:
      return false;
  }
}

function oversized(value: unknown): boolean {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return false;
  return Buffer.byteLength(JSON.stringify(value), 'utf8') > 65_536;
}
