/** Envelope errors as values (LogIssue) and the one error class that carries them when reading must stop. */
import type { LogIssue } from './types.js';

/** Thrown by readLog on the first envelope error (or an unreadable/corrupt stream) when not skipping. */
export class LogError extends Error {
  override name = 'LogError';
  readonly issues: LogIssue[];
  constructor(issues: LogIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}

/** `file:line: message`; line 0 means the file as a whole (it could not be opened). */
export function formatIssue(i: LogIssue): string {
  return i.line > 0 ? `${i.file}:${i.line}: ${i.message}` : `${i.file}: ${i.message}`;
}

const SHOWN = 80;

/** The `got <value>` part: the JSON rendering of what was found, cut to ~80 characters. */
export function shown(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  // 1e400 parses to Infinity, which JSON would render as null.
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return clip(text);
}

export function clip(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}...` : text;
}
