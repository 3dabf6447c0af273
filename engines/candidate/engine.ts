/**
 * The candidate engine as a factory. `createCandidate()` is the engine itself;
 * `createCandidate({ ...hooks })` makes a variant in which some hook methods of
 * CandidateDocument are replaced — how mutants (each with one realistic bug) are built without
 * copying the engine. A hook runs with `this` bound to the document, so it can call the
 * original through `CandidateDocument.prototype.<hook>.call(this, ...)`.
 */
import type { EngineInstance, EngineModule } from '../../src/engine/protocol.js';
import { CandidateDocument, type DocumentOptions } from './document.js';

/** The replaceable methods of a document (README.md lists what each decides). */
export const HOOK_NAMES = [
  'connectClient', 'othersOf', 'everyone', 'isDuplicate',
  'applyCreate', 'applySet', 'applyDelete', 'applyMove', 'liveSlot',
  'transformIndex', 'constrainChild', 'propagate', 'ownRect', 'load',
] as const;

export type HookName = (typeof HOOK_NAMES)[number];

export type Hooks = { [K in HookName]: CandidateDocument[K] } & ThisType<CandidateDocument>;

export interface CandidateOptions extends Partial<DocumentOptions> {
  /** Shown in reports; 'candidate' by default. */
  name?: string;
}

export const DEFAULT_MAX_BLOCK = 256;

export function createCandidate(overrides: Partial<Hooks> = {}, options: CandidateOptions = {}): EngineModule {
  const docOptions: DocumentOptions = { maxBlock: options.maxBlock ?? DEFAULT_MAX_BLOCK };
  let Doc: typeof CandidateDocument = CandidateDocument;
  const names = Object.keys(overrides) as HookName[];
  if (names.length > 0) {
    for (const n of names) {
      if (!(HOOK_NAMES as readonly string[]).includes(n)) throw new Error(`createCandidate: unknown hook "${n}"`);
    }
    // A subclass per variant keeps the hooks on a prototype, so calls stay monomorphic.
    Doc = class Variant extends CandidateDocument {};
    Object.assign(Doc.prototype, overrides);
  }
  return {
    name: options.name ?? 'candidate',
    create(doc: string): EngineInstance {
      return new Doc(doc, docOptions);
    },
  };
}

export { CandidateDocument };
