/**
 * An ordered list of child ids, stored as a list of small chunks. A plain array costs O(n) per
 * insertion or removal, which is too slow for the real traces (one container with ~100,000
 * children edited at arbitrary positions); chunks make both about O(sqrt n), and a map from id
 * to chunk finds a child's position without scanning the whole list.
 */

const MAX_CHUNK = 1024;

interface Chunk {
  ids: string[];
}

export class ChildList {
  private chunks: Chunk[] = [];
  private readonly chunkOf = new Map<string, Chunk>();
  private size = 0;

  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.insert(this.size, id);
  }

  get length(): number {
    return this.size;
  }

  has(id: string): boolean {
    return this.chunkOf.has(id);
  }

  /** Inserts `id` so that it ends at position `index` (0 <= index <= length). */
  insert(index: number, id: string): void {
    let chunkAt = 0;
    let offset = index;
    while (chunkAt < this.chunks.length - 1 && offset > this.chunks[chunkAt]!.ids.length) {
      offset -= this.chunks[chunkAt]!.ids.length;
      chunkAt++;
    }
    if (this.chunks.length === 0) this.chunks.push({ ids: [] });
    const chunk = this.chunks[chunkAt]!;
    chunk.ids.splice(offset, 0, id);
    this.chunkOf.set(id, chunk);
    this.size++;
    if (chunk.ids.length > MAX_CHUNK) this.split(chunkAt);
  }

  /** The position of `id`, or -1 when it is not in the list. */
  indexOf(id: string): number {
    const chunk = this.chunkOf.get(id);
    if (chunk === undefined) return -1;
    let before = 0;
    for (const c of this.chunks) {
      if (c === chunk) return before + chunk.ids.indexOf(id);
      before += c.ids.length;
    }
    return -1;
  }

  /** Removes `id`; returns the position it had (-1 when it was not there). */
  remove(id: string): number {
    const at = this.indexOf(id);
    if (at === -1) return -1;
    const chunk = this.chunkOf.get(id)!;
    chunk.ids.splice(chunk.ids.indexOf(id), 1);
    this.chunkOf.delete(id);
    this.size--;
    if (chunk.ids.length === 0) this.chunks.splice(this.chunks.indexOf(chunk), 1);
    return at;
  }

  toArray(): string[] {
    const out: string[] = [];
    for (const c of this.chunks) for (const id of c.ids) out.push(id);
    return out;
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (const c of this.chunks) yield* c.ids;
  }

  private split(chunkAt: number): void {
    const chunk = this.chunks[chunkAt]!;
    const tail: Chunk = { ids: chunk.ids.splice(chunk.ids.length >> 1) };
    for (const id of tail.ids) this.chunkOf.set(id, tail);
    this.chunks.splice(chunkAt + 1, 0, tail);
  }
}
