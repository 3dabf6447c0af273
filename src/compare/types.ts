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
