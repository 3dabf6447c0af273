/** `parity gate`: exit 1 when a run has a bucket that is new, regressed or not accepted. */
import type { Command } from 'commander';
import { combineGates, decideGate, DEFAULT_STORE_PATH, readBaseline, StoreError, type Baseline } from '../../store/index.js';
import { ExitCode, UsageError } from '../exit.js';
import type { Register } from './index.js';
import { withStore } from './triage.js';

export const register: Register = (program: Command) => {
  program
    .command('gate')
    .description('Fail (exit 1) when a run hit a gating bucket that is new, regressed or not accepted, or did not complete')
    .option('--baseline <file>', 'committed triage decisions (parity baseline export); they count as if made in this store')
    .option('--run <id>', 'the run to gate (default: the last one)')
    .option('--all', 'gate every run in the store (a store merged from shards holds one run per shard)')
    .option('--json', 'print the decision as JSON')
    .option('--store <file>', 'the parity store', DEFAULT_STORE_PATH)
    .action((flags: { baseline?: string; run?: string; all?: boolean; json?: boolean; store: string }) => {
      if (flags.all === true && flags.run !== undefined) throw new UsageError('--run and --all cannot be used together');
      let baseline: Baseline | null = null;
      if (flags.baseline !== undefined) {
        try {
          baseline = readBaseline(flags.baseline);
        } catch (err) {
          throw err instanceof StoreError ? new UsageError(err.message) : err;
        }
      }
      const result = withStore(flags.store, { readonly: true }, (s) => {
        const runId = flags.run !== undefined ? Number(flags.run) : s.lastRunId();
        if (runId === null) throw new UsageError(`${flags.store}: no runs in the store yet`);
        if (flags.all === true) return combineGates(s.runs().map((run) => decideGate(run, s.buckets({ run: run.id }), baseline)));
        const run = Number.isSafeInteger(runId) ? s.run(runId) : undefined;
        if (run === undefined) throw new UsageError(`${flags.store}: no run ${flags.run}`);
        return decideGate(run, s.buckets({ run: run.id }), baseline);
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        const head = result.pass ? 'PASS' : 'FAIL';
        const runs = flags.all === true ? 'all runs' : `run ${result.runId}`;
        process.stdout.write(`gate ${head}: ${runs}, ${result.passed}/${result.buckets} gating buckets accepted\n`);
        for (const r of result.reasons) process.stdout.write(`  ${r.message}\n`);
      }
      process.exitCode = result.pass ? ExitCode.ok : ExitCode.divergences;
    });
};

