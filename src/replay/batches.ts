/**
 * How a document's records are cut into engine calls. Batches start small and double up to
 * the maximum, and start small again after every divergence: a divergence found inside a batch
 * shadows the rest of it (see docs/replay.md), so small batches near a bug keep the next bug
 * visible, while long agreeing stretches travel in large batches.
 */
export class BatchSizer {
  private size = 1;

  constructor(private readonly max: number) {}

  /** Records for the next batch, never crossing the next checkpoint. */
  next(seen: number, checkpointEvery: number): number {
    const limit = this.size;
    this.size = Math.min(this.max, this.size * 2);
    if (checkpointEvery <= 0) return limit;
    const toCheckpoint = checkpointEvery - (seen % checkpointEvery);
    return Math.min(limit, toCheckpoint);
  }

  /** Only full-size batches are pipelined: small ones mean we are near a divergence. */
  get steady(): boolean {
    return this.size >= this.max;
  }

  restart(): void {
    this.size = 1;
  }
}
