import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, normalizePath, parsePath, PathSyntaxError, compileRules } from '../../src/compare/index.js';

const segment = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('__proto__', 'constructor', 'a.b', 'x[0]', '"', '\\', '*', '**', '#', '', '0', '01', 'nodes', 'tree', 'messages', ']', '['),
  fc.nat({ max: 1_000_000 }),
);

describe('paths', () => {
  it('render identifier keys dotted, other keys quoted, indices bracketed', () => {
    expect(formatPath(['props', 'x'])).toBe('props.x');
    expect(formatPath(['props', 'a b', 3])).toBe('props["a b"][3]');
    expect(formatPath(['props', '3'])).toBe('props["3"]');
    expect(formatPath([3, 'x'])).toBe('[3].x');
    expect(formatPath([])).toBe('');
  });

  it('always bracket node and client ids, even identifier-like ones', () => {
    expect(formatPath(['nodes', 'a:1', 'props', 'x'])).toBe('nodes["a:1"].props.x');
    expect(formatPath(['nodes', 'root', 'children', 0])).toBe('nodes["root"].children[0]');
    expect(formatPath(['messages', 'alice', 0, 'op', 'index'])).toBe('messages["alice"][0].op.index');
    expect(formatPath(['messages', 'alice', 0, 'tree', 'nodes', 'n', 'type'])).toBe('messages["alice"][0].tree.nodes["n"].type');
    // `nodes` as a prop name deeper down is not a node map.
    expect(formatPath(['nodes', 'a', 'props', 'nodes', 'b'])).toBe('nodes["a"].props.nodes.b');
  });

  it('round-trip any segments (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segs) => {
        expect(parsePath(formatPath(segs))).toEqual(segs);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('accept dotted and quoted spellings of the same key', () => {
    expect(parsePath('messages.alice[0]')).toEqual(parsePath('messages["alice"][0]'));
    expect(parsePath('props.__proto__')).toEqual(['props', '__proto__']);
    expect(parsePath('["\\u00e9\\n"]')).toEqual(['é\n']);
  });

  it('refuse bad text with the offset, and wildcards outside patterns', () => {
    for (const bad of ['props.', 'a..b', '[01]', '[-1]', '["x"', '["x]', 'a[x]', 'a b', '.a', 'a[*]', '*', '[1.5]']) {
      expect(() => parsePath(bad), bad).toThrow(PathSyntaxError);
    }
    expect(() => parsePath('a..b')).toThrow(/offset 2/);
  });

  it('refuse impossible segments when formatting', () => {
    expect(() => formatPath([-1])).toThrow(RangeError);
    expect(() => formatPath([1.5])).toThrow(RangeError);
  });
});

describe('normalizePath', () => {
  it('replaces node ids, client ids and indices, keeps prop names', () => {
    expect(normalizePath('nodes["a:1"].props.x')).toBe('nodes[*].props.x');
    expect(normalizePath('messages["alice"][3].op.index')).toBe('messages[*][#].op.index');
    expect(normalizePath('nodes["a:1"].children[4]')).toBe('nodes[*].children[#]');
    expect(normalizePath('messages["bob"][0].tree.nodes["x:9"].bounds[2]')).toBe('messages[*][#].tree.nodes[*].bounds[#]');
    expect(normalizePath('nodes["a"].props.nodes.b')).toBe('nodes[*].props.nodes.b');
    expect(normalizePath('messages[2].kind')).toBe('messages[#].kind');
    expect(normalizePath('seq')).toBe('seq');
    expect(normalizePath('')).toBe('');
  });

  it('is idempotent, leaves unparsable text alone, and yields a pattern matching the path (fast-check)', () => {
    expect(normalizePath('not a path')).toBe('not a path');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segs, asNodes) => {
        const path = formatPath(asNodes ? ['nodes', ...segs] : ['messages', ...segs]);
        const norm = normalizePath(path);
        expect(normalizePath(norm)).toBe(norm);
        expect(compileRules([norm]).matches(path)).toBe(true);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});
