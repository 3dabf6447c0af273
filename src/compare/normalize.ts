/**
 * Normalized paths: the shape of a path with its identities taken out, so that the same bug at
 * another node, recipient or position lands in the same bucket and the same noise counter.
 *
 * Replaced: every numeric index by `[#]`; the key right after a `nodes` segment that starts the
 * path or follows `tree` (a node id) by `[*]`; the key right after a leading `messages` (a client
 * id) by `[*]`. Prop names and every other key are kept: they are what the difference is about.
 */
import { ANY, formatSegment, INDEX, isIdPosition, ONE, parseTokens, type Token } from './path.js';

function render(token: Token, first: boolean): string {
  if (token === ONE) return first ? '*' : '[*]';
  if (token === ANY) return first ? '**' : '[**]';
  if (token === INDEX) return '[#]';
  return formatSegment(token, first);
}

/** Paths that do not parse come back unchanged; a normalized path normalizes to itself. */
export function normalizePath(path: string): string {
  let tokens: Token[];
  try {
    tokens = parseTokens(path, true);
  } catch {
    return path;
  }
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i]!;
    if (typeof t === 'number') t = INDEX;
    else if (typeof t === 'string' && isIdPosition(tokens, i)) t = ONE;
    out += render(t, i === 0);
  }
  return out;
}
