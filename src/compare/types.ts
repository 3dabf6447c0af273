/** The vocabulary of differences (after Twitter's diffy): a closed set of kinds keyed by path. */

export type DifferenceKind = 'missing' | 'extra' | 'value' | 'type' | 'order' | 'length' | 'float-drift';

/**
 * One difference between the reference's value and the candidate's at one path.
 * `missing`: only the reference has it; `extra`: only the candidate has it.
 */
export interface Difference {
  kind: DifferenceKind;
  /** Rendered path, e.g. `nodes["a:1"].props.x` or `messages["alice"][0].op.index`. */
  path: string;
  reference?: unknown;
  candidate?: unknown;
  /** For float-drift: how far apart the numbers are. */
  drift?: { abs: number; rel: number; ulps: number };
}

/** What happened to a difference after rules and noise were applied. It is kept either way. */
export type Disposition = 'divergence' | 'ignored' | 'noise' | 'float-drift';

/*
 * Added by the compare owner (H5). Everything below is additive; nothing above changed.
 */

/**
 * Numbers that may differ by a little at paths matching `pattern` (the rule pattern language of
 * docs/comparison.md). A difference is accepted when ANY configured bound holds (inclusive):
 * `abs` on |r - c|, `rel` on |r - c| / max(|r|, |c|), `ulps` on the distance in representable doubles.
 */
export interface Tolerance {
  pattern: string;
  abs?: number;
  rel?: number;
  ulps?: number;
}

/** How to compare one pair of values. */
export interface CompareOptions {
  tolerances: Tolerance[];
  /** Stop after this many differences (>= 1, Infinity for no cap). */
  maxDifferences: number;
}

/** A compiled set of path patterns: exact paths, `*` one segment, `**` any number, `#` one index. */
export interface RuleSet {
  readonly patterns: readonly string[];
  matches(path: string): boolean;
  /** The same test on an already split path (no parsing; used on the hot path). */
  matchesSegments(segments: ReadonlyArray<string | number>): boolean;
}

/** A difference after rules and noise were applied. */
export type DisposedDifference = Difference & { disposition: Disposition };

export interface Difference {
  /**
   * Set on the last difference of a list when the comparison stopped at `maxDifferences`
   * with at least one more difference found: the list is incomplete.
   */
  capped?: true;
}
