/**
 * Conflict classes: the kinds of concurrency and edge case a log exercises. The generator reports
 * which it produced, and the classifier finds them in any log (recorded ones too), so a report can
 * say what a run's evidence covers and what it does not.
 */
import type { LogRecord } from '../oplog/types.js';
import { DocModel } from './model.js';

export const CONFLICT_CLASSES = [
  'delete-races-edit', // an edit or move reaching a node another client deleted
  'concurrent-insert', // a CREATE/MOVE whose index is transformed over another client's change to the same parent
  'move-races-move', // two clients moving one node, the later one from a view that missed the first
  'cycle-attempt', // a MOVE into the node itself or one of its descendants
  'constraint-resize', // a FRAME resize with constrained children
  'nested-constraints', // a resize that recurses into a child FRAME (one whose size on that axis changed)
  'rotation', // a node with non-zero rotation inside a container
  'non-integer-coords', // a MOVE across parents of a node with fractional coordinates
  'reconnect-retransmit', // a cseq sent again after a reconnect
  'lagging-base', // an op sent from a view older than the current seq
  'stale-base', // an op whose base is outside the transform history
  'malformed-payload', // an op payload of the wrong shape
  'reserved-prop', // an attempt to set a reserved property
  'oversized-value', // a value over the 65,536-byte limit
  'load', // a document that starts from a load record
  'multi-document', // several documents interleaved in one log
] as const;

/**
 * Frame resizes per constraint and axis: a FRAME's width (h) or height (v) changed while one of the
 * children the constraint walk reached (recursion included) had that explicit constraint on that
 * axis. Unconstrained children (MIN by default) are not counted. Kept apart from CONFLICT_CLASSES
 * so that list, which reports describe and stored coverage is keyed by, stays as it was.
 */
export const RESIZE_CLASSES = [
  'resize-h-min',
  'resize-h-max',
  'resize-h-center',
  'resize-h-stretch',
  'resize-h-scale',
  'resize-v-min',
  'resize-v-max',
  'resize-v-center',
  'resize-v-stretch',
  'resize-v-scale',
] as const;

/** Every class the classifier can report. */
export const COVERAGE_CLASSES = [...CONFLICT_CLASSES, ...RESIZE_CLASSES] as const;

export type ConflictClass = (typeof COVERAGE_CLASSES)[number];

/** Counts per conflict class; a class absent from the map was not exercised. */
export type Coverage = Partial<Record<ConflictClass, number>>;

/** Streams records through per-document models and counts the classes they exercise. */
export class CoverageCounter {
  private readonly docs = new Map<string, DocModel>();
  readonly counts: Coverage = {};

  add(record: LogRecord): void {
    let model = this.docs.get(record.doc);
    if (model === undefined) {
      model = new DocModel();
      this.docs.set(record.doc, model);
      if (this.docs.size === 2) this.bump('multi-document');
    }
    for (const c of model.apply(record)) this.bump(c);
  }

  private bump(c: ConflictClass): void {
    this.counts[c] = (this.counts[c] ?? 0) + 1;
  }
}

export function classifyRecords(records: Iterable<LogRecord>): Coverage {
  const counter = new CoverageCounter();
  for (const r of records) counter.add(r);
  return counter.counts;
}
