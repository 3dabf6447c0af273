/** Workload profiles: deterministic, seeded generators of realistic op logs (docs/workloads.md). */
import { createLogWriter, type LogHeader, type LogRecord } from '../../oplog/index.js';
import { bigDoc } from './big-doc.js';
import { hotDoc } from './hot-doc.js';
import { manyDocs } from './many-docs.js';
import { PROFILE_NAMES, resolveOptions, type ProfileName, type ProfileOptions, type ResolvedOptions } from './options.js';
import { emptyStats, type SimStats } from './sim.js';

export { PROFILE_NAMES, DEFAULTS, resolveOptions, type ProfileName, type ProfileOptions, type ResolvedOptions } from './options.js';
export type { SimStats as ProfileStats } from './sim.js';
export { Rng } from './prng.js';
export { Zipf } from './zipf.js';

const GENERATORS: Record<ProfileName, (o: ResolvedOptions, stats: SimStats) => Generator<LogRecord>> = {
  'big-doc': bigDoc,
  'hot-doc': hotDoc,
  'many-docs': manyDocs,
};

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** The records of a profile, lazily: a million-op log never sits in memory. Pass `stats` to count what was made. */
export function generateProfile(name: ProfileName, opts: ProfileOptions, stats: SimStats = emptyStats()): Iterable<LogRecord> {
  return GENERATORS[name](resolveOptions(name, opts), stats);
}

export function profileHeader(name: ProfileName, opts: ProfileOptions): LogHeader {
  const o = resolveOptions(name, opts);
  const sizes = name === 'many-docs' ? { docs: o.docs, ops: o.ops, clients: o.clients, nodes: o.nodes } : { nodes: o.nodes, ops: o.ops, clients: o.clients };
  return { oplog: 1, source: 'generated', generator: `parity/${name}`, seed: o.seed, ...sizes };
}

export interface ProfileSummary {
  file: string;
  records: number;
  stats: SimStats;
}

/** Writes a profile's log (gzip when `file` ends in .gz) with its header. */
export async function writeProfile(name: ProfileName, opts: ProfileOptions, file: string): Promise<ProfileSummary> {
  const stats = emptyStats();
  const writer = createLogWriter(file, { header: profileHeader(name, opts) });
  let records = 0;
  try {
    for (const r of generateProfile(name, opts, stats)) {
      writer.write(r);
      records++;
    }
  } finally {
    await writer.close();
  }
  return { file, records, stats };
}

export { emptyStats };
