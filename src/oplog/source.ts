/**
 * The bytes of a log file, decompressed when its content starts with the gzip magic bytes
 * (1f 8b) whatever its name says.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, type Gunzip } from 'node:zlib';

/** Plain files are read in large chunks: per-chunk overhead dominates at small sizes. */
const PLAIN_CHUNK = 1 << 20;
/** Compressed input is fed in smaller chunks so the decoded output held at once stays small. */
const GZIP_INPUT_CHUNK = 1 << 16;
/**
 * zlib's output buffer. Larger measured no faster; and when zlib detects damage the partly
 * filled buffer is dropped, so this also bounds how far before the damage reading stops.
 */
const GUNZIP_CHUNK = 1 << 16;

export async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The compressed content is damaged: the reader names the line it had reached. */
export class StreamCorrupt extends Error {}

/** Yields the file's (decompressed) bytes. `onRaw` sees the bytes as stored, for hashing. */
export async function* bytesOf(file: string, onRaw?: (chunk: Buffer) => void): AsyncGenerator<Buffer> {
  const gz = await isGzip(file);
  const raw = createReadStream(file, { highWaterMark: gz ? GZIP_INPUT_CHUNK : PLAIN_CHUNK }) as AsyncIterable<Buffer>;
  if (!gz) {
    for await (const chunk of raw) {
      onRaw?.(chunk);
      yield chunk;
    }
    return;
  }
  yield* gunzip(raw, onRaw);
}

/**
 * Feeds zlib one input chunk at a time and hands on everything it decoded before the next.
 * Not `for await` over the Gunzip stream: a stream error discards output still buffered in
 * the stream, so the lines decoded just before the damage would be lost and the reported
 * line would be far too early.
 */
async function* gunzip(raw: AsyncIterable<Buffer>, onRaw?: (chunk: Buffer) => void): AsyncGenerator<Buffer> {
  const z = createGunzip({ chunkSize: GUNZIP_CHUNK });
  const out: Buffer[] = [];
  let failure: Error | null = null;
  z.on('data', (c: Buffer) => out.push(c));
  z.on('error', (err: Error) => (failure ??= err));
  try {
    for await (const chunk of raw) {
      onRaw?.(chunk);
      await settle(z, (done) => z.write(chunk, done));
      yield* out.splice(0);
      if (failure !== null) throw corrupt(failure);
    }
    await ended(z);
    yield* out.splice(0);
    if (failure !== null) throw corrupt(failure);
  } finally {
    z.destroy();
  }
}

/** Resolves when zlib has consumed the input (the write or end callback) or failed. */
function settle(z: Gunzip, start: (done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      z.off('error', finish);
      z.off('close', finish);
      // Let 'data' events already queued for this input run first.
      setImmediate(resolve);
    };
    z.once('error', finish);
    z.once('close', finish);
    start(finish);
  });
}

/**
 * Resolves once zlib has emitted everything ('end') or failed. Not end()'s callback: that fires
 * on 'finish', which can come before a truncated stream's error is reported.
 */
function ended(z: Gunzip): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => resolve();
    z.once('end', finish);
    z.once('error', finish);
    z.once('close', finish);
    z.end();
  });
}

function corrupt(err: Error & { code?: string }): Error {
  if (typeof err.code !== 'string' || !err.code.startsWith('Z_')) return err;
  return new StreamCorrupt(err.code === 'Z_BUF_ERROR' ? `gzip stream is truncated (${err.message})` : `gzip stream is corrupt (${err.message})`);
}
