/**
 * Dependency slicing: drop the records that cannot matter to one divergent record, before delta
 * debugging has to discover that one oracle call at a time. A slice is only a guess (constraints
 * and bounds reach across siblings), so the minimizer verifies every slice with the oracle and
 * widens it when the divergence does not survive.
 */
import type { LogRecord } from '../oplog/types.js';

/**
 * narrow: the records touching the involved nodes, and the creation of every parent they use;
 * siblings: also every record creating or moving a node into an involved container;
 * subtree: also everything under the involved containers.
 */
export type SliceLevel = 'narrow' | 'siblings' | 'subtree';
export const SLICE_LEVELS: readonly SliceLevel[] = ['narrow', 'siblings', 'subtree'];

interface OpRefs {
  targets: string[];
  parent: string | null;
}

function refs(op: unknown): OpRefs {
  if (op === null || typeof op !== 'object') return { targets: [], parent: null };
  const o = op as Record<string, unknown>;
  const targets = [o.node, o.id].filter((v): v is string => typeof v === 'string');
  return { targets, parent: typeof o.parent === 'string' ? o.parent : null };
}

/** Node ids a divergence path names, e.g. `nodes["a:1"].props.x` -> a:1. */
export function idsInPath(path: string): string[] {
  const ids: string[] = [];
  for (const m of path.matchAll(/nodes\[("(?:[^"\\]|\\.)*")\]/g)) ids.push(JSON.parse(m[1]!) as string);
  return ids;
}

/** Indices (ascending) of the records that the record at `target` plausibly depends on, itself included. */
export function sliceRecords(records: readonly LogRecord[], target: number, seedIds: readonly string[], level: SliceLevel): number[] {
  const last = records[target]!;
  const involved = new Set(seedIds);
  const lastRefs = refs(last.op);
  for (const id of lastRefs.targets) involved.add(id);
  if (lastRefs.parent !== null) involved.add(lastRefs.parent);

  const keep = new Set<number>([target]);
  const clients = new Set<string>(last.client === undefined ? [] : [last.client]);
  // A node's edits come after its creation, so one backward pass can miss records about nodes
  // it only learns of later in the pass: repeat until the involved set stops growing.
  for (let size = -1; size !== involved.size; ) {
    size = involved.size;
    for (let i = target - 1; i >= 0; i--) {
      const r = records[i]!;
      if (r.kind === 'load') {
        keep.add(i);
        continue;
      }
      if (r.kind !== 'op') continue;
      const { targets, parent } = refs(r.op);
      const touches = targets.some((id) => involved.has(id));
      const intoInvolved = parent !== null && involved.has(parent) && level !== 'narrow';
      // A retransmission at the target needs the earlier op that used its cseq.
      const sameCseq = last.kind === 'op' && r.client === last.client && (r.cseq ?? 0) >= (last.cseq ?? 0);
      if (!touches && !intoInvolved && !sameCseq) continue;
      keep.add(i);
      if (r.client !== undefined) clients.add(r.client);
      if (parent !== null) involved.add(parent);
      if (level === 'subtree' && intoInvolved) for (const id of targets) involved.add(id);
    }
  }
  // Sessions of every client whose ops stay, so the ops are not nacked not-connected.
  records.forEach((r, i) => {
    if (i < target && (r.kind === 'connect' || r.kind === 'disconnect') && r.client !== undefined && clients.has(r.client)) keep.add(i);
  });
  return [...keep].sort((a, b) => a - b);
}

interface TreeLike {
  seq?: unknown;
  root?: unknown;
  nodes?: Record<string, { parent?: unknown; children?: unknown }>;
}

/**
 * A load record whose tree keeps only the nodes some record mentions (and their ancestors),
 * or the record unchanged when its tree is not a canonical tree.
 */
export function pruneLoad(load: LogRecord, mentioned: ReadonlySet<string>): LogRecord {
  const tree = load.tree as TreeLike | undefined;
  if (tree === undefined || tree.nodes === undefined || typeof tree.nodes !== 'object') return load;
  const nodes = tree.nodes;
  const keep = new Set<string>();
  if (typeof tree.root === 'string') keep.add(tree.root);
  for (const id of mentioned) {
    for (let cur: unknown = id; typeof cur === 'string' && Object.hasOwn(nodes, cur) && !keep.has(cur); cur = nodes[cur]!.parent) keep.add(cur);
  }
  const pruned: Record<string, unknown> = {};
  for (const id of Object.keys(nodes)) {
    if (!keep.has(id)) continue;
    const node = nodes[id]!;
    const children = Array.isArray(node.children) ? (node.children as unknown[]).filter((c) => typeof c === 'string' && keep.has(c)) : node.children;
    Object.defineProperty(pruned, id, { value: { ...node, children }, enumerable: true, writable: true, configurable: true });
  }
  return { ...load, tree: { ...tree, nodes: pruned } };
}

/** Every node id any op of these records names (targets and parents). */
export function mentionedIds(records: readonly LogRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const r of records) {
    const { targets, parent } = refs(r.op);
    for (const id of targets) ids.add(id);
    if (parent !== null) ids.add(parent);
  }
  return ids;
}
