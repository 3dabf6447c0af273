/**
 * Candidate vs reference on generated workloads (src/generate profiles big-doc, hot-doc,
 * many-docs), at small sizes and fixed seeds: the same message texts per record and the same
 * final tree for every document.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import candidate from '../../engines/candidate/index.js';
import type { EngineModule, LogRecord } from '../../src/engine/protocol.js';
import { generateProfile, type ProfileName, type ProfileOptions } from '../../src/generate/index.js';
import { byDocument, describe as explain, firstMismatch } from './drive.js';

const referencePath = new URL('../../engines/reference/index.ts', import.meta.url);

const CASES: Array<[ProfileName, ProfileOptions]> = [
  ['big-doc', { seed: 1, nodes: 2_000, ops: 4_000, clients: 8 }],
  ['hot-doc', { seed: 2, nodes: 60, ops: 4_000, clients: 40 }],
  ['many-docs', { seed: 3, nodes: 20, ops: 4_000, clients: 4, docs: 40 }],
];

describe.runIf(existsSync(referencePath))('candidate vs reference on generated profiles', () => {
  for (const [name, opts] of CASES) {
    it(`agrees on ${name} ${JSON.stringify(opts)}`, async () => {
      const reference = ((await import(referencePath.href)) as { default: EngineModule }).default;
      const records: LogRecord[] = [...generateProfile(name, opts)];
      expect(records.length).toBeGreaterThan(opts.ops ?? 0);
      for (const [doc, docRecords] of byDocument(records)) {
        const m = firstMismatch(reference, candidate, docRecords, doc);
        expect(m === null ? null : `${name} doc ${doc}: ${explain(m)}`).toBeNull();
      }
    });
  }
});
