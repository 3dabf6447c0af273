/**
 * `replay()`: every log is validated, then streamed once; each selected document is replayed
 * into one pair of engine hosts (documents spread over --jobs pairs), compared record by record
 * and at tree checkpoints, and reported to the sink as it goes. Anything an engine does is a
 * value in the result; only a bad log (BadLogError) or a harness bug throws.
 */
import { formatIssue, readLog } from '../oplog/index.js';
import { DocumentRun } from './document.js';
import { disposePair, openPair, type HostPair, type PairOptions } from './hosts.js';
import { Judge } from './judge.js';
import { localize } from './localize.js';
import { DEFAULT_BATCH, DEFAULT_CHECKPOINT_BUDGET, DEFAULT_MAX_DIFFERENCES, type ReplayOptions } from './options.js';
import { planLogs, type LogPlan } from './plan.js';
import { defaultReproduceArgs } from './reproduce.js';
import { selector } from './select.js';
import { TimingRecorder } from './timing.js';
import type { Divergence, DocumentOutcome, ReplayResult, ReplaySink, ReplayTotals } from './types.js';

/** The result keeps this many divergences; the sink (the store) sees every one. */
const KEPT_DIVERGENCES = 10_000;
/** Documents finishing at once; beyond this the reader waits, bounding memory on many-docs logs. */
const MAX_OPEN_FINISHES = 64;
/** Steps queued on one document before the reader waits for them. */
const MAX_BACKLOG = 4;
/** Attempts at a document whose worker was killed by another document's hang. */
const MAX_ATTEMPTS = 3;
/**
 * Longest the reader runs without giving the event loop a turn. Inline engines answer in
 * microtasks, so without a turn a SIGINT would wait for the whole log; checking the clock per
 * record costs nanoseconds, a turn every 50 ms nothing measurable.
 */
const YIELD_EVERY_MS = 50;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class ReplayState {
  readonly divergences: Divergence[] = [];
  readonly documents: DocumentOutcome[] = [];
  readonly reference = new TimingRecorder();
  readonly candidate = new TimingRecorder();
  readonly totals: ReplayTotals = {
    logs: 0,
    documents: 0,
    records: 0,
    divergences: 0,
    byKind: {},
    byDisposition: {},
    resyncs: 0,
    skippedDocuments: 0,
    skippedLines: 0,
    droppedDivergences: 0,
    wallMs: 0,
  };

  constructor(readonly sink: ReplaySink, readonly totalRecords: number) {}

  emit(d: Divergence): void {
    const t = this.totals;
    if (d.disposition === 'divergence') t.divergences++;
    t.byKind[d.kind] = (t.byKind[d.kind] ?? 0) + 1;
    t.byDisposition[d.disposition] = (t.byDisposition[d.disposition] ?? 0) + 1;
    if (this.divergences.length < KEPT_DIVERGENCES) this.divergences.push(d);
    else t.droppedDivergences++;
    this.sink.onDivergence?.(d);
  }

  progress(records: number): void {
    this.totals.records += records;
    this.sink.onProgress?.({ records: this.totals.records, totalRecords: this.totalRecords });
  }

  done(run: DocumentRun, outcome: DocumentOutcome): void {
    this.totals.documents++;
    this.totals.resyncs += outcome.resyncs;
    this.reference.merge(run.referenceTiming);
    this.candidate.merge(run.candidateTiming);
    this.documents.push(outcome);
    this.sink.onDocumentDone?.(outcome);
  }
}

export async function replay(opts: ReplayOptions, sink: ReplaySink = {}): Promise<ReplayResult> {
  const started = performance.now();
  const plans = await planLogs(opts.logs, opts.skipBad);
  const select = selector(opts);
  let total = 0;
  for (const plan of plans) for (const [doc, records] of plan.documents) if (select(plan.file, doc) === 'run') total += records;
  const state = new ReplayState(sink, total);
  const judge = new Judge({
    ignore: opts.ignore,
    tolerances: opts.tolerances,
    maxDifferences: opts.maxDifferences ?? DEFAULT_MAX_DIFFERENCES,
    noise: opts.noise,
  });
  const pairOptions: PairOptions = {
    reference: opts.reference,
    candidate: opts.candidate,
    timeoutMs: opts.timeoutMs,
    inline: opts.inline === true,
    noise: opts.noise,
  };
  const pairs = await Promise.all(Array.from({ length: Math.max(1, opts.jobs) }, () => openPair(pairOptions)));
  let peaks = { reference: 0, candidate: 0 };
  try {
    const driver = new LogDriver(opts, pairs, pairOptions, judge, state, select);
    for (const plan of plans) await driver.run(plan);
    peaks = {
      reference: Math.max(...pairs.map((p) => p.reference.peakMemory())),
      candidate: Math.max(...pairs.map((p) => p.candidate.peakMemory())),
    };
  } finally {
    await Promise.all(pairs.map(disposePair));
  }
  const noise = judge.noiseCounts();
  if (opts.noise) sink.onNoise?.(noise);
  state.totals.wallMs = performance.now() - started;
  return {
    divergences: state.divergences,
    documents: state.documents,
    totals: state.totals,
    timings: {
      reference: state.reference.timing(pairs[0]!.reference.label, peaks.reference),
      candidate: state.candidate.timing(pairs[0]!.candidate.label, peaks.candidate),
    },
    noise,
  };
}

/** Streams one log at a time into document runs; the next log starts once this one's documents are done. */
class LogDriver {
  private nextPair = 0;
  private readonly prefix: string[];

