/**
 * One document replayed into both engines of a host pair: batching, the comparison of every
 * record's messages, tree checkpoints, resync after a divergence, and the document's outcome.
 * Calls for one document are queued on one promise chain, so they reach the engines in order.
 */
import { snapshotTreePath } from '../compare/index.js';
import type { EngineFailure, Observation } from '../engine/types.js';
import type { SourcedRecord } from '../oplog/types.js';
import { BatchSizer } from './batches.js';
import { differenceDivergence, failureDivergence, type Place } from './divergence.js';
import type { HostPair } from './hosts.js';
import type { Judge, Judged } from './judge.js';
import { reproduceCommand } from './reproduce.js';
import { TimingRecorder } from './timing.js';
import type { Divergence, DocumentOutcome } from './types.js';

/** A resync `load` sent to both engines after the document's `after`-th record. */
export interface Injection {
  after: number;
  line: string;
}

/** What a tree divergence localizes to: the first record after which the trees differ. */
export interface Localized {
  source: SourcedRecord;
  docRecord: number;
  judged: Judged;
}

/** Everything a document run needs from the replay around it. */
export interface DocumentContext {
  log: string;
  doc: string;
  /** Records of this document in the log (from validation); it finishes when they are all in. */
  expected: number;
  pair: HostPair;
  judge: Judge;
  checkpointEvery: number;
  /** Skip a periodic checkpoint while snapshots cost more than this fraction of record time (0: never skip). */
  checkpointBudget: number;
  stopOnFirst: boolean;
  batchSize: number;
  reproducePrefix: readonly string[];
  emit(d: Divergence): void;
  progress(records: number): void;
  localize(from: number, to: number, injections: readonly Injection[]): Promise<Localized | null>;
  /** A retried document: divergences detected up to here were already reported by the first attempt. */
  suppressUntil: number;
}

/**
 * A worker that hangs on one document is terminated with every document it held; those others
 * did nothing wrong, so their failure is collateral and the document is replayed again.
 */
export function isCollateral(failure: EngineFailure, doc: string): boolean {
  if (failure.kind !== 'exit') return false;
  const m = /after document "([\s\S]*)" hung/.exec(failure.message);
  return m !== null && m[1] !== doc;
}

interface Batch {
  records: SourcedRecord[];
  /** docRecord of the batch's last record. */
  endsAt: number;
  checkpoint: boolean;
}

interface Issued {
  batch: Batch;
  answers: Promise<[Observation[], Observation[], Observation[] | null]>;
  trees: Promise<[Observation, Observation, Observation | null]> | null;
}

export function loadLine(doc: string, treeText: string): string {
  return `{"doc":${JSON.stringify(doc)},"kind":"load","tree":${treeText}}`;
}

/** Keeps a rejected promise from being reported as unhandled while it waits in the window. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * A difference inside a `snapshot` message's tree shows state that may have parted records
 * earlier, silently (ops whose broadcasts agreed): such a divergence is localized like a tree one.
 */
function revealsTree(judged: Judged): boolean {
  return judged.disposition === 'divergence' && judged.differences.some((d) => d.disposition === 'divergence' && snapshotTreePath(d.path) !== null);
}

/** Adds a batch's per-record times to a recorder; returns their sum. Snapshot failures are not records. */
function record(timing: TimingRecorder, answers: Observation[]): number {
  let sum = 0;
  for (const o of answers) {
    if (!o.ok && o.failure.index < 0) continue;
    timing.add(o.ns);
    sum += o.ns;
  }
  return sum;
}

