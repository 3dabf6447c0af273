/**
 * Paths: where a difference is, as a JS-like expression (`nodes["a:1"].props.x`, `[3]`).
 * Identifier-safe keys are dotted, every other key is a JSON-quoted `["..."]`, indices are `[n]`.
 * The same grammar, plus wildcards, spells rule and tolerance patterns (rules.ts).
 */

export type Segment = string | number;

/** Wildcards exist only in patterns: `*` one segment, `**` any number, `#` one numeric index. */
export const ONE = Symbol('*');
export const ANY = Symbol('**');
export const INDEX = Symbol('#');
export type Wildcard = typeof ONE | typeof ANY | typeof INDEX;
export type Token = Segment | Wildcard;

/** A path or pattern that does not parse; names the text and the offset. */
export class PathSyntaxError extends Error {
  constructor(
    readonly text: string,
    readonly offset: number,
    what: string,
  ) {
    super(`bad path ${JSON.stringify(text)} at offset ${offset}: ${what}`);
    this.name = 'PathSyntaxError';
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const IDENT_AT = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const INDEX_AT = /0|[1-9][0-9]*/y;

/** One segment as it appears after its predecessor (`first`: no leading dot). */
export function formatSegment(segment: Segment, first: boolean): string {
  if (typeof segment === 'number') {
    if (!Number.isSafeInteger(segment) || segment < 0) throw new RangeError(`path index must be a non-negative integer, got ${segment}`);
    return `[${segment}]`;
  }
  if (IDENT.test(segment)) return first ? segment : `.${segment}`;
  return `[${JSON.stringify(segment)}]`;
}

/**
 * Ids stand in brackets even when they look like names, so a node or client id never reads as a
 * field: the key right after a leading `messages` (a client), and the key right after a `nodes`
 * that starts the path or follows `tree` (a node id, also inside snapshot messages).
 */
export function isIdPosition(segments: ReadonlyArray<unknown>, i: number): boolean {
  const prev = segments[i - 1];
  if (i === 1 && prev === 'messages') return true;
  return prev === 'nodes' && (i === 1 || segments[i - 2] === 'tree');
}

/**
 * Where a snapshot message's tree starts in a path: `messages["alice"][0].tree.nodes["a:1"]...`
 * (client, position, `tree`) gives 4, so the rest is the tree-relative path a checkpoint would
 * report (`nodes["a:1"]...`); -1 for every other path. Only `snapshot` messages carry a `tree`
 * (document-model.md), so the path alone says where a tree is.
 */
export function treeStart(segments: ReadonlyArray<unknown>): number {
  return segments.length >= 4 && segments[0] === 'messages' && typeof segments[1] === 'string' && typeof segments[2] === 'number' && segments[3] === 'tree'
    ? 4
    : -1;
}

/** The path inside a snapshot message's tree (`nodes["a:1"].bounds[2]`, `` for the tree itself), else null. */
export function snapshotTreePath(path: string): string | null {
  let segments: Segment[];
  try {
    segments = parseTokens(path, false) as Segment[];
  } catch {
    return null;
  }
  const start = treeStart(segments);
  return start < 0 ? null : formatPath(segments.slice(start));
}

export function formatPath(segments: ReadonlyArray<Segment>): string {
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    out += typeof s === 'string' && isIdPosition(segments, i) ? `[${JSON.stringify(s)}]` : formatSegment(s, i === 0);
  }
  return out;
}

/** The segments of a path; throws PathSyntaxError. Wildcards are refused: this is a path, not a pattern. */
export function parsePath(path: string): Segment[] {
  return parseTokens(path, false) as Segment[];
}

/** The tokens of a path or (with `wildcards`) a pattern. */
export function parseTokens(text: string, wildcards: boolean): Token[] {
  const out: Token[] = [];
  let pos = 0;
  const fail = (what: string): never => {
    throw new PathSyntaxError(text, pos, what);
  };
  // A bare name or a dotted wildcard, at `pos`.
  const name = (): Token => {
    if (wildcards && text[pos] === '*') {
      if (text[pos + 1] === '*') {
        pos += 2;
        return ANY;
      }
      pos += 1;
      return ONE;
    }
    IDENT_AT.lastIndex = pos;
    const m = IDENT_AT.exec(text);
    if (!m) return fail(wildcards ? 'expected a name, * or **' : 'expected a name');
    pos += m[0].length;
    return m[0];
  };
  const bracket = (): Token => {
    pos++; // '['
    let token: Token;
    const ch = text[pos];
    if (ch === '"') {
      let j = pos + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return fail('unterminated string');
      try {
        token = JSON.parse(text.slice(pos, j + 1)) as string;
      } catch {
        return fail('bad string escape');
      }
      pos = j + 1;
    } else if (ch !== undefined && ch >= '0' && ch <= '9') {
      INDEX_AT.lastIndex = pos;
      const m = INDEX_AT.exec(text)!;
      token = Number(m[0]);
      if (!Number.isSafeInteger(token)) return fail('index too large');
      pos += m[0].length;
    } else if (wildcards && ch === '*') {
      token = text[pos + 1] === '*' ? ANY : ONE;
      pos += token === ANY ? 2 : 1;
    } else if (wildcards && ch === '#') {
      token = INDEX;
      pos++;
    } else {
      return fail(wildcards ? 'expected an index, a quoted key, *, ** or #' : 'expected an index or a quoted key');
    }
    if (text[pos] !== ']') return fail('expected ]');
    pos++;
    return token;
  };
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === '[') out.push(bracket());
    else if (out.length === 0) out.push(name());
    else if (ch === '.') {
      pos++;
      out.push(name());
    } else fail('expected . or [');
  }
  return out;
}
