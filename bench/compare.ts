/**
 * The node-by-node tree diff against general-purpose JSON differs (microdiff, jsondiffpatch) on
 * the same two 50,000-node canonical trees: ms per diff (median after warm-up) and ratios.
 */
import microdiff from 'microdiff';
import { create as createDiffPatcher } from 'jsondiffpatch';
import type { CanonicalNode, CanonicalTree } from '../src/engine/protocol.js';
import { compareTrees } from '../src/compare/index.js';

const NODES = 50_000;
const RUNS = 7;

/** mulberry32: a small seeded PRNG so every run diffs the same trees. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEAVES = ['RECTANGLE', 'ELLIPSE', 'TEXT', 'VECTOR'];
const CONS = ['MIN', 'MAX', 'CENTER', 'STRETCH', 'SCALE'];

/** ~30 props: geometry, then style values of every JSON shape an editor stores. */
function props(r: () => number, i: number): Record<string, unknown> {
  const p: Record<string, unknown> = {
    x: Math.round(r() * 2000) / 4,
    y: Math.round(r() * 2000) / 4,
    width: r() * 300,
    height: r() * 300,
    rotation: r() < 0.2 ? r() * 360 : 0,
    name: `Layer ${i}`,
    visible: r() < 0.95,
    locked: r() < 0.05,
    opacity: Math.round(r() * 100) / 100,
    blendMode: 'NORMAL',
    constraints: { h: CONS[Math.floor(r() * 5)], v: CONS[Math.floor(r() * 5)] },
    fills: [{ type: 'SOLID', color: { r: r(), g: r(), b: r(), a: 1 }, visible: true }],
    strokes: r() < 0.3 ? [{ type: 'SOLID', color: { r: 0, g: 0, b: 0, a: 1 } }] : [],
    strokeWeight: 1,
    cornerRadius: Math.floor(r() * 12),
    effects: [],
    exportSettings: [],
    layoutMode: 'NONE',
    paddingLeft: 0,
    paddingRight: 0,
    paddingTop: 0,
    paddingBottom: 0,
    itemSpacing: 8,
    clipsContent: r() < 0.5,
    characters: r() < 0.2 ? 'Lorem ipsum dolor sit amet' : '',
    fontSize: 12 + Math.floor(r() * 24),
    fontName: { family: 'Inter', style: 'Regular' },
    textAlignHorizontal: 'LEFT',
    pluginData: { owner: `team-${Math.floor(r() * 20)}`, tags: ['a', 'b'] },
    componentId: null,
  };
  return p;
}

/** A tree of NODES nodes, 3-8 levels deep: pages under the root, frames and groups under pages. */
export function makeTree(seed: number, nodes = NODES): CanonicalTree {
  const r = prng(seed);
  const out: Record<string, CanonicalNode> = {};
  const containers: Array<{ id: string; depth: number; maxDepth: number }> = [];
  let count = 0;
  const add = (id: string, type: string, parent: string | null, depth: number, maxDepth: number): void => {
    out[id] = { type, parent, children: [], props: props(r, count++), bounds: null };
    if (parent !== null) out[parent]!.children.push(id);
    if (type !== 'RECTANGLE' && type !== 'ELLIPSE' && type !== 'TEXT' && type !== 'VECTOR') containers.push({ id, depth, maxDepth });
  };
  add('0:0', 'DOCUMENT', null, 0, 0);
  for (let p = 0; p < 10; p++) add(`p:${p}`, 'PAGE', '0:0', 1, 3 + Math.floor(r() * 6));
  let n = 11;
  while (n < nodes) {
    const host = containers[1 + Math.floor(r() * (containers.length - 1))]!;
    const id = `${Math.floor(r() * 40)}:${n}`;
    const deeper = host.depth + 1 < host.maxDepth - 1;
    const type = deeper && r() < 0.25 ? (r() < 0.7 ? 'FRAME' : 'GROUP') : LEAVES[Math.floor(r() * 4)]!;
    add(id, type, host.id, host.depth + 1, host.maxDepth);
    n++;
  }
  for (const node of Object.values(out)) {
    if (node.children.length > 0) node.bounds = [0, 0, r() * 1000, r() * 1000];
  }
  return { seq: 123_456, root: '0:0', nodes: out };
}

/** A deep copy with a few scattered changes (a drifted number, a retyped value, a removed prop, a reorder). */
export function perturb(tree: CanonicalTree, seed: number): CanonicalTree {
  const copy = JSON.parse(JSON.stringify(tree)) as CanonicalTree;
  const r = prng(seed);
  const ids = Object.keys(copy.nodes);
  const pick = () => copy.nodes[ids[Math.floor(r() * ids.length)]!]!;
  for (let k = 0; k < 3; k++) (pick().props as { x: number }).x += 1e-9;
  pick().props.name = 42;
  delete pick().props.opacity;
  const parent = ids.map((id) => copy.nodes[id]!).find((nd) => nd.children.length > 2)!;
  parent.children.reverse();
  return copy;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

export async function run(): Promise<void> {
  const reference = makeTree(1);
  const changed = perturb(reference, 2);
  const same = JSON.parse(JSON.stringify(reference)) as CanonicalTree;
  const opts = { tolerances: [], maxDifferences: 1000 };
  const jdp = createDiffPatcher();
  for (const [label, candidate] of [
    ['scattered changes', changed],
    ['identical trees', same],
  ] as const) {
    const found = compareTrees(reference, candidate, opts).length;
    const parity = time(() => compareTrees(reference, candidate, opts));
    const micro = time(() => microdiff(reference as never, candidate as never));
    const jsondp = time(() => jdp.diff(reference, candidate));
    console.log(`compare ${label} (${NODES} nodes, ${found} differences found by parity):`);
    console.log(`  parity compareTrees   ${parity.toFixed(1)} ms`);
    console.log(`  microdiff             ${micro.toFixed(1)} ms  (parity ${(micro / parity).toFixed(1)}x faster)`);
    console.log(`  jsondiffpatch         ${jsondp.toFixed(1)} ms  (parity ${(jsondp / parity).toFixed(1)}x faster)`);
  }
}

