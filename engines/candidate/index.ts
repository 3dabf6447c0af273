/**
 * The candidate engine, optimized for throughput and memory (README.md). The default export is
 * the engine module the harness loads; `createCandidate` builds variants with replaced hooks.
 */
import { createCandidate } from './engine.js';

export { createCandidate, CandidateDocument, HOOK_NAMES, type Hooks, type HookName } from './engine.js';

const candidate = createCandidate();
export default candidate;
