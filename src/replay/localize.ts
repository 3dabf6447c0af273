/**
 * Finding the exact first record of a tree divergence seen at a checkpoint. Engines are
 * deterministic, so fresh hosts replay the document from its start (with the same resync
 * loads at the same places) up to the last point where the trees agreed, then step one record
 * at a time, comparing snapshots, until the trees part. Cost: one more pass over the document's
 * prefix, plus two snapshots per record between the last agreeing point and the checkpoint.
 */
import { readLog } from '../oplog/index.js';
import type { EngineHost, Observation } from '../engine/types.js';
import type { SourcedRecord } from '../oplog/types.js';
import type { Injection, Localized } from './document.js';
import { disposePair, openPair, type PairOptions } from './hosts.js';
import type { Judge } from './judge.js';

export interface LocalizeRequest {
  file: string;
  doc: string;
  /** The trees agreed after this many records of the document. */
  from: number;
  /** ...and differed after this many. */
  to: number;
  injections: readonly Injection[];
  pair: Omit<PairOptions, 'noise'>;
  judge: Judge;
  skipBad: boolean;
}

const PREFIX_BATCH = 1024;

async function feed(hosts: EngineHost[], doc: string, lines: string[]): Promise<boolean> {
  if (lines.length === 0) return true;
  const answers = await Promise.all(hosts.map((h) => h.handle(doc, lines)));
  return answers.every((list) => list.length === lines.length && list.every((o) => o.ok));
}

export async function localize(req: LocalizeRequest): Promise<Localized | null> {
  if (req.to <= req.from) return null;
  const pair = await openPair({ ...req.pair, noise: false });
  const hosts = [pair.reference, pair.candidate];
  const after = new Map<number, string[]>();
  for (const inj of req.injections) after.set(inj.after, [...(after.get(inj.after) ?? []), inj.line]);
  try {
    let k = 0;
    let prefix: string[] = [];
    for await (const source of readLog(req.file, { skipBad: req.skipBad })) {
      if (source.record.doc !== req.doc) continue;
      k++;
      if (k <= req.from) {
        prefix.push(source.raw, ...(after.get(k) ?? []));
        if (prefix.length >= PREFIX_BATCH) {
          if (!(await feed(hosts, req.doc, prefix))) return null;
          prefix = [];
        }
        continue;
      }
      if (!(await feed(hosts, req.doc, prefix))) return null;
      prefix = [];
      const found = await step(pair.reference, pair.candidate, req, source, k);
      if (found === 'failed') return null;
      if (found) return found;
      if (!(await feed(hosts, req.doc, after.get(k) ?? []))) return null;
      if (k >= req.to) return null;
    }
    return null;
  } finally {
    await disposePair(pair);
  }
}

/** One record into both engines, then both trees: a Localized when they now differ; 'failed' if an engine did. */
async function step(reference: EngineHost, candidate: EngineHost, req: LocalizeRequest, source: SourcedRecord, k: number): Promise<Localized | null | 'failed'> {
  if (!(await feed([reference, candidate], req.doc, [source.raw]))) return 'failed';
  const [r, c]: Observation[] = await Promise.all([reference.snapshot(req.doc), candidate.snapshot(req.doc)]);
  if (!r!.ok || !c!.ok) return 'failed';
  const judged = req.judge.judge('tree', r!.text, c!.text);
  if (!judged || judged.disposition !== 'divergence') return null;
  return { source, docRecord: k, judged };
}
