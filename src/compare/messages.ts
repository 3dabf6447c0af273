/**
 * Broadcast streams compared the way clients see them: for every client id in either side's
 * `to` lists, the ordered sequence of messages that client receives. Two engines that send the
 * same things to the same people in a different grouping are reported where a client would notice.
 */
import { Walker } from './walker.js';
import type { CompareOptions, Difference } from './types.js';

type Addressed = { to: string[] };

/** A message a per-recipient view can place: an object whose `to` is a non-empty list of strings. */
function addressed(m: unknown): m is Addressed {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const to = (m as { to?: unknown }).to;
  return Array.isArray(to) && to.length > 0 && to.every((c) => typeof c === 'string');
}

function byRecipient(list: Addressed[]): Map<string, Addressed[]> {
  const out = new Map<string, Addressed[]>();
  for (const m of list) {
    for (const c of m.to) {
      let seq = out.get(c);
      if (!seq) out.set(c, (seq = []));
      // A client listed twice receives the message twice.
      seq.push(m);
    }
  }
  return out;
}

/**
 * Differences between two engines' answers to one record. Paths start at `messages`:
 * `messages["alice"][0].op.index`. A side that is not an array is a `type` difference at
 * `messages`; lists holding a message without a usable `to` are compared as plain arrays
 * (`messages[2].kind`), since no per-recipient view exists for them.
 */
export function compareMessages(reference: unknown, candidate: unknown, opts: CompareOptions): Difference[] {
  const w = new Walker(opts, ['messages']);
  if (!Array.isArray(reference) || !Array.isArray(candidate) || !reference.every(addressed) || !candidate.every(addressed)) {
    w.value(reference, candidate);
    return w.out;
  }
  const ref = byRecipient(reference);
  const cand = byRecipient(candidate);
  const clients = [...new Set([...ref.keys(), ...cand.keys()])].sort();
  for (const c of clients) {
    w.at(c, ref.get(c) ?? [], cand.get(c) ?? []);
    if (w.stopped) break;
  }
  return w.out;
}