export class DocumentRun {
  private seen = 0;
  private issuedUpTo = 0;
  private pending: SourcedRecord[] = [];
  /** The document's latest record: where a final checkpoint of an empty batch points. */
  private latest: SourcedRecord | null = null;
  private limit = 0;
  private readonly sizer: BatchSizer;
  private readonly window: Issued[] = [];
  private chain: Promise<void> = Promise.resolve();
  private finished = false;
  /** No more engine calls: an engine failed, or --stop-on-first stopped the document. */
  private dead = false;
  private status: DocumentOutcome['status'] = 'ok';
  private divergences = 0;
  private resyncs = 0;
  /** Records up to here were answered by a candidate that had already parted: not compared. */
  private shadowUntil = 0;
  /** The trees are known to agree after this many records (a checkpoint or a resync). */
  private lastAgreed = 0;
  private firstReported = false;
  private readonly injections: Injection[] = [];
  readonly referenceTiming = new TimingRecorder(8192);
  readonly candidateTiming = new TimingRecorder(8192);
  error: unknown = null;
  private queued = 0;
  /** Set when an engine failure was collateral damage: the driver replays the document again. */
  retry = false;
  /** The document's records compared so far (for a retry's suppressUntil). */
  comparedUpTo = 0;
  /** Engine time so far on records and on checkpoint snapshots (the slower engine of each call). */
  private recordNs = 0;
  private snapshotNs = 0;

  constructor(private readonly ctx: DocumentContext) {
    this.sizer = new BatchSizer(ctx.batchSize);
  }

  get done(): boolean {
    return this.finished;
  }

  /** Takes the document's next record; true when it was the last one expected. */
  push(source: SourcedRecord): boolean {
    if (this.pending.length === 0) this.limit = this.sizer.next(this.seen, this.ctx.checkpointEvery);
    this.pending.push(source);
    this.latest = source;
    this.seen++;
    const last = this.seen >= this.ctx.expected;
    if (!last && this.pending.length >= this.limit) this.flush(false);
    return last;
  }

  /** Flushes what is left with a final checkpoint; resolves with the outcome once all is settled. */
  finish(): Promise<DocumentOutcome> {
    this.finished = true;
    this.flush(true);
    return this.enqueue(async () => {
      while (this.window.length > 0) await this.settle(this.window.shift()!);
      await Promise.all([this.ctx.pair.reference.closeDoc(this.ctx.doc), this.ctx.pair.candidate.closeDoc(this.ctx.doc), this.ctx.pair.noise?.closeDoc(this.ctx.doc)]);
    }).then(() => {
      if (this.error) throw this.error;
      return this.outcome();
    });
  }

  /** Steps queued on this document's chain and not yet run: the reader waits when it grows. */
  get backlog(): number {
    return this.queued;
  }

  /** Resolves when every queued step has run. */
  idle(): Promise<void> {
    return this.chain;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queued++;
    this.chain = this.chain.then(async () => {
      try {
        if (!this.error) await step();
      } catch (err) {
        this.error = err;
      } finally {
        this.queued--;
      }
    });
    return this.chain;
  }

  private flush(final: boolean): void {
    const records = this.pending;
    this.pending = [];
    if (records.length === 0 && !final) return;
    const endsAt = this.seen;
    const every = this.ctx.checkpointEvery;
    const due = every > 0 && endsAt % every === 0 && records.length > 0;
    const batch: Batch = { records, endsAt, checkpoint: final || (due && this.affordable()) };
    this.enqueue(async () => {
      if (this.dead) {
        this.ctx.progress(records.length);
        return;
      }
      this.window.push(this.issue(batch));
      // Full-size batches are pipelined one deep: the engines work on the next batch while
      // this thread compares the previous one.
      const depth = this.sizer.steady ? 2 : 1;
      while (this.window.length >= depth) await this.settle(this.window.shift()!);
    });
  }

  /**
   * Snapshots of a big tree cost far more than records: on a 100,000-node document a checkpoint
   * every 1000 records would dominate the run. Periodic checkpoints are skipped while snapshots
   * have cost more than the budgeted fraction of the engines' record time; the one at the
   * document's end is always taken. Localization pays for the longer gaps only on a divergence.
   */
  private affordable(): boolean {
    const budget = this.ctx.checkpointBudget;
    return budget <= 0 || this.snapshotNs <= budget * this.recordNs;
  }

