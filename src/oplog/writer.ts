/**
 * Writes a log. Writes are synchronous into large chunks: a generator producing millions of
 * records in a tight loop never yields to the event loop, so an async stream could not drain
 * and would buffer the whole log; writing each full chunk with writeSync keeps memory bounded.
 * Gzip output is one gzip member per chunk (RFC 1952 allows several; gunzip, zcat and
 * Node's zlib read them as one stream), which keeps the output deterministic and bounded too.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { LogHeader, LogRecord } from './types.js';

export interface LogWriter {
  write(record: LogRecord): void;
  close(): Promise<void>;
}

export interface WriterOptions {
  header?: LogHeader;
  /** Default: the file name ends in `.gz`. */
  gzip?: boolean;
}

/** Plain chunks are written as they fill; gzip chunks are larger so compression has context. */
const PLAIN_CHUNK = 1 << 20;
const GZIP_CHUNK = 4 << 20;

export function serializeRecord(record: LogRecord): string {
  return JSON.stringify(record);
}

export function createLogWriter(file: string, opts: WriterOptions = {}): LogWriter {
  return new ChunkedWriter(file, opts.gzip ?? file.endsWith('.gz'), opts.header);
}

class ChunkedWriter implements LogWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  private closed = false;
  private readonly limit: number;

  constructor(file: string, private readonly gzip: boolean, header: LogHeader | undefined) {
    this.fd = openSync(file, 'w');
    this.limit = gzip ? GZIP_CHUNK : PLAIN_CHUNK;
    if (header !== undefined) this.line(JSON.stringify(header));
  }

  write(record: LogRecord): void {
    if (this.closed) throw new Error('log writer is closed');
    this.line(serializeRecord(record));
  }

  private line(text: string): void {
    this.parts.push(text, '\n');
    // UTF-16 length is a cheap stand-in for byte size: it only decides when to flush.
    this.size += text.length + 1;
    if (this.size >= this.limit) this.flush();
  }

  private flush(): void {
    if (this.size === 0) return;
    const bytes = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    const out = this.gzip ? gzipSync(bytes) : bytes;
    let off = 0;
    while (off < out.length) off += writeSync(this.fd, out, off, out.length - off);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    try {
      this.flush();
    } finally {
      this.closed = true;
      closeSync(this.fd);
    }
    return Promise.resolve();
  }
}
