/**
 * The child side of the NDJSON door: serves one EngineModule on stdin/stdout. Deliberately
 * light on imports: a child starts once per document, so its start-up time counts.
 *
 * One instance per process (the protocol runs one child per document), created from the first
 * record's `doc` (or with doc "" when the first line is the snapshot control line). Each input
 * chunk is answered with one write, and reading waits while the output is full.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { EngineInstance, EngineModule, LogRecord } from './protocol.js';
import { LineSplitter } from './lines.js';

/** An engine threw (or the input was not a record): the child must stop with a non-zero status. */
export class ServeError extends Error {
  override name = 'ServeError';
}

function write(output: Writable, text: string): Promise<void> {
  return new Promise((resolve) => output.write(text, () => resolve()));
}

export async function serveNdjson(module: EngineModule, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  let instance: EngineInstance | null = null;
  let lineNo = 0;

  const answer = (line: string): string => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ServeError(`input line ${lineNo} is not JSON: ${line.slice(0, 200)}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ServeError(`input line ${lineNo} is not a JSON object: ${line.slice(0, 200)}`);
    }
    const record = value as LogRecord;
    const control = (record.kind as string) === 'snapshot' && !('doc' in record);
    instance ??= module.create(control ? '' : String(record.doc));
    return JSON.stringify(control ? instance.snapshot() : instance.handle(record));
  };

  // Lines of one input chunk are answered together, with one write.
  let batch: string[] = [];
  const splitter = new LineSplitter((line) => batch.push(line));
  const answerBatch = async (): Promise<void> => {
    const lines = batch;
    batch = [];
    let out = '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      lineNo++;
      try {
        out += answer(line) + '\n';
      } catch (err) {
        // Answers already computed are still owed to the harness, then the failure.
        if (out !== '') await write(output, out);
        if (err instanceof ServeError) throw err;
        const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
        throw new ServeError(`${module.name}: engine threw on input line ${lineNo}: ${stack}`);
      }
    }
    if (out !== '' && !output.write(out)) await once(output, 'drain');
  };

  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    splitter.push(chunk);
    await answerBatch();
  }
  batch.push(splitter.rest());
  await answerBatch();
  (instance as EngineInstance | null)?.close?.();
}

/** What an engine's main entry does: serve stdin/stdout; on a failure, say why on stderr and exit 1. */
export async function serveMain(module: EngineModule): Promise<void> {
  try {
    await serveNdjson(module);
  } catch (err) {
    // stderr may be an asynchronous pipe: exit once the message is out, or the harness loses it.
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`, () => process.exit(1));
  }
}