  /** Starts the engine calls for a batch; they run while earlier batches are being compared. */
  private issue(batch: Batch): Issued {
    const { pair, doc } = this.ctx;
    const lines = batch.records.map((r) => r.raw);
    const answers = quiet(
      Promise.all([pair.reference.handle(doc, lines), pair.candidate.handle(doc, lines), pair.noise ? pair.noise.handle(doc, lines) : Promise.resolve(null)]),
    );
    const trees = batch.checkpoint
      ? quiet(Promise.all([pair.reference.snapshot(doc), pair.candidate.snapshot(doc), pair.noise ? pair.noise.snapshot(doc) : Promise.resolve(null)]))
      : null;
    this.issuedUpTo = batch.endsAt;
    return { batch, answers, trees };
  }

  private place(source: SourcedRecord, docRecord: number, detectedAt: number): Place {
    const first = !this.firstReported;
    return { source, docRecord, detectedAt, reproduce: reproduceCommand(this.ctx.reproducePrefix, this.ctx.log, this.ctx.doc, first) };
  }

  private report(d: Divergence): void {
    if (d.disposition === 'divergence') {
      this.firstReported = true;
      this.divergences++;
    }
    if (d.detectedAt > this.ctx.suppressUntil) this.ctx.emit(d);
  }

  private async settle(issued: Issued): Promise<void> {
    const { batch } = issued;
    const [ref, cand, noise] = await issued.answers;
    const trees = issued.trees ? await issued.trees : null;
    this.recordNs += Math.max(record(this.referenceTiming, ref), record(this.candidateTiming, cand));
    if (trees) this.snapshotNs += Math.max(trees[0].ns, trees[1].ns);
    this.ctx.progress(batch.records.length);
    if (this.dead) return;
    const start = batch.endsAt - batch.records.length;
    let comparing = batch.endsAt > this.shadowUntil;
    for (let i = 0; i < batch.records.length; i++) {
      const r = ref[i];
      const c = cand[i];
      const docRecord = start + i + 1;
      if (!r || !c || !r.ok || !c.ok) {
        this.engineFailed(batch.records[i]!, docRecord, batch.endsAt, r, c);
        return;
      }
      this.comparedUpTo = docRecord - 1;
      if (!comparing || docRecord <= this.shadowUntil) continue;
      const n = noise?.[i];
      if (n && n.ok) this.ctx.judge.observeNoise('messages', r.text, n.text);
      const judged = this.ctx.judge.judge('messages', r.text, c.text);
      if (!judged) continue;
      const earlier = revealsTree(judged) ? await this.ctx.localize(this.lastAgreed, docRecord - 1, this.injections) : null;
      if (earlier) this.report(differenceDivergence(this.place(earlier.source, earlier.docRecord, docRecord), 'tree', earlier.judged));
      else this.report(differenceDivergence(this.place(batch.records[i]!, docRecord, docRecord), 'messages', judged));
      if (judged.disposition !== 'divergence') continue;
      comparing = false;
      await this.afterDivergence(batch.records[i]!, docRecord);
      if (this.dead) return;
    }
    this.comparedUpTo = batch.endsAt - 1;
    if (trees && comparing && batch.endsAt > this.shadowUntil) await this.checkpoint(batch, trees);
    if (!this.dead) this.comparedUpTo = batch.endsAt;
  }

