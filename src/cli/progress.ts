/**
 * A one-line progress bar on stderr: records done, records/s and ETA. It draws only when
 * stderr is a terminal (pipes and CI logs stay clean) and at most ten times a second.
 */
import type { WriteStream } from 'node:tty';

export interface Progress {
  update(records: number, total: number): void;
  /** Clears the line so the summary starts on a clean one. */
  done(): void;
}

const WIDTH = 24;
const EVERY_MS = 100;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (v: number) => String(v).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** The bar's text for a given state; exported so it can be tested without a terminal. */
export function progressLine(records: number, total: number, elapsedMs: number): string {
  const fraction = total > 0 ? Math.min(1, records / total) : 0;
  const filled = Math.round(fraction * WIDTH);
  const rate = elapsedMs > 0 ? (records * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? (total - records) / rate : Number.POSITIVE_INFINITY;
  const pct = `${Math.floor(fraction * 100)}`.padStart(3);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${pct}% ${records.toLocaleString('en-US')}/${total.toLocaleString('en-US')} records  ${Math.round(rate).toLocaleString('en-US')} records/s  ETA ${clock(eta)}`;
}

const silent: Progress = { update: () => undefined, done: () => undefined };

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true) return silent;
  const tty = stream as WriteStream;
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(records, total) {
      const now = Date.now();
      if (now - last < EVERY_MS && records < total) return;
      last = now;
      drawn = true;
      tty.write(`\r${progressLine(records, total, now - started).slice(0, Math.max(20, (tty.columns ?? 80) - 1))}`);
    },
    done() {
      if (drawn) tty.write('\r\x1b[2K');
    },
  };
}
