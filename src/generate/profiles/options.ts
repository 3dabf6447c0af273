/** Profile options: partial in (CLI flags, tests), complete out, once. */
export type ProfileName = 'big-doc' | 'hot-doc' | 'many-docs';
export const PROFILE_NAMES: readonly ProfileName[] = ['big-doc', 'hot-doc', 'many-docs'];

export interface ProfileOptions {
  seed: number;
  /** big-doc: nodes in the loaded document. hot-doc: nodes in its small starting tree. */
  nodes?: number;
  /** Op records to generate (connects, disconnects and the load come on top). */
  ops?: number;
  /** Clients (per document for many-docs: at most this many). */
  clients?: number;
  /** many-docs: documents. */
  docs?: number;
}

export type ResolvedOptions = Required<ProfileOptions>;

export const DEFAULTS: Record<ProfileName, Omit<ResolvedOptions, 'seed'>> = {
  'big-doc': { nodes: 50_000, ops: 1_000_000, clients: 50, docs: 1 },
  'hot-doc': { nodes: 120, ops: 100_000, clients: 5_000, docs: 1 },
  'many-docs': { nodes: 40, ops: 200_000, clients: 6, docs: 2_000 },
};

export function resolveOptions(name: ProfileName, opts: ProfileOptions): ResolvedOptions {
  const d = DEFAULTS[name];
  const r: ResolvedOptions = { seed: opts.seed, nodes: opts.nodes ?? d.nodes, ops: opts.ops ?? d.ops, clients: opts.clients ?? d.clients, docs: opts.docs ?? d.docs };
  for (const [k, v] of Object.entries(r)) {
    if (!Number.isSafeInteger(v) || v < (k === 'seed' || k === 'ops' ? 0 : 1)) throw new RangeError(`--${k} must be an integer >= ${k === 'seed' || k === 'ops' ? 0 : 1}, got ${v}`);
  }
  return r;
}
