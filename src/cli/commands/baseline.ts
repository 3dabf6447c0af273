/** `parity baseline export`: the store's triage decisions as a small JSON file to commit. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildBaseline, DEFAULT_STORE_PATH } from '../../store/index.js';
import { ExitCode } from '../exit.js';
import type { Register } from './index.js';
import { withStore } from './triage.js';

export const DEFAULT_BASELINE = 'parity-baseline.json';

export const register: Register = (program: Command) => {
  const baseline = program.command('baseline').description('Triage decisions as a committed file, so CI can gate with a fresh store');
  baseline
    .command('export')
    .description('Write the accepted, won\'t-fix and fixed buckets to a JSON file')
    .option('-o, --output <file>', 'where to write it', DEFAULT_BASELINE)
    .option('--store <file>', 'the parity store', DEFAULT_STORE_PATH)
    .action((flags: { output: string; store: string }) => {
      const data = withStore(flags.store, { readonly: true }, (s) => buildBaseline(s.buckets()));
      writeFileSync(flags.output, `${JSON.stringify(data, null, 2)}\n`);
      process.stdout.write(`${flags.output}: ${data.buckets.length} decided buckets\n`);
      process.exitCode = ExitCode.ok;
    });
};
