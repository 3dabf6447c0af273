/** The one command line that replays a divergence on its own: fast-check's "seed and path" for parity. */
import type { EngineSpec } from '../engine/types.js';

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** How to name an engine on the command line when the caller gave no prefix. */
function engineArg(spec: EngineSpec): string {
  return spec.door === 'child' ? `cmd:${spec.command}` : spec.path;
}

export function defaultReproduceArgs(reference: EngineSpec, candidate: EngineSpec): string[] {
  return ['parity', 'replay', '--reference', engineArg(reference), '--candidate', engineArg(candidate)];
}

/**
 * The prefix plus the document filter. `--stop-on-first` only for a document's first
 * divergence: a later one is reached through the same resyncs as in the original run.
 */
export function reproduceCommand(prefix: readonly string[], log: string, doc: string, first: boolean): string {
  const args = [...prefix, '--doc', doc, ...(first ? ['--stop-on-first'] : []), log];
  return args.map(shellQuote).join(' ');
}
