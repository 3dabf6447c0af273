/**
 * Runs a scenario log through the reference engine: one engine instance per document, every
 * record's messages in order, and each document's final canonical tree. Shared by the golden
 * regeneration script and the scenario tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import reference from '../../engines/reference/index.js';
import type { CanonicalTree, EngineInstance, ServerMessage } from '../../src/engine/protocol.js';
import type { LogRecord } from '../../src/oplog/types.js';

export const SCENARIO_DIR = new URL('../../corpora/scenarios/', import.meta.url);

export interface Step {
  /** 1-based ordinal among the log's records (the header is not counted). */
  n: number;
  doc: string;
  kind: string;
  messages: ServerMessage[];
}

export interface Outcome {
  note: string;
  steps: Step[];
  trees: Record<string, CanonicalTree>;
}

/** The scenario logs, sorted by name (`NN-name.ndjson`). */
export function scenarioNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.ndjson'))
    .map((f) => f.slice(0, -'.ndjson'.length))
    .sort();
}

export function readScenario(name: string): { note: string; records: LogRecord[] } {
  const lines = readFileSync(new URL(`${name}.ndjson`, SCENARIO_DIR), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = JSON.parse(lines[0]!) as { oplog?: number; note?: string };
  if (header.oplog !== 1) throw new Error(`${name}.ndjson:1: the first line must be the {"oplog":1} header`);
  return { note: header.note ?? '', records: lines.slice(1).map((l) => JSON.parse(l) as LogRecord) };
}

export function runScenario(name: string): Outcome {
  const { note, records } = readScenario(name);
  const engines = new Map<string, EngineInstance>();
  const steps = records.map((record, i): Step => {
    let engine = engines.get(record.doc);
    if (engine === undefined) engines.set(record.doc, (engine = reference.create(record.doc)));
    return { n: i + 1, doc: record.doc, kind: record.kind, messages: engine.handle(record) };
  });
  const trees: Record<string, CanonicalTree> = {};
  for (const [doc, engine] of engines) trees[doc] = engine.snapshot();
  return { note, steps, trees };
}

/** The golden file text: stable, one step per line so a diff points at the record. */
export function goldenText(outcome: Outcome): string {
  const steps = outcome.steps.map((s) => '    ' + JSON.stringify(s)).join(',\n');
  const trees = Object.entries(outcome.trees).map(([doc, tree]) => `    ${JSON.stringify(doc)}: ${JSON.stringify(tree)}`).join(',\n');
  return `{\n  "note": ${JSON.stringify(outcome.note)},\n  "steps": [\n${steps}\n  ],\n  "trees": {\n${trees}\n  }\n}\n`;
}
