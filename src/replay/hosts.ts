/** A pair of engine hosts (plus the second reference for --noise): one slot of the --jobs pool. */
import { openHost, otherDoor } from '../engine/index.js';
import type { EngineHost, EngineSpec } from '../engine/types.js';

export interface HostPair {
  reference: EngineHost;
  candidate: EngineHost;
  /** The reference again, through the other door: what differs between the two is noise. */
  noise: EngineHost | null;
}

export interface PairOptions {
  reference: EngineSpec;
  candidate: EngineSpec;
  timeoutMs: number;
  inline: boolean;
  noise: boolean;
}

const STDERR_LINES = 20;

export async function openPair(opts: PairOptions): Promise<HostPair> {
  const host = (spec: EngineSpec, inline: boolean) =>
    openHost(spec, { timeoutMs: opts.timeoutMs, stderrLines: STDERR_LINES, inline });
  const [reference, candidate, noise] = await Promise.all([
    host(opts.reference, opts.inline),
    host(opts.candidate, opts.inline),
    // The other door is a child process: --inline cannot apply to it.
    opts.noise ? host(otherDoor(opts.reference), false) : Promise.resolve(null),
  ]);
  return { reference, candidate, noise };
}

export async function disposePair(pair: HostPair): Promise<void> {
  await Promise.all([pair.reference.dispose(), pair.candidate.dispose(), pair.noise?.dispose()]);
}
