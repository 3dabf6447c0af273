/**
 * Canonical trees compared node by node. The tree is keyed by node id, so the general walk
 * already gives the tree's reading: a node only one engine has is one `missing`/`extra` at
 * `nodes["id"]` (not one per field), a reordered `children` list is one `order`, props are
 * compared recursively, and neither key order nor node order in `nodes` shows.
 */
import type { CanonicalTree } from '../engine/protocol.js';
import { Walker } from './walker.js';
import type { CompareOptions, Difference } from './types.js';

/** Paths are relative to the tree: `seq`, `root`, `nodes["a:1"].props.x`; a non-object tree differs at `` (the root). */
export function compareTrees(reference: CanonicalTree, candidate: CanonicalTree, opts: CompareOptions): Difference[] {
  const w = new Walker(opts);
  w.value(reference, candidate);
  return w.out;
}
