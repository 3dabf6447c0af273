/**
 * The gate's decision for one run, as a value: the CLI turns it into an exit code. A run passes
 * when it completed and every gating bucket it hit is accepted or won't-fix, in the store or in the
 * committed baseline. New, still-open and regressed buckets fail it.
 */
import type { Baseline } from './baseline.js';
import type { BucketRow, RunRow } from './rows.js';

export type GateCode = 'run-incomplete' | 'new' | 'open' | 'regressed';

export interface GateReason {
  code: GateCode;
  fingerprint: string | null;
  message: string;
}

export interface GateResult {
  pass: boolean;
  runId: number;
  /** Gating buckets hit in the run, and how many of them passed. */
  buckets: number;
  passed: number;
  reasons: GateReason[];
  /** Each gating bucket hit in the run, and whether it passed. */
  checked: Array<{ fingerprint: string; pass: boolean }>;
}

const PASSING = new Set(['accepted', 'wont-fix']);

export function decideGate(run: RunRow, hit: Array<BucketRow & { runHits: number | null }>, baseline: Baseline | null): GateResult {
  const reasons: GateReason[] = [];
  if (run.status !== 'completed') {
    reasons.push({ code: 'run-incomplete', fingerprint: null, message: `run ${run.id} is ${run.status}, not completed: its evidence is incomplete (resume it with parity replay --resume ${run.id})` });
  }
  const listed = new Map((baseline?.buckets ?? []).map((b) => [b.fingerprint, b]));
  const checked: GateResult['checked'] = [];
  for (const b of hit) {
    if (!b.gating) continue;
    const failures = reasons.length;
    const base = listed.get(b.fingerprint);
    const label = `${b.fingerprint.slice(0, 8)} ${b.title} (${b.runHits ?? 0} hits in run ${run.id})`;
    if (b.status === 'regressed' || b.status === 'fixed') {
      reasons.push({ code: 'regressed', fingerprint: b.fingerprint, message: `regressed: ${label} was marked fixed and is back` });
    } else if (PASSING.has(b.status) || (base !== undefined && PASSING.has(base.status))) {
      // passes
    } else if (base?.status === 'fixed') {
      reasons.push({ code: 'regressed', fingerprint: b.fingerprint, message: `regressed: ${label} is fixed in the baseline and is back` });
    } else if (b.firstRun === run.id && base === undefined) {
      reasons.push({ code: 'new', fingerprint: b.fingerprint, message: `new: ${label}` });
    } else {
      reasons.push({ code: 'open', fingerprint: b.fingerprint, message: `not accepted (${b.status}): ${label}` });
    }
    checked.push({ fingerprint: b.fingerprint, pass: reasons.length === failures });
  }
  const passed = checked.filter((c) => c.pass).length;
  return { pass: reasons.length === 0, runId: run.id, buckets: checked.length, passed, reasons, checked };
}

/** Several runs' decisions as one (a store merged from shards): a bucket passes if it passed in every run. */
export function combineGates(results: GateResult[]): GateResult {
  const seen = new Set<string>();
  const reasons = results.flatMap((r) => r.reasons).filter((r) => {
    const key = r.fingerprint === null ? r.message : `${r.code}:${r.fingerprint}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const byFp = new Map<string, boolean>();
  for (const c of results.flatMap((r) => r.checked)) byFp.set(c.fingerprint, (byFp.get(c.fingerprint) ?? true) && c.pass);
  const checked = [...byFp].map(([fingerprint, pass]) => ({ fingerprint, pass }));
  return {
    pass: reasons.length === 0,
    runId: results.at(-1)?.runId ?? 0,
    buckets: checked.length,
    passed: checked.filter((c) => c.pass).length,
    reasons,
    checked,
  };
}
