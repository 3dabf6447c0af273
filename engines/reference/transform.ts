/**
 * The index transform (document-model §4 and §7 "Index transform"): every change to a children
 * list is recorded with the seq and client of its op, so an index picked against an older view
 * (`base`) can be moved past what other clients inserted or removed since.
 */

/** How long history is kept, in seqs: a base older than `current - HISTORY_SEQS` is stale. */
export const HISTORY_SEQS = 10_000;

interface Change {
  seq: number;
  client: string;
  parent: string;
  kind: 'insert' | 'remove';
  /** The index actually used for an insertion; the position just before leaving for a removal. */
  index: number;
}

export class History {
  private changes: Change[] = [];
  /** Changes before this position are forgotten; the array is compacted now and then, not per op. */
  private start = 0;

  /** Records a change; changes of one op are recorded in the order they happened (removal first). */
  record(seq: number, client: string, parent: string, kind: 'insert' | 'remove', index: number): void {
    this.changes.push({ seq, client, parent, kind, index });
  }

  /** Forgets changes no valid base can reach any more (seq <= current - HISTORY_SEQS). */
  prune(current: number): void {
    while (this.start < this.changes.length && this.changes[this.start]!.seq <= current - HISTORY_SEQS) this.start++;
    if (this.start > 1024 && this.start * 2 > this.changes.length) {
      this.changes = this.changes.slice(this.start);
      this.start = 0;
    }
  }

  clear(): void {
    this.changes = [];
    this.start = 0;
  }

  /**
   * Transforms index `i` into `parent`, requested by `client` against `base`: walks the changes
   * after `base` in seq order, skipping the client's own.
   */
  transform(i: number, parent: string, client: string, base: number): number {
    for (let k = this.start; k < this.changes.length; k++) {
      const c = this.changes[k]!;
      if (c.seq <= base || c.parent !== parent || c.client === client) continue;
      if (c.kind === 'insert' && c.index <= i) i = i + 1;
      else if (c.kind === 'remove' && c.index < i) i = i - 1;
    }
    return i;
  }
}
