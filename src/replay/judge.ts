/**
 * The comparison step of a replay: one place that turns two engines' answers into disposed
 * differences. Equal texts are equal (the fast path); only differing texts are parsed.
 */
import {
  compareMessages,
  compareTrees,
  compileRules,
  dispose,
  NoiseModel,
  type CompareOptions,
  type RuleSet,
} from '../compare/index.js';
import { UsageError } from '../cli/exit.js';
import type { CanonicalTree } from '../engine/protocol.js';
import type { Difference, Disposition } from '../compare/types.js';

export type Disposed = Array<Difference & { disposition: Disposition }>;

export interface Judged {
  differences: Disposed;
  /** divergence if any difference is one, else the first difference's disposition. */
  disposition: Disposition;
  reference: unknown;
  candidate: unknown;
}

function usage<T>(flag: string, make: () => T): T {
  try {
    return make();
  } catch (err) {
    throw new UsageError(`bad ${flag} pattern: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export class Judge {
  private readonly ignore: RuleSet;
  readonly noise: NoiseModel | undefined;
  private readonly compare: CompareOptions;

  constructor(opts: { ignore: string[]; tolerances: CompareOptions['tolerances']; maxDifferences: number; noise: boolean }) {
    this.ignore = usage('--ignore', () => compileRules(opts.ignore));
    // Tolerances are compiled by the comparer on first use: try them once here, where a bad one is a usage error.
    usage('--tolerance', () => compareMessages([{ to: ['a'], kind: 'x', v: 0 }], [{ to: ['a'], kind: 'x', v: 1 }], { tolerances: opts.tolerances, maxDifferences: 1 }));
    this.noise = opts.noise ? new NoiseModel() : undefined;
    this.compare = { tolerances: opts.tolerances, maxDifferences: opts.maxDifferences };
  }

  /** Teaches the noise model what two runs of the reference disagree on. */
  observeNoise(scope: 'messages' | 'tree', first: string, second: string): void {
    if (!this.noise || first === second) return;
    const a = JSON.parse(first) as unknown;
    const b = JSON.parse(second) as unknown;
    this.noise.observe(scope === 'messages' ? compareMessages(a, b, this.compare) : compareTrees(a as CanonicalTree, b as CanonicalTree, this.compare));
  }

  /** null when the texts are equal or every structural difference vanished. */
  judge(scope: 'messages' | 'tree', refText: string, candText: string): Judged | null {
    if (refText === candText) return null;
    const reference = JSON.parse(refText) as unknown;
    const candidate = JSON.parse(candText) as unknown;
    const raw =
      scope === 'messages'
        ? compareMessages(reference, candidate, this.compare)
        : compareTrees(reference as CanonicalTree, candidate as CanonicalTree, this.compare);
    if (raw.length === 0) return null;
    const differences = dispose(raw, { ignore: this.ignore, ...(this.noise ? { noise: this.noise } : {}) });
    const real = differences.some((d: Disposed[number]) => d.disposition === 'divergence');
    return { differences, disposition: real ? 'divergence' : differences[0]!.disposition, reference, candidate };
  }

  noiseCounts(): Record<string, number> {
    return this.noise ? this.noise.counts() : {};
  }
}
