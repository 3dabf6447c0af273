/** The generate folder's public door: fast-check arbitraries and workload profiles. */
export {
  generateProfile, writeProfile, profileHeader, isProfileName, resolveOptions, emptyStats, PROFILE_NAMES, DEFAULTS,
  type ProfileName, type ProfileOptions, type ResolvedOptions, type ProfileStats, type ProfileSummary,
} from './profiles/index.js';
export { CoverageCounter, classifyRecords, CONFLICT_CLASSES, RESIZE_CLASSES, COVERAGE_CLASSES, type ConflictClass, type Coverage } from './coverage.js';
