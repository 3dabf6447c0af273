/**
 * The baseline: triage decisions as a small JSON file committed next to the code, so CI can gate
 * with a fresh store each time. Sorted by fingerprint and free of timestamps-of-export, so a
 * change in it is a change in a decision and reads well in review.
 */
import { readFileSync } from 'node:fs';
import { StoreError } from './errors.js';
import type { BucketRow } from './rows.js';

export interface BaselineEntry {
  fingerprint: string;
  title: string;
  status: 'accepted' | 'wont-fix' | 'fixed';
  note: string | null;
  decidedAt: string | null;
}

export interface Baseline {
  parityBaseline: 1;
  buckets: BaselineEntry[];
}

/** Decisions worth carrying: accepted and won't-fix pass the gate; fixed turns a reappearance into a regression. */
const EXPORTED = new Set(['accepted', 'wont-fix', 'fixed']);

export function buildBaseline(buckets: BucketRow[]): Baseline {
  const entries = buckets
    .filter((b) => EXPORTED.has(b.status))
    .map((b) => ({ fingerprint: b.fingerprint, title: b.title, status: b.status as BaselineEntry['status'], note: b.note, decidedAt: b.statusChangedAt }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { parityBaseline: 1, buckets: entries };
}

export function readBaseline(file: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new StoreError('bad-value', file, `cannot read the baseline: ${(err as Error).message}`);
  }
  const v = value as Partial<Baseline> | null;
  if (v === null || typeof v !== 'object' || v.parityBaseline !== 1 || !Array.isArray(v.buckets)) {
    throw new StoreError('bad-value', file, 'not a parity baseline (expected {"parityBaseline": 1, "buckets": [...]}; write one with `parity baseline export`)');
  }
  v.buckets.forEach((b, i) => {
    if (typeof b?.fingerprint !== 'string' || !EXPORTED.has(b.status)) {
      throw new StoreError('bad-value', file, `baseline entry ${i} needs a "fingerprint" string and a "status" of accepted, wont-fix or fixed`);
    }
  });
  return v as Baseline;
}