  constructor(
    private readonly opts: ReplayOptions,
    private readonly pairs: HostPair[],
    private readonly pairOptions: PairOptions,
    private readonly judge: Judge,
    private readonly state: ReplayState,
    private readonly select: ReturnType<typeof selector>,
  ) {
    this.prefix = opts.reproduceArgs.length > 0 ? opts.reproduceArgs : defaultReproduceArgs(opts.reference, opts.candidate);
  }

  async run(plan: LogPlan): Promise<void> {
    const { state, opts } = this;
    state.totals.logs++;
    state.totals.skippedLines += plan.skippedLines;
    this.opts.logger?.debug({ log: plan.file, records: plan.records, documents: plan.documents.size }, 'replaying log');
    if (plan.skippedLines > 0) {
      this.opts.logger?.warn({ log: plan.file, skippedLines: plan.skippedLines, first: plan.skippedIssues.map(formatIssue) }, 'skipping bad lines (--skip-bad)');
    }
    state.sink.onLogStart?.({ log: plan.file, sha256: plan.sha256, records: plan.records, documents: plan.documents.size });
    const runs = new Map<string, DocumentRun>();
    const closed = new Set<string>();
    const finishing = new Set<Promise<void>>();
    // A harness bug inside a document run: kept here and thrown once the reader stops.
    let failure: { err: unknown } | undefined;
    const retries: Array<{ doc: string; suppressUntil: number }> = [];
    const finish = (doc: string, run: DocumentRun): void => {
      runs.delete(doc);
      closed.add(doc);
      const p: Promise<void> = run.finish().then(
        (outcome) => {
          finishing.delete(p);
          if (run.retry) retries.push({ doc, suppressUntil: run.comparedUpTo });
          else state.done(run, outcome);
        },
        (err: unknown) => {
          finishing.delete(p);
          failure ??= { err };
        },
      );
      finishing.add(p);
    };
    let lastTurn = performance.now();
    for await (const source of readLog(plan.file, { skipBad: opts.skipBad })) {
      if (performance.now() - lastTurn > YIELD_EVERY_MS) {
        await turn();
        lastTurn = performance.now();
      }
      const doc = source.record.doc;
      let run = runs.get(doc);
      if (run === undefined) {
        if (closed.has(doc)) continue;
        const chosen = this.select(plan.file, doc);
        if (chosen !== 'run') {
          if (chosen === 'resumed') state.totals.skippedDocuments++;
          closed.add(doc);
          continue;
        }
        run = this.open(plan, doc);
        runs.set(doc, run);
      }
      if (run.push(source)) finish(doc, run);
      else if (run.backlog > MAX_BACKLOG) await run.idle();
      if (run.error) failure ??= { err: run.error };
      if (finishing.size > MAX_OPEN_FINISHES) await Promise.race(finishing);
      if (failure) break;
    }
    // Documents with fewer records than validation counted (only possible with --skip-bad).
    for (const [doc, run] of [...runs]) finish(doc, run);
    await Promise.all(finishing);
    if (failure) throw failure.err;
    for (const r of retries) await this.retry(plan, r.doc, r.suppressUntil);
  }

  /** Replays one document again, alone, after a collateral failure; at most MAX_ATTEMPTS times. */
  private async retry(plan: LogPlan, doc: string, suppressUntil: number, attempt = 2): Promise<void> {
    this.opts.logger?.warn({ log: plan.file, doc, attempt }, 'document lost with a hung worker; replaying it again');
    const run = this.open(plan, doc, { suppressUntil, progress: false });
    for await (const source of readLog(plan.file, { skipBad: this.opts.skipBad })) {
      if (source.record.doc !== doc) continue;
      if (run.push(source)) break;
      if (run.backlog > MAX_BACKLOG) await run.idle();
    }
    const outcome = await run.finish();
    if (!run.retry) this.state.done(run, outcome);
    else if (attempt < MAX_ATTEMPTS) await this.retry(plan, doc, Math.max(suppressUntil, run.comparedUpTo), attempt + 1);
    else throw new Error(`document ${JSON.stringify(doc)} of ${plan.file} was lost with a hung worker ${MAX_ATTEMPTS} times`);
  }

  private open(plan: LogPlan, doc: string, again?: { suppressUntil: number; progress: boolean }): DocumentRun {
    const pair = this.pairs[this.nextPair++ % this.pairs.length]!;
    const { opts, judge, state } = this;
    const { noise: _noise, ...localPair } = this.pairOptions;
    return new DocumentRun({
      log: plan.file,
      doc,
      expected: plan.documents.get(doc) ?? Number.POSITIVE_INFINITY,
      pair,
      judge,
      checkpointEvery: opts.checkpointEvery,
      checkpointBudget: opts.checkpointBudget ?? DEFAULT_CHECKPOINT_BUDGET,
      stopOnFirst: opts.stopOnFirst,
      batchSize: opts.batchSize ?? DEFAULT_BATCH,
      reproducePrefix: this.prefix,
      emit: (d) => state.emit(d),
      // A retried document's records were already counted by its first attempt.
      progress: again?.progress === false ? () => undefined : (n) => state.progress(n),
      suppressUntil: again?.suppressUntil ?? 0,
      localize: (from, to, injections) =>
        localize({ file: plan.file, doc, from, to, injections, pair: localPair, judge, skipBad: opts.skipBad }),
    });
  }
}
