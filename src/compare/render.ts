/** Differences for humans: a unified diff of two values, and one line per difference. */
import { createTwoFilesPatch } from 'diff';
import { jsonType, stableStringify } from './json.js';
import type { Difference } from './types.js';

/**
 * A unified diff of stable pretty JSON (keys sorted recursively, so key order never shows),
 * headed `reference` / `candidate`. Empty string when the two render the same. An absent
 * value (undefined) renders as an empty file.
 */
export function renderDiff(reference: unknown, candidate: unknown, opts: { context?: number } = {}): string {
  const a = reference === undefined ? '' : stableStringify(reference, 2) + '\n';
  const b = candidate === undefined ? '' : stableStringify(candidate, 2) + '\n';
  if (a === b) return '';
  const patch = createTwoFilesPatch('reference', 'candidate', a, b, undefined, undefined, { context: opts.context ?? 3 });
  // Drop jsdiff's `Index:`/`====` preamble: the ---/+++ headers say it all.
  return patch.slice(patch.indexOf('--- '));
}

const SHOW_LIMIT = 80;

/** A value in one line: JSON, clipped. */
export function showValue(v: unknown): string {
  const text = v === undefined ? 'nothing' : (stableStringify(v) ?? String(v));
  return text.length > SHOW_LIMIT ? `${text.slice(0, SHOW_LIMIT - 1)}…` : text;
}

function short(x: number): string {
  return String(Number(x.toPrecision(2)));
}

/** One line: `nodes["a:1"].props.x: reference 12.75, candidate 12.750000000000002 (drift 1.8e-15, 1 ulp)`. */
export function summarizeDifference(d: Difference): string {
  const where = d.path === '' ? '(root)' : d.path;
  let text: string;
  switch (d.kind) {
    case 'missing':
      text = `only the reference has ${showValue(d.reference)}`;
      break;
    case 'extra':
      text = `only the candidate has ${showValue(d.candidate)}`;
      break;
    case 'order':
      text = `same elements in another order: reference ${showValue(d.reference)}, candidate ${showValue(d.candidate)}`;
      break;
    case 'length':
      text = `reference length ${showValue(d.reference)}, candidate length ${showValue(d.candidate)}`;
      break;
    case 'type':
      text = `reference ${jsonType(d.reference)} ${showValue(d.reference)}, candidate ${jsonType(d.candidate)} ${showValue(d.candidate)}`;
      break;
    default:
      text = `reference ${showValue(d.reference)}, candidate ${showValue(d.candidate)}`;
  }
  if (d.drift) text += ` (drift ${short(d.drift.abs)}, ${d.drift.ulps} ${d.drift.ulps === 1 ? 'ulp' : 'ulps'})`;
  if (d.kind === 'float-drift') text += ' within tolerance';
  if (d.capped) text += ' [more differences not listed]';
  return `${where}: ${text}`;
}
