/**
 * A readable unified diff of what the two engines produced at the first divergent record. Both
 * sides are pretty-printed with sorted keys first: key order carries no meaning in the document
 * model, so a diff of insertion orders would only hide the difference that matters.
 */
import { createTwoFilesPatch } from 'diff';

export type DiffLineKind = 'add' | 'del' | 'hunk' | 'head' | 'ctx';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/** Pretty JSON with object keys sorted; `undefined` (a side that has nothing there) reads `(absent)`. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '(absent)';
  return JSON.stringify(sortKeys(value), null, 2) ?? String(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      // defineProperty, so a key named `__proto__` stays a key.
      Object.defineProperty(out, key, { value: sortKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** The unified diff text (no `Index`/`===` preamble), or '' when both sides print the same. */
export function unifiedDiff(reference: unknown, candidate: unknown, context = 3): string {
  const a = `${prettyJson(reference)}\n`;
  const b = `${prettyJson(candidate)}\n`;
  if (a === b) return '';
  const patch = createTwoFilesPatch('reference', 'candidate', a, b, '', '', { context });
  return patch
    .split('\n')
    .filter((line) => !line.startsWith('====') && !line.startsWith('Index:'))
    .join('\n')
    .trimEnd();
}

/** Lines of a unified diff, each tagged for colouring. */
export function diffLines(diff: string): DiffLine[] {
  if (diff === '') return [];
  return diff.split('\n').map((text) => ({ kind: lineKind(text), text }));
}

function lineKind(line: string): DiffLineKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'head';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'ctx';
}
