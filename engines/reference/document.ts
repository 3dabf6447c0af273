/**
 * One document of the reference engine: its tree, sequencer, transform history and sessions.
 * `handle` turns one log record into its server messages (document-model §5).
 */
import type { CanonicalTree, EngineInstance, LogRecord, ServerMessage } from '../../src/engine/protocol.js';
import { applyOp } from './apply.js';
import { exportTree, loadTree } from './canonical.js';
import { checkOp } from './checks.js';
import { isObject } from './json.js';
import type { Reason } from './reasons.js';
import { Sessions } from './sessions.js';
import { isIndex, readOp, type Op } from './shape.js';
import { HISTORY_SEQS, History } from './transform.js';
import { Tree } from './tree.js';

export class ReferenceDocument implements EngineInstance {
  private tree = new Tree();
  private seq = 0;
  /** The seq of the last load: no history before it is known, so an older base is stale. */
  private loadSeq = 0;
  private readonly history = new History();
  private readonly sessions = new Sessions();

  handle(record: LogRecord): ServerMessage[] {
    if (!isObject(record)) return [];
    switch (record.kind) {
      case 'connect':
        return typeof record.client === 'string' ? this.connect(record.client) : [];
      case 'disconnect':
        return typeof record.client === 'string' ? this.disconnect(record.client) : [];
      case 'op':
        return typeof record.client === 'string' && isIndex(record.cseq) && record.cseq >= 1
          ? this.op(record.client, record.cseq, record.base, record.op)
          : [];
      case 'load':
        this.load(record.tree);
        return [];
      default:
        // Anything that is not a known record kind is answered with nothing.
        return [];
    }
  }

  snapshot(): CanonicalTree {
    return exportTree(this.tree, this.seq);
  }

  /** A connect (or reconnect, which replaces the old session and sends no `left`). */
  private connect(client: string): ServerMessage[] {
    this.sessions.connect(client);
    const messages: ServerMessage[] = [{ to: [client], kind: 'snapshot', seq: this.seq, tree: this.snapshot() }];
    const others = this.sessions.recipients(client);
    if (others.length > 0) messages.push({ to: others, kind: 'presence', client, state: 'joined' });
    return messages;
  }

  private disconnect(client: string): ServerMessage[] {
    if (!this.sessions.isConnected(client)) return [];
    this.sessions.disconnect(client);
    const others = this.sessions.recipients();
    return others.length > 0 ? [{ to: others, kind: 'presence', client, state: 'left' }] : [];
  }

  /** A load replaces the tree and seq and forgets history and retired ids; sessions stay. */
  private load(value: unknown): void {
    const loaded = loadTree(value);
    if (loaded === null) return;
    this.tree = loaded.tree;
    this.seq = loaded.seq;
    this.loadSeq = loaded.seq;
    this.history.clear();
  }

  /** Check order: not-connected, duplicate, shape and base (malformed), stale, the op's own checks. */
  private op(client: string, cseq: number, base: unknown, payload: unknown): ServerMessage[] {
    const nack = (reason: Reason): ServerMessage[] => [{ to: [client], kind: 'nack', cseq, reason }];
    // Not counted: the message never entered a session, so resending it after connecting is normal.
    if (!this.sessions.isConnected(client)) return nack('not-connected');
    // Not counted either: a duplicate leaves the highest cseq as it was.
    if (this.sessions.isDuplicate(client, cseq)) return nack('duplicate');
    this.sessions.count(client, cseq);

    const op = readOp(payload);
    const reason = this.reject(op, base);
    if (reason !== null) return nack(reason);

    this.seq += 1;
    const resolved = applyOp(
      { tree: this.tree, history: this.history, seq: this.seq, client, base: base as number | undefined },
      op!,
    );
    this.history.prune(this.seq);
    return [{ to: this.sessions.recipients(), kind: 'op', seq: this.seq, from: client, cseq, op: resolved }];
  }

  /** Why an op (already past not-connected and duplicate) cannot be applied, or null. */
  private reject(op: Op | null, base: unknown): Reason | null {
    // A base key that is present is checked even when null: JSON has no undefined.
    if (base !== undefined && !(isIndex(base) && base <= this.seq)) return 'malformed';
    if (op === null) return 'malformed';
    if (base !== undefined && ((base as number) < this.seq - HISTORY_SEQS || (base as number) < this.loadSeq)) return 'stale';
    return checkOp(this.tree, op);
  }
}
