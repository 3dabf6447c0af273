/** Small fixtures for the op-log tests: temp folders and logs written from literal lines. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLog, type SourcedRecord } from '../../src/oplog/index.js';

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'parity-oplog-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `lines` joined by newlines (with a final newline), gzip-compressed when asked. */
export function writeLines(file: string, lines: string[], gzip = false): string {
  const text = lines.map((l) => `${l}\n`).join('');
  writeFileSync(file, gzip ? gzipSync(Buffer.from(text)) : text);
  return file;
}

export async function readAll(file: string, opts?: Parameters<typeof readLog>[1]): Promise<SourcedRecord[]> {
  const out: SourcedRecord[] = [];
  for await (const r of readLog(file, opts)) out.push(r);
  return out;
}

export const CONNECT = '{"doc":"d1","kind":"connect","client":"alice"}';
export const OP = '{"doc":"d1","kind":"op","client":"alice","cseq":1,"op":{"type":"DELETE_NODE","node":"x"}}';
