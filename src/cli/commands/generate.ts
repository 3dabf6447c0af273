/** `parity generate`: write a workload profile's log, deterministic by seed. */
import type { Command } from 'commander';
import { isProfileName, PROFILE_NAMES, writeProfile, type ProfileOptions } from '../../generate/index.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';

interface GenerateFlags {
  profile: string;
  seed: string;
  output: string;
  nodes?: string;
  ops?: string;
  clients?: string;
  docs?: string;
  json?: boolean;
}

function integer(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer >= ${min}, got ${text}`);
  return n;
}

export const register: Register = (program: Command) => {
  program
    .command('generate')
    .description(`Write a generated workload log (profiles: ${PROFILE_NAMES.join(', ')}); the same seed gives the same bytes`)
    .requiredOption('--profile <name>', `workload profile: ${PROFILE_NAMES.join(' | ')}`)
    .requiredOption('--seed <n>', 'PRNG seed (an integer >= 0)')
    .requiredOption('-o, --output <file>', 'log file to write (gzip when it ends in .gz)')
    .option('--nodes <n>', 'big-doc: nodes in the loaded document (default 50000); hot-doc: starting tree (120); many-docs: largest load (40)')
    .option('--ops <n>', 'op records to generate (big-doc 1000000, hot-doc 100000, many-docs 200000)')
    .option('--clients <n>', 'clients (big-doc 50, hot-doc 5000; many-docs: most per document, 6)')
    .option('--docs <n>', 'many-docs: documents (default 2000)')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: GenerateFlags) => {
      if (!isProfileName(flags.profile)) throw new UsageError(`unknown profile "${flags.profile}"; known: ${PROFILE_NAMES.join(', ')}`);
      const opts: ProfileOptions = {
        seed: integer('seed', flags.seed, 0)!,
        nodes: integer('nodes', flags.nodes, 1),
        ops: integer('ops', flags.ops, 0),
        clients: integer('clients', flags.clients, 1),
        docs: integer('docs', flags.docs, 1),
      };
      const summary = await writeProfile(flags.profile, opts, flags.output);
      if (flags.json === true) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        const kinds = Object.entries(summary.stats.kinds).map(([k, v]) => `${k} ${v}`).join(', ');
        process.stdout.write(`${flags.output}: ${summary.records} record(s) from profile ${flags.profile}, seed ${opts.seed}; ops: ${kinds}; ${summary.stats.applied} expected to apply\n`);
      }
      process.exitCode = ExitCode.ok;
    });
};
