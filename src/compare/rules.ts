/**
 * Rule patterns: exact paths with wildcards, never substrings. `props.id` covers `props.id`
 * (and nothing under or beside it): not `props.idx`, not `props.id.x`. `*` is exactly one
 * segment (key or index), `**` any number of segments including none, `#` one numeric index.
 * Inside a snapshot message's tree a pattern is also tried on the tree-relative path, so
 * `nodes[*].props.id` covers `messages["alice"][0].tree.nodes["a:1"].props.id` too.
 */
import { ANY, INDEX, ONE, parsePath, parseTokens, treeStart, type Segment, type Token } from './path.js';
import type { RuleSet } from './types.js';

/** Past this many distinct paths the per-path answer cache starts afresh (bounded memory). */
const CACHE_LIMIT = 50_000;

/** One pattern against one path, classic glob matching over segments (backtracks only to the last `**`). */
export function matchTokens(pattern: readonly Token[], path: ReadonlyArray<Segment>): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < path.length) {
    const t = pattern[pi];
    if (pi < pattern.length && t !== ANY && (t === ONE || t === path[si] || (t === INDEX && typeof path[si] === 'number'))) {
      pi++;
      si++;
    } else if (t === ANY) {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[pi] === ANY) pi++;
  return pi === pattern.length;
}

class CompiledRules implements RuleSet {
  private readonly compiled: Token[][];
  private cache = new Map<string, boolean>();

  constructor(readonly patterns: readonly string[]) {
    this.compiled = patterns.map((p) => parseTokens(p, true));
  }

  /** A path inside a snapshot message's tree also matches on its tree-relative part (one pattern for checkpoints and snapshots). */
  matchesSegments(segments: ReadonlyArray<Segment>): boolean {
    for (const p of this.compiled) if (matchTokens(p, segments)) return true;
    const start = treeStart(segments);
    if (start < 0) return false;
    const inTree = segments.slice(start);
    for (const p of this.compiled) if (matchTokens(p, inTree)) return true;
    return false;
  }

  matches(path: string): boolean {
    if (this.compiled.length === 0) return false;
    let hit = this.cache.get(path);
    if (hit !== undefined) return hit;
    let segments: Segment[];
    try {
      segments = parsePath(path);
    } catch {
      // Not a path parity wrote; no pattern can be meant for it.
      return false;
    }
    hit = this.matchesSegments(segments);
    if (this.cache.size >= CACHE_LIMIT) this.cache = new Map();
    this.cache.set(path, hit);
    return hit;
  }
}

/** Compiles patterns once; throws PathSyntaxError naming the bad pattern (a usage error at the edge). */
export function compileRules(patterns: readonly string[]): RuleSet {
  return new CompiledRules([...patterns]);
}
