/**
 * Finding the exact first record of a tree divergence seen at a checkpoint. Engines are
 * deterministic, so fresh hosts replay the document from its start (with the same resync loads
 * at the same places) and compare trees at chosen records until the first record after which
 * they differ is pinned down.
 *
 * A narrow window is stepped one record at a time (two snapshots per record). A wide one — a big
 * tree skips periodic checkpoints, so the window can be a whole 100,000-record document, and one
 * snapshot of a 50,000-node tree takes a large fraction of a second — is first narrowed by galloping:
 * compare after 1, 2, 4, 8, ... more records on one pair of hosts; the first chunk whose end
 * differs holds the record, and the next round starts on fresh hosts at that chunk's start. Each
 * round at least halves the window, so a window of W records costs about log2(W) rounds of
 * log2(W) snapshots each, instead of W.
 */
import { readLog } from '../oplog/index.js';
import type { EngineHost, Observation } from '../engine/types.js';
import type { SourcedRecord } from '../oplog/types.js';
import type { Injection, Localized } from './document.js';
import { disposePair, openPair, type PairOptions } from './hosts.js';
import type { Judge, Judged } from './judge.js';

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
/** Windows at most this wide are stepped record by record; wider ones are galloped first. */
export const LINEAR_WINDOW = 16;

export async function localize(req: LocalizeRequest): Promise<Localized | null> {
  let lo = req.from;
  let hi = req.to;
  while (hi - lo > LINEAR_WINDOW) {
    const narrowed = await withCursor(req, (cursor) => gallop(cursor, lo, hi));
    if (narrowed === null) return null;
    if ('source' in narrowed) return narrowed;
    [lo, hi] = narrowed;
  }
  return withCursor(req, (cursor) => walk(cursor, lo, hi));
}

/** Records lo+1 .. hi one at a time: the first after which the trees differ. */
async function walk(cursor: Cursor, lo: number, hi: number): Promise<Localized | null> {
  if (!(await cursor.advanceTo(lo))) return null;
  for (let k = lo + 1; k <= hi; k++) {
    if (!(await cursor.advanceTo(k))) return null;
    const judged = await cursor.compare();
    if (judged === 'failed') return null;
    if (judged !== null) return { source: cursor.source!, docRecord: k, judged };
  }
  return null;
}

/**
 * Compares after lo+1, lo+3, lo+7, ... (capped at hi): the narrower window [agreed, parted], or
 * the Localized record when a one-record chunk parted, or null when an engine failed or the
 * trees never part (they did at hi before: then the engines are not deterministic).
 */
async function gallop(cursor: Cursor, lo: number, hi: number): Promise<[number, number] | Localized | null> {
  if (!(await cursor.advanceTo(lo))) return null;
  let agreed = lo;
  for (let chunk = 1; agreed < hi; chunk *= 2) {
    const end = Math.min(hi, agreed + chunk);
    if (!(await cursor.advanceTo(end))) return null;
    const judged = await cursor.compare();
    if (judged === 'failed') return null;
    if (judged !== null) return end - agreed === 1 ? { source: cursor.source!, docRecord: end, judged } : [agreed, end];
    agreed = end;
  }
  return null;
}

async function withCursor<T>(req: LocalizeRequest, body: (cursor: Cursor) => Promise<T>): Promise<T> {
  const pair = await openPair({ ...req.pair, noise: false });
  const cursor = new Cursor(req, pair.reference, pair.candidate);
  try {
    return await body(cursor);
  } finally {
    await cursor.close();
    await disposePair(pair);
  }
}

/** One pair of fresh hosts moving forward through the document, resync loads included. */
class Cursor {
  /** Records of the document fed so far. */
  private k = 0;
  /** The record the cursor stands on (the k-th). */
  source: SourcedRecord | null = null;
  private readonly after = new Map<number, string[]>();
  private readonly records: AsyncIterator<SourcedRecord>;

  constructor(
    private readonly req: LocalizeRequest,
    private readonly reference: EngineHost,
    private readonly candidate: EngineHost,
  ) {
    for (const inj of req.injections) this.after.set(inj.after, [...(this.after.get(inj.after) ?? []), inj.line]);
    this.records = readLog(req.file, { skipBad: req.skipBad })[Symbol.asyncIterator]();
  }

  /** Feeds records (and the loads injected after them) until `target` records are in; false if an engine failed or the log ended. */
  async advanceTo(target: number): Promise<boolean> {
    let lines: string[] = [];
    while (this.k < target) {
      const next = await this.records.next();
      if (next.done === true) return false;
      if (next.value.record.doc !== this.req.doc) continue;
      this.k++;
      this.source = next.value;
      lines.push(next.value.raw, ...(this.after.get(this.k) ?? []));
      if (lines.length >= PREFIX_BATCH) {
        if (!(await this.feed(lines))) return false;
        lines = [];
      }
    }
    return this.feed(lines);
  }

  /** Both trees now: the judged difference when they part, null when they agree, 'failed' if an engine did. */
  async compare(): Promise<Judged | null | 'failed'> {
    const [r, c]: Observation[] = await Promise.all([this.reference.snapshot(this.req.doc), this.candidate.snapshot(this.req.doc)]);
    if (!r!.ok || !c!.ok) return 'failed';
    const judged = this.req.judge.judge('tree', r!.text, c!.text);
    return judged && judged.disposition === 'divergence' ? judged : null;
  }

  async close(): Promise<void> {
    await this.records.return?.();
  }

  private async feed(lines: string[]): Promise<boolean> {
    if (lines.length === 0) return true;
    const answers = await Promise.all([this.reference, this.candidate].map((h) => h.handle(this.req.doc, lines)));
    return answers.every((list) => list.length === lines.length && list.every((o) => o.ok));
  }
}
