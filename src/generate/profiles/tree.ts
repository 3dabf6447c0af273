/**
 * The generator's light model of one document tree: which ids are alive, their types, parents,
 * child order and rough geometry. It follows the document model's structural rules exactly
 * (that is what decides whether an op applies) and its geometry only roughly (values, not
 * applicability, depend on it).
 */
import { IdList } from './id-list.js';
import type { Rng } from './prng.js';

export type NodeType = 'DOCUMENT' | 'PAGE' | 'FRAME' | 'GROUP' | 'RECTANGLE' | 'ELLIPSE' | 'TEXT' | 'VECTOR';
export const LEAF_TYPES: readonly NodeType[] = ['RECTANGLE', 'ELLIPSE', 'TEXT', 'VECTOR'];
export const MAX_DEPTH = 8;

export interface MNode {
  type: NodeType;
  parent: string | null;
  children: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export const isContainer = (t: NodeType): boolean => t === 'DOCUMENT' || t === 'PAGE' || t === 'FRAME' || t === 'GROUP';

export class TreeModel {
  readonly nodes = new Map<string, MNode>();
  readonly retired = new Set<string>();
  /** Nodes ops may target freely (not the root, not pages), in a stable order for Zipf ranks. */
  readonly movable = new IdList();
  /** Containers below the root (PAGE, FRAME, GROUP): parents for CREATE and MOVE. */
  readonly containers = new IdList();
  readonly frames = new IdList();
  /** Parents most CREATEs and MOVEs go into when set (hot-doc): many clients, same child lists. */
  readonly shared = new IdList();
  /** The most recently deleted ids: targets for edits that lost a race with a DELETE. */
  readonly recentlyDeleted: string[] = [];

  constructor(readonly root = '0:0') {
    this.nodes.set(root, { type: 'DOCUMENT', parent: null, children: [], x: 0, y: 0, width: 0, height: 0 });
  }

  alive(id: string): boolean {
    return this.nodes.has(id);
  }

  get(id: string): MNode {
    return this.nodes.get(id)!;
  }

  depth(id: string): number {
    let d = 0;
    for (let n = this.nodes.get(id); n?.parent != null; n = this.nodes.get(n.parent)) d++;
    return d;
  }

  /** Whether `id` is `ancestor` or lies below it. */
  within(id: string, ancestor: string): boolean {
    for (let cur: string | null = id; cur !== null; cur = this.nodes.get(cur)?.parent ?? null) if (cur === ancestor) return true;
    return false;
  }

  /** Whether `id` is a shared parent or an ancestor of one. */
  holdsShared(id: string): boolean {
    for (let i = 0; i < this.shared.size; i++) if (this.within(this.shared.get(i), id)) return true;
    return false;
  }

  /** Whether a node of `type` may live under `parent` (the document model's type rules). */
  static fits(type: NodeType, parentType: NodeType): boolean {
    if (type === 'PAGE') return parentType === 'DOCUMENT';
    if (type === 'DOCUMENT') return false;
    return parentType === 'PAGE' || parentType === 'FRAME' || parentType === 'GROUP';
  }

  insert(id: string, node: Omit<MNode, 'children' | 'parent'>, parent: string, index: number): void {
    const p = this.get(parent);
    this.nodes.set(id, { type: node.type, parent, children: [], x: node.x, y: node.y, width: node.width, height: node.height });
    p.children.splice(Math.min(index, p.children.length), 0, id);
    this.index(id, node.type);
  }

  /** Removes a node and its subtree; every id is retired. */
  delete(id: string): void {
    const n = this.get(id);
    const siblings = this.get(n.parent!).children;
    siblings.splice(siblings.indexOf(id), 1);
    const stack = [id];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      const node = this.nodes.get(cur)!;
      stack.push(...node.children);
      this.nodes.delete(cur);
      this.retired.add(cur);
      this.movable.remove(cur);
      this.containers.remove(cur);
      this.frames.remove(cur);
      this.shared.remove(cur);
      this.recentlyDeleted.push(cur);
    }
    if (this.recentlyDeleted.length > 256) this.recentlyDeleted.splice(0, this.recentlyDeleted.length - 64);
  }

  move(id: string, parent: string, index: number): void {
    const n = this.get(id);
    const old = this.get(n.parent!).children;
    old.splice(old.indexOf(id), 1);
    const list = this.get(parent).children;
    list.splice(Math.min(index, list.length), 0, id);
    n.parent = parent;
  }

  /** A live container (not the root) that a node of `type` may go into, or undefined. */
  pickParent(rng: Rng, type: NodeType): string | undefined {
    if (type === 'PAGE') return this.root;
    for (let tries = 0; tries < 8; tries++) {
      const id = this.shared.size > 0 && rng.chance(0.8) ? this.shared.pick(rng) : this.containers.pick(rng);
      if (id === undefined) return undefined;
      const p = this.get(id);
      if (TreeModel.fits(type, p.type) && (!isContainer(type) || this.depth(id) < MAX_DEPTH)) return id;
    }
    return undefined;
  }

  private index(id: string, type: NodeType): void {
    if (type !== 'PAGE' && type !== 'DOCUMENT') this.movable.add(id);
    if (type === 'PAGE' || type === 'FRAME' || type === 'GROUP') this.containers.add(id);
    if (type === 'FRAME') this.frames.add(id);
  }
}
