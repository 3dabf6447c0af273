/** A set of ids with O(1) add, remove and pick-by-position (removal swaps in the last id). */
import type { Rng } from './prng.js';

export class IdList {
  private readonly items: string[] = [];
  private readonly at = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  has(id: string): boolean {
    return this.at.has(id);
  }

  add(id: string): void {
    if (this.at.has(id)) return;
    this.at.set(id, this.items.length);
    this.items.push(id);
  }

  remove(id: string): void {
    const i = this.at.get(id);
    if (i === undefined) return;
    const last = this.items.pop()!;
    this.at.delete(id);
    if (last !== id) {
      this.items[i] = last;
      this.at.set(last, i);
    }
  }

  get(i: number): string {
    return this.items[i]!;
  }

  pick(rng: Rng): string | undefined {
    return this.items.length === 0 ? undefined : this.items[rng.int(this.items.length)];
  }
}
