/**
 * The live tree of one document: nodes by id, each with its parent, ordered children and props,
 * plus every id ever seen (an id is never reused: deleted ids stay retired).
 */
import { ChildList } from './children.js';
import { GEOMETRY } from './nodes.js';

export interface Node {
  id: string;
  type: string;
  parent: string | null;
  /** z-order: index 0 is the bottom. */
  children: ChildList;
  /** Geometry keys first (x, y, width, height, rotation), then others in insertion order. */
  props: Map<string, unknown>;
}

/** A props map with the five geometry props at 0, in their listing order. */
export function geometryProps(): Map<string, unknown> {
  return new Map<string, unknown>(GEOMETRY.map((name) => [name, 0]));
}

export class Tree {
  readonly nodes = new Map<string, Node>();
  /** Every id that was ever live in this document: the live ones and the retired ones. */
  readonly seen = new Set<string>();

  constructor(readonly root: string = '0:0', rootType = 'DOCUMENT') {
    this.add({ id: root, type: rootType, parent: null, children: new ChildList(), props: geometryProps() });
  }

  /** Registers a node that is already linked (or the root); used by construction and load. */
  add(node: Node): void {
    this.nodes.set(node.id, node);
    this.seen.add(node.id);
  }

  get(id: string): Node | undefined {
    return this.nodes.get(id);
  }

  /** Links `node` under `parentId` at `index` (already clamped) and registers it. */
  insert(node: Node, parentId: string, index: number): void {
    const parent = this.nodes.get(parentId)!;
    node.parent = parentId;
    parent.children.insert(index, node.id);
    this.add(node);
  }

  /** Unlinks a node from its parent's children; returns the position it had. */
  detach(id: string): number {
    const node = this.nodes.get(id)!;
    const at = this.nodes.get(node.parent!)!.children.remove(id);
    node.parent = null;
    return at;
  }

  /** Removes a node and its whole subtree; their ids stay in `seen` (retired). Returns its position. */
  remove(id: string): number {
    const at = this.detach(id);
    const stack = [id];
    while (stack.length > 0) {
      const node = this.nodes.get(stack.pop()!)!;
      this.nodes.delete(node.id);
      // A loop, not push(...children): a container may hold 100,000 children.
      for (const child of node.children) stack.push(child);
    }
    return at;
  }

  /** Whether `id` is `ancestor` itself or lies somewhere below it. */
  isWithin(id: string, ancestor: string): boolean {
    for (let at: string | null = id; at !== null; at = this.nodes.get(at)!.parent) {
      if (at === ancestor) return true;
    }
    return false;
  }

  /** The ids from the root down to `id`, root first. */
  pathFromRoot(id: string): string[] {
    const path: string[] = [];
    for (let at: string | null = id; at !== null; at = this.nodes.get(at)!.parent) path.push(at);
    return path.reverse();
  }

  /**
   * The sum of `axis` ('x' or 'y') from the root down to `id`, added in that order:
   * ((x_root + x_1) + x_2) + ... + x_n. Float addition is not associative, so the order is fixed.
   */
  absolute(id: string, axis: 'x' | 'y'): number {
    const path = this.pathFromRoot(id);
    let sum = this.nodes.get(path[0]!)!.props.get(axis) as number;
    for (let i = 1; i < path.length; i++) sum = sum + (this.nodes.get(path[i]!)!.props.get(axis) as number);
    return sum;
  }
}
