/** `parity merge`: combine stores (shards, machines) into one, triage decisions kept. */
import type { Command } from 'commander';
import { mergeStores, StoreError } from '../../store/index.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';

export const register: Register = (program: Command) => {
  program
    .command('merge')
    .description('Merge parity stores into one: runs renumbered, divergences copied, buckets joined by fingerprint')
    .argument('<stores...>', 'stores to read (left unchanged)')
    .requiredOption('-o, --output <file>', 'the store to write (created if missing; merged into if it exists)')
    .action((inputs: string[], flags: { output: string }) => {
      try {
        const s = mergeStores(inputs, flags.output);
        for (const i of s.inputs) {
          process.stdout.write(`${i.file}: ${i.runs} runs, ${i.divergences} divergences, ${i.buckets} buckets${i.skippedRuns ? ` (${i.skippedRuns} runs already merged)` : ''}\n`);
        }
        process.stdout.write(`merged into ${s.output}\n`);
      } catch (err) {
        throw err instanceof StoreError ? new UsageError(err.message) : err;
      }
      process.exitCode = ExitCode.ok;
    });
};
