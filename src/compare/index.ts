/** The comparison stage: messages per recipient, trees node by node, rules, tolerances, noise. */
export type {
  CompareOptions,
  Difference,
  DifferenceKind,
  DisposedDifference,
  Disposition,
  RuleSet,
  Tolerance,
} from './types.js';
export { compareMessages } from './messages.js';
export { compareTrees } from './trees.js';
export { compileRules } from './rules.js';
export { NoiseModel, noiseKey } from './noise.js';
export { dispose, countDispositions } from './dispose.js';
export { renderDiff, summarizeDifference, showValue } from './render.js';
export { formatPath, parsePath, PathSyntaxError, snapshotTreePath, treeStart, type Segment } from './path.js';
export { normalizePath } from './normalize.js';
export { drift, ulpDistance, type Drift } from './drift.js';
export { stableStringify, deepEqual, jsonType, type JsonType } from './json.js';

/** True when a difference list was cut at `maxDifferences` (its last entry carries `capped`). */
export function wasCapped(diffs: ReadonlyArray<{ capped?: true }>): boolean {
  return diffs.length > 0 && diffs[diffs.length - 1]!.capped === true;
}
