/** The engine seam's public door: naming engines, loading modules, hosting them through either door. */
export type { CanonicalNode, CanonicalTree, EngineInstance, EngineModule, LogRecord, ServerMessage } from './protocol.js';
export type { EngineFailure, EngineFailureKind, EngineHost, EngineSpec, HostOptions, Observation } from './types.js';
export { resolveEngineSpec, otherDoor, bundledNames, mutantNames, serveModuleCommand } from './spec.js';
export { loadEngineModule } from './load-module.js';
export { openHost, DEFAULT_HOST_OPTIONS, type OpenHostOptions } from './open-host.js';
export { serveNdjson, serveMain, ServeError } from './serve.js';
export { splitCommandLine, joinCommandLine, quoteWord } from './shell-words.js';
export { SNAPSHOT_LINE } from './child-doc.js';
export { locateFailure } from './failure.js';
