/** Small readers over a scenario outcome, so the tests state facts by record number. */
import type { CanonicalNode, ServerMessage } from '../../src/engine/protocol.js';
import type { Outcome } from './run.js';

export function messagesAt(o: Outcome, n: number): ServerMessage[] {
  const step = o.steps.find((s) => s.n === n);
  if (step === undefined) throw new Error(`no record ${n}`);
  return step.messages;
}

/** The nack reason of record n, 'applied' for an op message, or the kinds joined. */
export function outcomeAt(o: Outcome, n: number): string {
  const messages = messagesAt(o, n);
  if (messages.length === 1 && messages[0]!.kind === 'nack') return messages[0]!.reason as string;
  if (messages.length === 1 && messages[0]!.kind === 'op') return 'applied';
  return messages.map((m) => m.kind).join(',');
}

/** The RESOLVED op broadcast for record n. */
export function resolvedAt(o: Outcome, n: number): Record<string, unknown> {
  const m = messagesAt(o, n)[0]!;
  if (m.kind !== 'op') throw new Error(`record ${n} was not applied: ${JSON.stringify(m)}`);
  return m.op as Record<string, unknown>;
}

export function finalNode(o: Outcome, id: string, doc = 'd1'): CanonicalNode {
  const node = o.trees[doc]!.nodes[id];
  if (node === undefined) throw new Error(`${id} is not live in ${doc}`);
  return node;
}
