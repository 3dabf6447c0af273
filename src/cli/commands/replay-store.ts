/**
 * The store side of `parity replay`. The run is begun (or resumed) only when the first log
 * starts, i.e. after every log validated: a bad log leaves the store as it was.
 */
import { docKey, engineHash, installInterruptHandler, Store, storeSink, StoreError, type StoreSink } from '../../store/index.js';
import type { Logger } from '../../log.js';
import type { ReplayOptions, ReplayResult, ReplaySink } from '../../replay/index.js';
import { UsageError } from '../exit.js';

export interface RunStore {
  /** null until the first log starts. */
  readonly runId: number | null;
  sink: ReplaySink;
  /** For --resume: documents the resumed run already completed. */
  skipDocument?: (log: string, doc: string) => boolean;
  finish(status: 'completed' | 'failed', result?: ReplayResult): void;
}

function usage<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    // A store that cannot be used as asked is the user's to fix (wrong path, busy, unknown run).
    if (err instanceof StoreError) throw new UsageError(err.message);
    throw err;
  }
}

/** `argv`: the arguments after `replay`, recorded with the run (default: the reproduce prefix). */
export function openRunStore(path: string, opts: ReplayOptions, resume: string | undefined, logger: Logger, argv?: string[]): RunStore {
  let resumeId: number | null = null;
  let done: Set<string> | null = null;
  let store: Store | null = null;
  if (resume !== undefined) {
    resumeId = Number(resume);
    if (!Number.isInteger(resumeId) || resumeId < 1) throw new UsageError(`--resume must be a run id, got "${resume}"`);
    store = usage(() => Store.open(path));
    const id = resumeId;
    done = usage(() => store!.completedDocuments(id));
  }
  let runId: number | null = null;
  let sink: StoreSink | null = null;
  let removeInterrupt: () => void = () => undefined;
  const begin = (): StoreSink => {
    if (sink) return sink;
    store ??= usage(() => Store.open(path, { create: true }));
    const s = store;
    if (resumeId !== null) {
      const id = resumeId;
      usage(() => s.resumeRun(id));
      runId = id;
    } else {
      runId = s.beginRun({
        argv: argv ? ['parity', 'replay', ...argv] : opts.reproduceArgs,
        reference: opts.reference.label,
        candidate: opts.candidate.label,
        referenceHash: engineHash(opts.reference),
        candidateHash: engineHash(opts.candidate),
        shard: opts.shard ? `${opts.shard.k}/${opts.shard.n}` : null,
      });
    }
    logger.debug({ store: path, runId }, 'run recorded');
    sink = storeSink(s, runId);
    const current = sink;
    removeInterrupt = installInterruptHandler(s, runId, () => current.flush());
    return sink;
  };
  return {
    get runId() {
      return runId;
    },
    sink: {
      onLogStart: (info) => begin().onLogStart?.(info),
      onDivergence: (d) => begin().onDivergence?.(d),
      onDocumentDone: (o) => begin().onDocumentDone?.(o),
      onNoise: (c) => begin().onNoise?.(c),
    },
    ...(done ? { skipDocument: (log: string, doc: string) => done.has(docKey(log, doc)) } : {}),
    finish(status, result) {
      removeInterrupt();
      // A run that never started (a bad log) leaves no trace.
      if (sink) sink.finish(status, result);
      store?.close();
    },
  };
}
