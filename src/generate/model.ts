/**
 * A light shadow of one document: structure, sessions and sequence, enough to generate ops that
 * mostly apply and to say which conflict classes a record exercises. It is not an engine: values
 * are only checked as far as the classes need, and the engines stay the judges of what applies.
 */
import type { LogRecord } from '../oplog/types.js';
import type { ConflictClass } from './coverage.js';

export const CONTAINERS = new Set(['DOCUMENT', 'PAGE', 'FRAME', 'GROUP']);
export const NODE_TYPES = ['PAGE', 'FRAME', 'GROUP', 'RECTANGLE', 'ELLIPSE', 'TEXT', 'VECTOR'] as const;
export const CONSTRAINT_KINDS = ['MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE'] as const;
const KNOWN_TYPES = new Set<string>(['DOCUMENT', ...NODE_TYPES]);
const KINDS = new Set<string>(CONSTRAINT_KINDS);
const RESERVED = new Set(['id', 'type', 'parent', 'children', 'bounds']);
const GEOMETRY = new Set(['x', 'y', 'width', 'height', 'rotation']);
const HISTORY = 10_000;
type Axis = 'h' | 'v';

export interface ModelNode {
  type: string;
  parent: string | null;
  children: string[];
  x: number;
  y: number;
  width: number;
  height: number;
  /** The explicit constraints, or null when none is set (MIN/MIN by default). */
  constraints: { h: string; v: string } | null;
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
  /** An op record or a load has been seen: a later load does not make the document "start from" one. */
  private started = false;
  private readonly changes: Change[] = [];

  constructor() {
    this.nodes.set(this.root, modelNode('DOCUMENT', null, {}));
  }

