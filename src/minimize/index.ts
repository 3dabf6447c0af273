/** Cutting a failing log down to the handful of records that matter. */
export { ddmin, type DdminProgress, type DdminResult, type Oracle } from './ddmin.js';
export { SLICE_LEVELS, idsInPath, mentionedIds, pruneLoad, sliceRecords, type SliceLevel } from './slice.js';
export { minimizeRecords, NotReproducibleError, type FingerprintOracle, type MinimizeInput, type MinimizeStats } from './minimize.js';
export { rebaseSubset, traceSeqs, type SeqTrace } from './rebase.js';
export { ReplayOracle, type OracleOptions } from './oracle.js';
export { minimizeLog, type MinimizeLogOptions, type MinimizeLogResult } from './log.js';
