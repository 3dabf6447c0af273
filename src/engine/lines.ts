/**
 * Splits a stream of text chunks into lines without rescanning: a long line (a snapshot of a
 * large tree arrives in many chunks) is kept as pieces and joined once, when its newline comes.
 */
export class LineSplitter {
  private pieces: string[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      let line = chunk.slice(start, nl);
      if (this.pieces.length > 0) {
        this.pieces.push(line);
        line = this.pieces.join('');
        this.pieces = [];
      }
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.pieces.push(start === 0 ? chunk : chunk.slice(start));
  }

  /** The last line, when the stream ended without a newline ('' if there is none). */
  rest(): string {
    const line = this.pieces.join('');
    this.pieces = [];
    return line;
  }
}
