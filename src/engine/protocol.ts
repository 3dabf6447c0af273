/**
 * The engine contract (docs/engine-protocol.md, docs/document-model.md): what an engine
 * receives and what it answers. Engines may `import type` from here; the harness never
 * imports an engine.
 */
import type { LogRecord } from '../oplog/types.js';

export type { LogRecord };

/** A node of the canonical tree; key order carries no meaning, child order does. */
export interface CanonicalNode {
  type: string;
  parent: string | null;
  children: string[];
  props: Record<string, unknown>;
  bounds: [number, number, number, number] | null;
}

/** The one JSON shape of snapshots, `load` records and exports. */
export interface CanonicalTree {
  seq: number;
  root: string;
  nodes: Record<string, CanonicalNode>;
}

/** A server message: `to` is sorted by UTF-16 code units. */
export interface ServerMessage {
  to: string[];
  kind: 'snapshot' | 'presence' | 'op' | 'nack' | string;
  [field: string]: unknown;
}

/** One document's engine, in-process door. `handle` is synchronous and deterministic. */
export interface EngineInstance {
  handle(record: LogRecord): ServerMessage[];
  snapshot(): CanonicalTree;
  close?(): void;
}

/** The default export of an in-process engine module. */
export interface EngineModule {
  name: string;
  create(doc: string): EngineInstance;
}
