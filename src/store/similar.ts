/**
 * The similarity step: buckets that are probably the same bug seen from another side (same path
 * shape after another op, or a near path). Only suggested in `triage show`; never merged, since a
 * wrong merge would hide a bug and a person decides buckets once.
 */

export interface SimilarInput {
  id: number;
  fingerprint: string;
  kind: string;
  opType: string | null;
  normPath: string;
  nackReason: string | null;
}

export interface Related {
  fingerprint: string;
  id: number;
  score: number;
  why: string;
}

/** Similarity at or above this is worth showing. */
export const SIMILARITY_THRESHOLD = 0.6;

function tokens(b: SimilarInput): Set<string> {
  const out = new Set<string>();
  for (const t of b.normPath.split(/[.[\]]+/)) if (t !== '') out.add(`p:${t}`);
  out.add(`k:${b.kind}`);
  if (b.opType !== null) out.add(`o:${b.opType}`);
  if (b.nackReason !== null) out.add(`r:${b.nackReason}`);
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 1 : both / union;
}

export function relatedBuckets(target: SimilarInput, all: SimilarInput[], limit = 5): Related[] {
  const mine = tokens(target);
  const out: Related[] = [];
  for (const b of all) {
    if (b.fingerprint === target.fingerprint) continue;
    if (b.kind === target.kind && b.normPath === target.normPath) {
      const what = b.opType !== target.opType ? `op ${b.opType ?? '-'}` : `nack ${b.nackReason ?? '-'}`;
      out.push({ fingerprint: b.fingerprint, id: b.id, score: 1, why: `same kind and path, other ${what}` });
      continue;
    }
    const score = jaccard(mine, tokens(b));
    if (score >= SIMILARITY_THRESHOLD) out.push({ fingerprint: b.fingerprint, id: b.id, score, why: `similar path (${Math.round(score * 100)}% shared)` });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}
