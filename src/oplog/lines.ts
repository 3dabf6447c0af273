/**
 * Splits byte chunks into lines without readline: a newline byte (0x0a) never occurs inside a
 * multi-byte UTF-8 sequence, so each chunk is cut at its last newline and decoded once, and only
 * the unfinished tail is carried over as bytes. Measured in bench/oplog.ts against readline.
 */

/** One physical line: its text (without the newline or a trailing CR) and 1-based number. */
export interface Line {
  text: string;
  line: number;
}

export class LineSplitter {
  // Unfinished line bytes, kept as parts so a huge line spanning many chunks is joined once.
  private tail: Buffer[] = [];
  private lineNo = 0;

  /** Lines read so far, i.e. the number of the last complete line. */
  get lines(): number {
    return this.lineNo;
  }

  /** Calls `each` for every complete line in `chunk` (plus the carried-over tail). */
  push(chunk: Buffer, each: (text: string, line: number) => void): void {
    const cut = chunk.lastIndexOf(0x0a);
    if (cut < 0) {
      // Copied: the source chunk may be a pooled buffer reused after this call.
      this.tail.push(Buffer.from(chunk));
      return;
    }
    const head = this.tail.length === 0 ? chunk.subarray(0, cut) : Buffer.concat([...this.tail, chunk.subarray(0, cut)]);
    this.tail = cut + 1 < chunk.length ? [Buffer.from(chunk.subarray(cut + 1))] : [];
    this.split(head.toString('utf8'), each);
  }

  /** The last line when the input does not end with a newline. */
  end(each: (text: string, line: number) => void): void {
    if (this.tail.length > 0) {
      const text = Buffer.concat(this.tail).toString('utf8');
      this.tail = [];
      if (text.length > 0) this.emit(text, each);
    }
  }

  private split(text: string, each: (text: string, line: number) => void): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.emit(text.slice(start, nl), each);
      start = nl + 1;
    }
    this.emit(text.slice(start), each);
  }

  private emit(text: string, each: (text: string, line: number) => void): void {
    this.lineNo++;
    each(text.length > 0 && text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text, this.lineNo);
  }
}

/** Blank means nothing but spaces, tabs and carriage returns. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
