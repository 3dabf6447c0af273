/**
 * Conflict classes a cutover's evidence should exercise. The names are the generator's classifier's
 * (src/generate/coverage.ts), repeated here with a sentence each for readers of the report; a
 * store may record classes this list does not know, and they are shown too.
 *
 * A coverage gap is a class on this list that no record of the run's logs, nor of the logs a fuzz
 * run generated, exercised: the engines agreeing says nothing about a case that never happened.
 */
import type { GeneratedCoverage } from '../store/index.js';
import type { CoverageClass, CoverageView } from './model.js';

export const CONFLICT_CLASS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'delete-races-edit': 'an edit or move reaching a node another client deleted',
  'concurrent-insert': "a create or move whose index is transformed over another client's change to the same parent",
  'move-races-move': 'two clients moving one node, the later one from a view that missed the first',
  'cycle-attempt': 'a move into the node itself or one of its descendants',
  'constraint-resize': 'a frame resize with constrained children',
  'nested-constraints': 'a resize that recurses into a child frame',
  rotation: 'a node with non-zero rotation inside a container',
  'non-integer-coords': 'a move across parents of a node with fractional coordinates',
  'reconnect-retransmit': 'a cseq sent again after a reconnect',
  'lagging-base': 'an op sent from a view older than the current seq',
  'stale-base': 'an op whose base is outside the transform history',
  'malformed-payload': 'an op payload of the wrong shape',
  'reserved-prop': 'an attempt to set a reserved property',
  'oversized-value': 'a value over the 65,536-byte limit',
  load: 'a document that starts from a load record',
  'multi-document': 'several documents interleaved in one log',
};

export const CONFLICT_CLASSES: readonly string[] = Object.keys(CONFLICT_CLASS_DESCRIPTIONS);

/** What a fuzz run stored about its generated logs (how many, and records per conflict class): the store's own shape. */
export type GeneratedCoverageInput = GeneratedCoverage;

/**
 * The coverage view from per-class counts of the replayed logs and, for a fuzz run, of the logs it
 * generated; unknown when neither is there. Every known class is listed (a class neither source
 * exercised is a gap), then any extra class either names, by name.
 */
export function coverageView(counts: Record<string, number> | null, note: string | null = null, generated: GeneratedCoverageInput | null = null): CoverageView {
  if (counts === null && generated === null) return { known: false, replayedKnown: false, classes: [], note, generated: null };
  const names = new Set([...Object.keys(counts ?? {}), ...Object.keys(generated?.classes ?? {})]);
  const extra = [...names].filter((name) => !(name in CONFLICT_CLASS_DESCRIPTIONS)).sort();
  const classes: CoverageClass[] = [...CONFLICT_CLASSES, ...extra].map((name) => ({
    name,
    description: CONFLICT_CLASS_DESCRIPTIONS[name] ?? '',
    count: counts?.[name] ?? 0,
    generated: generated?.classes[name] ?? 0,
  }));
  return {
    known: true,
    replayedKnown: counts !== null,
    classes,
    note: counts === null ? note : null,
    generated: generated === null ? null : { logs: generated.logs, records: generated.records },
  };
}

/** Classes no record exercised, replayed or generated. */
export function coverageGaps(coverage: CoverageView): string[] {
  return coverage.known ? coverage.classes.filter((c) => c.count + c.generated === 0).map((c) => c.name) : [];
}
