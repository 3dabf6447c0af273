/**
 * Bucket identity. A divergence seen ten thousand times is one bug: its fingerprint keeps what
 * names the bug (difference kind, op type, path shape, nack reason, disposition) and drops what
 * names one occurrence (node ids, client ids, list indices, values, documents).
 */
import { createHash } from 'node:crypto';
import { normalizePath } from '../compare/index.js';
import type { Divergence } from '../replay/index.js';

/**
 * Ids and indices out of a path (`nodes["a:1"].children[3]` -> `nodes[*].children[#]`): the compare
 * stage owns path syntax, so buckets and noise counters agree on what "the same place" is.
 */
export { normalizePath };

/** What a fingerprint is computed from; kept on the bucket so people can read it. */
export interface FingerprintParts {
  kind: string;
  opType: string | null;
  normPath: string;
  nackReason: string | null;
  disposition: string;
}

export function fingerprintParts(d: Pick<Divergence, 'kind' | 'opType' | 'path' | 'nackReason' | 'disposition'>): FingerprintParts {
  return { kind: d.kind, opType: d.opType, normPath: normalizePath(d.path), nackReason: d.nackReason, disposition: d.disposition };
}

/** Hex digits kept: 64 bits, so two distinct bugs colliding is not a practical worry. */
export const FINGERPRINT_LENGTH = 16;

/** Recent fingerprints by their input text: a run repeats a few bugs many times, and hashing shows in profiles. */
const memo = new Map<string, string>();

export function fingerprintOf(p: FingerprintParts): string {
  // JSON of an array: unambiguous separators, and null stays distinct from "null".
  const text = JSON.stringify([p.kind, p.opType, p.normPath, p.nackReason, p.disposition]);
  let fp = memo.get(text);
  if (fp === undefined) {
    fp = createHash('sha256').update(text).digest('hex').slice(0, FINGERPRINT_LENGTH);
    if (memo.size >= 4096) memo.clear();
    memo.set(text, fp);
  }
  return fp;
}

export function fingerprint(d: Pick<Divergence, 'kind' | 'opType' | 'path' | 'nackReason' | 'disposition'>): string {
  return fingerprintOf(fingerprintParts(d));
}

/** Only real divergences and engine failures decide a gate; ignored, noise and drift are kept for audit. */
export function isGating(disposition: string): boolean {
  return disposition === 'divergence';
}

/** A bucket's default title: what differed, where, after what. */
export function defaultTitle(p: FingerprintParts): string {
  const where = p.normPath === '' ? '' : ` at ${p.normPath}`;
  const after = p.opType === null ? '' : ` after ${p.opType}`;
  const nack = p.nackReason === null ? '' : ` (nack ${p.nackReason})`;
  const disp = p.disposition === 'divergence' ? '' : ` [${p.disposition}]`;
  return `${p.kind}${where}${after}${nack}${disp}`;
}
