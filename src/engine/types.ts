/**
 * The harness side of the engine seam: one interface over both doors (a module hosted in a
 * worker thread, or a child process speaking NDJSON). Failures are values, never throws.
 */

/** How the user named an engine: a bundled name, a module path, or `cmd:<command line>`. */
export type EngineSpec =
  | { door: 'module'; label: string; path: string }
  | { door: 'child'; label: string; command: string };

export type EngineFailureKind =
  | 'throw' // handle/snapshot threw (module door)
  | 'exit' // the child exited or the worker died before answering
  | 'garbage' // a line that is not JSON, or JSON of the wrong shape
  | 'wrong-count' // more lines than records were answered
  | 'hang' // silent past the per-record timeout
  | 'spawn'; // could not be started at all

/** What an engine did wrong, naming the record in flight. */
export interface EngineFailure {
  kind: EngineFailureKind;
  message: string;
  /** 0-based index, within the batch that was sent, of the record in flight; -1 for a snapshot. */
  index: number;
  /** The last lines the engine wrote to stderr (child door) or the stack (module door). */
  stderrTail: string;
}

/**
 * One observed answer (scientist's Observation): the engine's answer as JSON text, or its
 * failure, and how long it took. Text is compared first; it is parsed only when it differs.
 */
export type Observation =
  | { ok: true; text: string; ns: number }
  | { ok: false; failure: EngineFailure; ns: number };

/**
 * A running engine that can hold many documents. Each document has its own instance (module
 * door) or its own child (child door). Calls for one document are answered in order.
 */
export interface EngineHost {
  readonly label: string;
  /**
   * Feeds raw record lines of one document; resolves with one Observation per record, in
   * order. After a failure the list ends with that failure and the document is dead: later
   * calls for it answer the same failure without running anything.
   */
  handle(doc: string, lines: readonly string[]): Promise<Observation[]>;
  /** The document's canonical tree as JSON text. */
  snapshot(doc: string): Promise<Observation>;
  /**
   * Ends one document (close() on the instance, stdin closed on the child). Resolves with a
   * failure only when ending showed one that no earlier call could (the child wrote lines after
   * its last answer: 'wrong-count'; close() threw or hung); a non-zero exit status is only logged.
   */
  closeDoc(doc: string): Promise<EngineFailure | void>;
  /** Peak resident memory seen for this host in bytes, where measurable. */
  peakMemory(): number;
  dispose(): Promise<void>;
}

export interface HostOptions {
  /** Per-record silence after which the engine is declared hung. */
  timeoutMs: number;
  /** How many stderr lines to keep. */
  stderrLines: number;
}
