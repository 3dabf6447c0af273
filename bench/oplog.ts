/**
 * The op-log reader's speed and memory on a 1,000,000-record log, plain and gzip, against
 * baselines in this process: readline counting the same file's lines, and our own line
 * splitter alone (the reader minus JSON.parse and the envelope checks).
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { createLogWriter, readLog, validateLog } from '../src/oplog/index.js';
import { LineSplitter } from '../src/oplog/lines.js';
import { bytesOf } from '../src/oplog/source.js';

const RECORDS = Number(process.env.PARITY_BENCH_OPLOG_RECORDS ?? 1_000_000);

interface Measure {
  name: string;
  ms: number;
  count: number;
  peakRss: number;
}

/** Runs `fn`, sampling RSS every 10 ms (the reader yields to the event loop between chunks). */
async function measure(name: string, fn: () => Promise<number>): Promise<Measure> {
  globalThis.gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const start = process.hrtime.bigint();
  const count = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { name, ms, count, peakRss: peak };
}

function writeLog(file: string): void {
  const w = createLogWriter(file, { header: { oplog: 1, source: 'bench' } });
  for (let i = 0; i < RECORDS; i++) {
    const client = `c${i % 50}`;
    w.write({ doc: `doc-${i % 8}`, kind: 'op', client, cseq: i + 1, base: Math.max(0, i - 5), op: { type: 'SET_PROPERTY', node: `${client}:${i % 997}`, prop: i % 2 === 0 ? 'x' : 'y', value: (i * 7919) % 100_003 } });
  }
  void w.close();
}

async function readlineCount(file: string, gzip: boolean): Promise<number> {
  const raw = createReadStream(file, { highWaterMark: 1 << 16 });
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line.length > 0) n++;
  return n;
}

async function splitterCount(file: string): Promise<number> {
  const splitter = new LineSplitter();
  let n = 0;
  const each = (text: string): void => {
    if (text.length > 0) n++;
  };
  for await (const chunk of bytesOf(file)) splitter.push(chunk, each);
  splitter.end(each);
  return n;
}

async function readCount(file: string): Promise<number> {
  let n = 0;
  for await (const _ of readLog(file)) n++;
  return n;
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bench-oplog-'));
  try {
    for (const gzip of [false, true]) {
      const file = join(dir, gzip ? 'log.ndjson.gz' : 'log.ndjson');
      writeLog(file);
      console.log(`${gzip ? 'gzip' : 'plain'} log: ${RECORDS} records, ${mb(statSync(file).size)} on disk`);
      const base = await measure('readline line count (baseline)', () => readlineCount(file, gzip));
      const rows = [
        base,
        await measure('LineSplitter line count', () => splitterCount(file)),
        await measure('validateLog', async () => (await validateLog(file)).records),
        await measure('readLog (one record at a time)', () => readCount(file)),
      ];
      for (const m of rows) {
        const rate = (m.count / m.ms) * 1000;
        const ratio = base.ms / m.ms;
        console.log(`  ${m.name.padEnd(34)} ${String(m.count).padStart(8)} lines/records  ${(rate / 1000).toFixed(0).padStart(6)}k/s  x${ratio.toFixed(2)} vs readline  peak RSS ${mb(m.peakRss)}`);
      }
    }
    console.log('  (peak RSS is sampled every 10 ms and includes the whole process)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
