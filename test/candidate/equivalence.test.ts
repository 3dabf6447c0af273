/**
 * The candidate against the reference (N-version check): same records in, the same message
 * texts per record and the same final tree out — on every scenario of corpora/scenarios and on
 * random op logs aimed at the spec's corners.
 */
import { existsSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe as group, expect, it } from 'vitest';
import type { EngineModule, LogRecord } from '../../src/engine/protocol.js';
import candidate from '../../engines/candidate/index.js';
import { byDocument, describe, firstMismatch, readCorpus } from './drive.js';
import { steps, toRecord, type Step } from './workload.js';

const referencePath = new URL('../../engines/reference/index.ts', import.meta.url);
const hasReference = existsSync(referencePath);
const scenarioDir = new URL('../../corpora/scenarios/', import.meta.url);

async function loadReference(): Promise<EngineModule> {
  return ((await import(referencePath.href)) as { default: EngineModule }).default;
}

/** Records for `plan`, made against a live reference run so bases and loads are meaningful. */
function recordsFor(reference: EngineModule, plan: Step[]): LogRecord[] {
  const ref = reference.create('d');
  const cseqs = new Map<string, number>();
  const out: LogRecord[] = [];
  plan.forEach((s, i) => {
    const r = toRecord(s, i, cseqs, ref.snapshot().seq, () => ref.snapshot());
    out.push(r);
    ref.handle(structuredClone(r));
  });
  return out;
}

group.runIf(hasReference)('candidate vs reference', () => {
  it('agrees on every scenario in corpora/scenarios', async () => {
    const reference = await loadReference();
    const files = existsSync(scenarioDir)
      ? readdirSync(scenarioDir).filter((f) => /\.ndjson(\.gz)?$/.test(f)).sort()
      : [];
    for (const f of files) {
      for (const [doc, records] of byDocument(readCorpus(new URL(f, scenarioDir).pathname))) {
        const m = firstMismatch(reference, candidate, records, doc);
        expect(m === null ? null : `${f} doc ${doc}: ${describe(m)}`).toBeNull();
      }
    }
  });

  it('agrees on random op logs (several clients, lags, conflicts, bad payloads, loads)', async () => {
    const reference = await loadReference();
    fc.assert(
      fc.property(steps(60), (plan) => {
        const records = recordsFor(reference, plan);
        const m = firstMismatch(reference, candidate, records);
        if (m !== null) throw new Error(describe(m));
      }),
      { seed: 20261122, numRuns: 400 },
    );
  });
});
