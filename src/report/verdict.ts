/**
 * The cutover verdict. Ready only when all of these hold, and otherwise each failing rule is a
 * reason of its own:
 * - the run completed (an interrupted or failed run proves nothing about the logs it did not reach);
 * - it replayed at least one record;
 * - no regressed bucket (a divergence that came back after it was marked fixed);
 * - no engine failure (crash, hang, garbage) that is not accepted;
 * - no other gating bucket still new or investigating;
 * - coverage is known and every conflict class was exercised.
 * Only buckets the run hit count, as in `parity gate`: a bucket an earlier run found and this one
 * did not reproduce is shown, but it is evidence about another build, not about this one.
 */
import { coverageGaps } from './coverage.js';
import { OPEN_STATUSES, type BucketView, type CoverageView, type RunView, type Verdict, type VerdictReason } from './model.js';

export function isEngineFailure(b: BucketView): boolean {
  return b.kind.startsWith('engine-');
}

/** An engine failure blocks unless accepted: `wont-fix` does not excuse a crash. */
function engineFailureBlocks(b: BucketView): boolean {
  return b.status !== 'accepted';
}

export function decideVerdict(input: { run: RunView; buckets: BucketView[]; coverage: CoverageView }): Verdict {
  const { run, coverage } = input;
  const buckets = input.buckets.filter((b) => b.runCount > 0);
  const reasons: VerdictReason[] = [];
  if (run.status !== 'completed') {
    reasons.push({ code: 'run-incomplete', message: `Run #${run.id} did not complete (status: ${run.status}).`, buckets: [] });
  }
  if (run.records === 0) {
    reasons.push({ code: 'no-evidence', message: 'The run replayed no records.', buckets: [] });
  }
  const regressed = buckets.filter((b) => b.status === 'regressed');
  if (regressed.length > 0) {
    reasons.push({ code: 'regressions', message: `${plural(regressed.length, 'bucket')} regressed: fixed before, diverging again.`, buckets: ids(regressed) });
  }
  const failures = buckets.filter((b) => b.status !== 'regressed' && isEngineFailure(b) && engineFailureBlocks(b));
  if (failures.length > 0) {
    const count = failures.reduce((sum, b) => sum + b.runCount, 0);
    reasons.push({
      code: 'engine-failures',
      message: `${plural(failures.length, 'engine failure bucket')} not accepted (${plural(count, 'failure')} in this run).`,
      buckets: ids(failures),
    });
  }
  const open = buckets.filter((b) => b.gating && !isEngineFailure(b) && b.status !== 'regressed' && OPEN_STATUSES.includes(b.status));
  if (open.length > 0) {
    const fresh = open.filter((b) => b.isNew).length;
    reasons.push({
      code: 'open-buckets',
      message: `${plural(open.length, 'divergence bucket')} open (${fresh} new in this run).`,
      buckets: ids(open),
    });
  }
  if (!coverage.known) {
    const why = coverage.note ?? 'the run recorded no conflict classes for its logs';
    reasons.push({ code: 'coverage-unknown', message: `Coverage unknown: ${why}.`, buckets: [] });
  } else {
    const gaps = coverageGaps(coverage);
    if (gaps.length > 0) {
      reasons.push({ code: 'coverage-gap', message: `${plural(gaps.length, 'conflict class', 'conflict classes')} never exercised: ${gaps.join(', ')}.`, buckets: [] });
    }
  }
  const ready = reasons.length === 0;
  return { ready, headline: ready ? 'Ready for cutover' : 'Not ready for cutover', reasons };
}

function ids(buckets: BucketView[]): number[] {
  return buckets.map((b) => b.id);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
