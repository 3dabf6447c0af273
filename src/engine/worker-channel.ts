/**
 * What the host and its worker thread tell each other. Results travel in one message per
 * call; a shared control block lets the host see, without the worker's help, which record is
 * running (to name a hang) and read back the answers the worker had already produced when it
 * had to be killed (so a hang at record k still yields the answers to records 0..k-1).
 */

/** Int32 slots of the control block. */
export const CTL = {
  /** 1 while engine code runs (a record, a snapshot, close), else 0. */
  busy: 0,
  /** The request id in flight. */
  request: 1,
  /** Its record index (-1 for snapshot/close). */
  index: 2,
  /** Bumped at the start and end of every engine call: the host's watchdog samples it. */
  ticks: 3,
  /** Answers of the request in flight written to the recovery buffer so far. */
  written: 4,
  /** Bytes used in the recovery buffer. */
  bytes: 5,
  /** 1 when the recovery buffer could not grow: answers of this request are not recoverable. */
  overflow: 6,
  size: 8,
} as const;

/** The recovery buffer holds, per answer: ns (float64), byte length (uint32), UTF-8 text. */
export const RECOVERY_ENTRY_HEADER = 12;
export const RECOVERY_INITIAL = 1 << 20;
export const RECOVERY_MAX = 1 << 30;

export interface WorkerInit {
  modulePath: string;
  control: SharedArrayBuffer;
  recovery: SharedArrayBuffer;
}

export type WorkerRequest =
  | { op: 'handle'; id: number; doc: string; lines: readonly string[] }
  | { op: 'snapshot'; id: number; doc: string }
  | { op: 'close'; id: number; doc: string };

export interface WireFailure {
  kind: 'throw' | 'garbage';
  message: string;
  detail: string;
  index: number;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'load-error'; message: string }
  | { type: 'result'; id: number; texts: string[]; ns: number[]; failure?: WireFailure; heap: number };
