/**
 * The streaming log reader: one SourcedRecord at a time, in memory bounded by the largest line
 * (plus one set of document ids, needed to tell whether a `load` is a document's first record).
 */
import type { LogHeader, LogIssue, SourcedRecord } from './types.js';
import { LogError } from './errors.js';
import { parseLine } from './envelope.js';
import { isBlank, LineSplitter } from './lines.js';
import { bytesOf, StreamCorrupt } from './source.js';

export interface ReadOptions {
  /** Skip lines with envelope errors (reporting each through onIssue) instead of throwing. */
  skipBad?: boolean;
  onIssue?: (issue: LogIssue) => void;
}

/** What the line-level pass saw; validateLog reads it, readLog ignores it. */
export interface ScanEvents {
  onRaw?: (chunk: Buffer) => void;
  onHeader?: (header: LogHeader) => void;
  onIssue?: (issue: LogIssue) => void;
  /** Called once at the end with the number of physical lines. */
  onEnd?: (lines: number) => void;
}

/**
 * Turns lines into records and issues, keeping the few facts the rules need across lines:
 * whether a non-blank line was seen (header position) and which documents have records (load rule).
 */
class EnvelopeState {
  private seenContent = false;
  private readonly docs = new Set<string>();
  records = 0;

  constructor(private readonly file: string) {}

  line(text: string, line: number, out: SourcedRecord[], issue: (i: LogIssue) => void, header: (h: LogHeader) => void): void {
    // Editors on some systems start UTF-8 files with a byte-order mark; it is not content.
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (isBlank(text)) return;
    const first = !this.seenContent;
    this.seenContent = true;
    const parsed = parseLine(text, first);
    if (parsed.tag === 'header') return header(parsed.header);
    if (parsed.tag === 'error') return issue({ file: this.file, line, message: parsed.message });
    const record = parsed.record;
    if (record.kind === 'load' && this.docs.has(record.doc)) {
      return issue({ file: this.file, line, message: `a "load" must be the first record of its document, got a load of "${record.doc}" after earlier records` });
    }
    this.docs.add(record.doc);
    out.push({ record, raw: text, file: this.file, line, n: ++this.records });
  }
}

/**
 * Reads a log in batches (one per decoded chunk): the shared engine of readLog and validateLog.
 * Without skipBad the first issue throws LogError; with it, issues are reported and skipped.
 * A damaged gzip stream is an issue on the line it reached; in skip mode the log ends there.
 */
export async function* scanLog(file: string, opts: ReadOptions & ScanEvents = {}): AsyncGenerator<SourcedRecord[]> {
  const state = new EnvelopeState(file);
  const splitter = new LineSplitter();
  let batch: SourcedRecord[] = [];
  const issue = (i: LogIssue): void => {
    if (opts.skipBad !== true) throw new LogError([i]);
    opts.onIssue?.(i);
  };
  const header = (h: LogHeader): void => opts.onHeader?.(h);
  const each = (text: string, line: number): void => state.line(text, line, batch, issue, header);
  try {
    for await (const chunk of bytesOf(file, opts.onRaw)) {
      try {
        splitter.push(chunk, each);
      } finally {
        // Records before a bad line are delivered before the error surfaces.
        if (batch.length > 0) {
          const done = batch;
          batch = [];
          yield done;
        }
      }
    }
  } catch (err) {
    if (err instanceof LogError) throw err;
    if (err instanceof StreamCorrupt) {
      issue({ file, line: splitter.lines + 1, message: err.message });
      opts.onEnd?.(splitter.lines);
      return;
    }
    throw new LogError([{ file, line: 0, message: `cannot read the log (${err instanceof Error ? err.message : String(err)})` }]);
  }
  try {
    splitter.end(each);
  } finally {
    if (batch.length > 0) yield batch;
  }
  opts.onEnd?.(splitter.lines);
}

/**
 * The public reader: records one at a time, in file order. A hand-written iterator over the
 * batches rather than `yield*`: an async generator pays a full suspension per record, which
 * measured about a quarter of the reader's time (bench/oplog.ts).
 */
export function readLog(file: string, opts: ReadOptions = {}): AsyncIterableIterator<SourcedRecord> {
  const batches = scanLog(file, opts);
  let batch: SourcedRecord[] = [];
  let at = 0;
  const iterator: AsyncIterableIterator<SourcedRecord> = {
    async next(): Promise<IteratorResult<SourcedRecord>> {
      while (at >= batch.length) {
        const step = await batches.next();
        if (step.done === true) return { done: true, value: undefined };
        batch = step.value;
        at = 0;
      }
      return { done: false, value: batch[at++]! };
    },
    async return(): Promise<IteratorResult<SourcedRecord>> {
      batch = [];
      await batches.return(undefined);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
