/** Building Divergence values: every field filled, values capped so one record cannot flood the store. */
import { parsePath } from '../compare/index.js';
import type { Difference } from '../compare/types.js';
import { locateFailure, type EngineFailure } from '../engine/index.js';
import type { SourcedRecord } from '../oplog/types.js';
import type { Judged } from './judge.js';
import type { Divergence, DivergenceScope } from './types.js';

/** Where a divergence sits: the record where the engines parted and where it was seen. */
export interface Place {
  source: SourcedRecord;
  docRecord: number;
  detectedAt: number;
  reproduce: string;
}

const MAX_VALUE_CHARS = 64 * 1024;

/** Values larger than this are replaced by a note: the whole tree is in the reproduce command. */
function capped(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text === undefined || text.length <= MAX_VALUE_CHARS) return value;
  return { truncated: true, chars: text.length, head: text.slice(0, 512) };
}

export function opTypeOf(source: SourcedRecord): string {
  const { record } = source;
  if (record.kind !== 'op') return record.kind;
  const op = record.op as { type?: unknown } | null;
  return op && typeof op === 'object' && typeof op.type === 'string' ? op.type : 'op';
}

function nackOf(messages: unknown): string | null {
  if (!Array.isArray(messages)) return null;
  for (const m of messages) {
    if (m && typeof m === 'object' && (m as { kind?: unknown }).kind === 'nack') {
      const reason = (m as { reason?: unknown }).reason;
      if (typeof reason === 'string') return reason;
    }
  }
  return null;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function headline(d: Difference): string {
  const drift = d.drift ? ` (drift ${d.drift.abs}, ${d.drift.ulps} ulps)` : '';
  switch (d.kind) {
    case 'missing':
      return `missing at ${d.path}: reference has ${show(d.reference)}, candidate has nothing`;
    case 'extra':
      return `extra at ${d.path}: candidate has ${show(d.candidate)}, reference has nothing`;
    default:
      return `${d.kind} at ${d.path}: reference ${show(d.reference)}, candidate ${show(d.candidate)}${drift}`;
  }
}

/** For a tree, the node holding the first difference (the whole tree would be too much to read). */
function focus(tree: unknown, path: string): unknown {
  let segments: Array<string | number>;
  try {
    segments = parsePath(path);
  } catch {
    return tree;
  }
  const depth = segments[0] === 'nodes' ? 2 : segments.length;
  let at: unknown = tree;
  for (const s of segments.slice(0, depth)) {
    if (at === null || typeof at !== 'object') return at;
    at = (at as Record<string | number, unknown>)[s];
  }
  return at ?? null;
}

function base(place: Place, scope: DivergenceScope) {
  const { source } = place;
  return {
    log: source.file,
    doc: source.record.doc,
    n: source.n,
    line: source.line,
    docRecord: place.docRecord,
    detectedAt: place.detectedAt,
    scope,
    record: source.record,
    opType: opTypeOf(source),
    reproduce: place.reproduce,
  };
}

/** A node's derived `bounds` (in a tree or in a snapshot message's tree). */
const BOUNDS_PATH = /nodes\["(?:[^"\\]|\\.)*"\]\.bounds(?:\[|$)/;

/**
 * The difference that names a divergence: the first one with the divergence's disposition, but a
 * node's own fields before any derived `bounds`. Bounds follow from props, so when both differ the
 * prop is the cause; and whether an ancestor's bounds moved too depends on its other children, so
 * naming the bounds would split one bug into buckets by tree shape (and a minimizer pruning
 * siblings would see the fingerprint change under it).
 */
function primaryDifference(judged: Judged): Judged['differences'][number] {
  const same = judged.differences.filter((d) => d.disposition === judged.disposition);
  if (same.length === 0) return judged.differences[0]!;
  return same.find((d) => !BOUNDS_PATH.test(d.path)) ?? same[0]!;
}

export function differenceDivergence(place: Place, scope: 'messages' | 'tree', judged: Judged): Divergence {
  const first = primaryDifference(judged);
  const others = judged.differences.length - 1;
  const reference = scope === 'tree' ? focus(judged.reference, first.path) : judged.reference;
  const candidate = scope === 'tree' ? focus(judged.candidate, first.path) : judged.candidate;
  return {
    ...base(place, scope),
    kind: first.kind,
    path: first.path,
    reference: capped(reference),
    candidate: capped(candidate),
    nackReason: scope === 'messages' ? (nackOf(judged.reference) ?? nackOf(judged.candidate)) : null,
    differences: judged.differences.map((d) => ({ ...d, reference: capped(d.reference), candidate: capped(d.candidate) })),
    disposition: judged.disposition,
    failedEngine: null,
    detail: headline(first) + (others > 0 ? ` (+${others} more difference${others > 1 ? 's' : ''})` : ''),
  };
}

export function failureDivergence(
  place: Place,
  side: 'reference' | 'candidate',
  failure: EngineFailure,
  other: { text: string } | null,
): Divergence {
  // The host names the failing call's batch item; the log's record number and line are what a reader needs.
  failure = locateFailure(failure, `record ${place.source.n} (${place.source.file}:${place.source.line})`);
  const tail = failure.stderrTail.trim();
  const answer = other ? (JSON.parse(other.text) as unknown) : null;
  const failed = { failure: failure.kind, message: failure.message };
  return {
    ...base(place, 'engine'),
    kind: `engine-${failure.kind}`,
    path: '',
    reference: capped(side === 'reference' ? failed : answer),
    candidate: capped(side === 'candidate' ? failed : answer),
    nackReason: nackOf(answer),
    differences: [],
    disposition: 'divergence',
    failedEngine: side,
    detail: `${side} engine ${failure.kind}: ${failure.message}${tail ? `\n--- stderr tail ---\n${tail}` : ''}`,
  };
}