  private async checkpoint(batch: Batch, [ref, cand, noise]: [Observation, Observation, Observation | null]): Promise<void> {
    const last = batch.records[batch.records.length - 1] ?? this.latest ?? undefined;
    if (!ref.ok || !cand.ok) {
      if (last) this.engineFailed(last, batch.endsAt, batch.endsAt, ref, cand);
      else this.dead = true;
      return;
    }
    if (noise && noise.ok) this.ctx.judge.observeNoise('tree', ref.text, noise.text);
    const judged = this.ctx.judge.judge('tree', ref.text, cand.text);
    if (!judged) {
      this.lastAgreed = batch.endsAt;
      return;
    }
    if (!last) return;
    if (judged.disposition !== 'divergence') {
      // Ignored, noisy or accepted differences are kept but not worth the cost of localizing.
      this.report(differenceDivergence(this.place(last, batch.endsAt, batch.endsAt), 'tree', judged));
      this.lastAgreed = batch.endsAt;
      return;
    }
    const found = await this.ctx.localize(this.lastAgreed, batch.endsAt, this.injections);
    const d = found
      ? differenceDivergence(this.place(found.source, found.docRecord, batch.endsAt), 'tree', found.judged)
      : differenceDivergence(this.place(last, batch.endsAt, batch.endsAt), 'tree', judged);
    this.report(d);
    await this.afterDivergence(last, batch.endsAt);
  }

  /** Default: resync from the reference's tree; --stop-on-first: the document ends here. */
  private async afterDivergence(source: SourcedRecord, docRecord: number): Promise<void> {
    this.status = 'diverged';
    this.sizer.restart();
    this.limit = Math.min(this.limit, 1);
    if (this.ctx.stopOnFirst) {
      this.status = 'stopped';
      this.dead = true;
      return;
    }
    const { pair, doc } = this.ctx;
    // The snapshot is queued behind every batch already issued: it is the tree after them.
    const tree = await pair.reference.snapshot(doc);
    if (!tree.ok) {
      this.engineFailed(source, docRecord, this.issuedUpTo, tree, undefined);
      return;
    }
    const line = loadLine(doc, tree.text);
    const [r, c] = await Promise.all([pair.reference.handle(doc, [line]), pair.candidate.handle(doc, [line]), pair.noise?.handle(doc, [line])]);
    const failedR = r.find((o) => !o.ok);
    const failedC = c.find((o) => !o.ok);
    if (failedR || failedC) {
      this.engineFailed(source, docRecord, this.issuedUpTo, failedR, failedC);
      return;
    }
    this.resyncs++;
    this.injections.push({ after: this.issuedUpTo, line });
    this.shadowUntil = this.issuedUpTo;
    this.lastAgreed = this.issuedUpTo;
  }

  /** An engine failure ends the document; both sides are reported if both failed. */
  private engineFailed(source: SourcedRecord, docRecord: number, detectedAt: number, r: Observation | undefined, c: Observation | undefined): void {
    this.dead = true;
    if ([r, c].some((o) => o && !o.ok && isCollateral(o.failure, this.ctx.doc))) {
      this.retry = true;
      return;
    }
    this.status = 'failed';
    const place = this.place(source, docRecord, detectedAt);
    const fail = (o: Observation | undefined): EngineFailure | null =>
      o === undefined ? null : o.ok ? null : o.failure;
    const rf = fail(r);
    const cf = fail(c);
    const okText = (o: Observation | undefined) => (o && o.ok ? { text: o.text } : null);
    if (rf) this.report(failureDivergence(place, 'reference', rf, okText(c)));
    if (cf) this.report(failureDivergence(this.place(source, docRecord, detectedAt), 'candidate', cf, okText(r)));
    if (!rf && !cf) {
      // A list that ended early without a failure breaks the host contract: say so rather than guess.
      const missing: EngineFailure = { kind: 'wrong-count', message: 'answered fewer records than were sent', index: -1, stderrTail: '' };
      this.report(failureDivergence(place, r ? 'candidate' : 'reference', missing, null));
    }
  }

  private outcome(): DocumentOutcome {
    const { pair } = this.ctx;
    return {
      log: this.ctx.log,
      doc: this.ctx.doc,
      records: this.seen,
      divergences: this.divergences,
      status: this.status,
      resyncs: this.resyncs,
      reference: this.referenceTiming.timing(pair.reference.label, pair.reference.peakMemory()),
      candidate: this.candidateTiming.timing(pair.candidate.label, pair.candidate.peakMemory()),
    };
  }
}