  /** Applies one record as an engine would (approximately) and names the classes it exercised. */
  apply(r: LogRecord): ConflictClass[] {
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
        this.started = true;
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
      const node = modelNode(String(n.type), (n.parent as string | null) ?? null, (n.props ?? {}) as Record<string, unknown>);
      if (Array.isArray(n.children)) node.children.push(...(n.children as string[]));
      this.nodes.set(id, node);
    }
    // Connects may come first (a client whose session survives the load); an op may not.
    const starts = !this.started;
    this.started = true;
    return starts ? ['load'] : [];
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
      if (typeof base !== 'number' || !Number.isInteger(base) || base < 0 || base > this.seq) return classes; // malformed
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
        if (Object.entries(props).some(([k, v]) => !validValue(k, v))) return false; // invalid-value
        if (Object.entries(props).some(([k, v]) => !GEOMETRY.has(k) && k !== 'constraints' && oversized(v))) {
          classes.push('oversized-value');
          return false;
        }
        if (typeof props.rotation === 'number' && props.rotation !== 0) classes.push('rotation');
        const index = this.transform(op.parent as string, op.index as number, client, base, classes);
        const at = Math.min(index, parent.children.length);
        parent.children.splice(at, 0, id);
        this.nodes.set(id, modelNode(op.nodeType as string, op.parent as string, props));
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
        const value = op.value;
        if (!validValue(prop, value)) return false; // invalid-value
        if (!GEOMETRY.has(prop) && prop !== 'constraints' && oversized(value)) {
          classes.push('oversized-value');
          return false;
        }
        if (prop === 'rotation' && value !== 0 && node.parent !== null) classes.push('rotation');
        if (prop === 'constraints') setConstraints(node, value);
        if ((prop === 'width' || prop === 'height') && node.type === 'FRAME') {
          if (node.children.some((c) => this.nodes.get(c)?.constrained === true)) classes.push('constraint-resize');
          const axis: Axis = prop === 'width' ? 'h' : 'v';
          const before = node[prop];
          node[prop] = value as number;
          if (before !== value) this.resize(op.node as string, axis, before, value as number, classes);
        } else if (prop === 'x' || prop === 'y' || prop === 'width' || prop === 'height') {
          node[prop] = value as number;
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

  /**
   * Runs constraints as the engines do (document-model §3) after `frame`'s size on `axis` went
   * from s0 to s1, so later resizes see the right sizes, and names what the walk exercised: each
   * explicit constraint met on the axis (resize-h-min ... resize-v-scale) and any recursion into
   * a child FRAME whose size changed (nested-constraints).
   */
  private resize(frame: string, axis: Axis, s0: number, s1: number, classes: ConflictClass[]): void {
    const pos = axis === 'h' ? 'x' : 'y';
    const size = axis === 'h' ? 'width' : 'height';
    const met = new Set<ConflictClass>();
    const stack = [{ frame, s0, s1 }];
    while (stack.length > 0) {
      const job = stack.pop()!;
      const d = job.s1 - job.s0;
      for (const id of this.nodes.get(job.frame)?.children ?? []) {
        const child = this.nodes.get(id)!;
        const kind = child.constraints?.[axis];
        if (kind !== undefined) met.add(`resize-${axis}-${kind.toLowerCase()}` as ConflictClass);
        const before = child[size];
        if (kind === 'MAX') child[pos] += d;
        else if (kind === 'CENTER') child[pos] += d / 2;
        else if (kind === 'STRETCH') child[size] = Math.max(0, before + d);
        else if (kind === 'SCALE' && job.s0 !== 0) {
          child[pos] = (child[pos] * job.s1) / job.s0;
          child[size] = (before * job.s1) / job.s0;
        }
        if (child.type === 'FRAME' && child[size] !== before) {
          met.add('nested-constraints');
          stack.push({ frame: id, s0: before, s1: child[size] });
        }
      }
    }
    classes.push(...met);
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

function modelNode(type: string, parent: string | null, props: Record<string, unknown>): ModelNode {
  const num = (k: string): number => (typeof props[k] === 'number' ? (props[k] as number) : 0);
  const node: ModelNode = { type, parent, children: [], x: num('x'), y: num('y'), width: num('width'), height: num('height'), constraints: null, constrained: false };
  setConstraints(node, props.constraints);
  return node;
}

function setConstraints(node: ModelNode, value: unknown): void {
  const c = value as { h?: unknown; v?: unknown } | null | undefined;
  node.constraints = c !== null && typeof c === 'object' && typeof c.h === 'string' && typeof c.v === 'string' ? { h: c.h, v: c.v } : null;
  node.constrained = node.constraints !== null;
}

/** What the engines nack `invalid-value`: bad geometry (width/height < 0) and bad constraints. */
function validValue(prop: string, value: unknown): boolean {
  if (GEOMETRY.has(prop)) return typeof value === 'number' && Number.isFinite(value) && ((prop !== 'width' && prop !== 'height') || value >= 0);
  if (prop !== 'constraints' || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const c = value as Record<string, unknown>;
  return Object.keys(c).length === 2 && KINDS.has(c.h as string) && KINDS.has(c.v as string) && Object.hasOwn(c, 'h') && Object.hasOwn(c, 'v');
}

/** Whether an op payload has the shape the engines accept (document-model §7 "Malformed"). */
export function isWellFormedOp(op: unknown): boolean {
  return wellFormed(op as Record<string, unknown> | null);
}

function wellFormed(op: Record<string, unknown> | null): op is Record<string, unknown> {
  if (op === null || typeof op !== 'object' || Array.isArray(op)) return false;
  const str = (k: string): boolean => typeof op[k] === 'string';
  const name = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 64;
  const idx = (): boolean => typeof op.index === 'number' && Number.isInteger(op.index) && op.index >= 0;
  const props = (): boolean => {
    if (!Object.hasOwn(op, 'props')) return true;
    const p = op.props;
    return typeof p === 'object' && p !== null && !Array.isArray(p) && Object.keys(p).every(name);
  };
  switch (op.type) {
    case 'CREATE_NODE':
      return name(op.id) && str('parent') && KNOWN_TYPES.has(op.nodeType as string) && idx() && props();
    case 'SET_PROPERTY':
      return str('node') && name(op.prop) && op.value !== undefined;
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
