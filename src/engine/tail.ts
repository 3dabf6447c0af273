/** The last N lines of a stream (an engine's stderr): bounded, whatever the engine writes. */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly max: number, private readonly maxLineChars = 2000) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = this.clip(parts.pop()!);
    for (const line of parts) this.add(line);
  }

  private clip(line: string): string {
    return line.length > this.maxLineChars ? `${line.slice(0, this.maxLineChars)}…` : line;
  }

  private add(line: string): void {
    if (this.max <= 0) return;
    this.lines.push(this.clip(line));
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }

  text(): string {
    const all = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return all.slice(-Math.max(this.max, 0)).join('\n');
  }
}
