import { describe, expect, it } from 'vitest';
import { compileRules, PathSyntaxError } from '../../src/compare/index.js';

describe('compileRules', () => {
  it('matches exact paths, never substrings or prefixes', () => {
    const r = compileRules(['nodes["a:1"].props.id']);
    expect(r.matches('nodes["a:1"].props.id')).toBe(true);
    expect(r.matches('nodes["a:1"].props.idx')).toBe(false);
    expect(r.matches('nodes["a:1"].props.id.x')).toBe(false);
    expect(r.matches('nodes["a:1"].props')).toBe(false);
    expect(r.matches('nodes["a:11"].props.id')).toBe(false);
  });

  it('`*` is exactly one segment, key or index', () => {
    const r = compileRules(['nodes[*].props.x', 'messages[*][*].seq']);
    expect(r.matches('nodes["a:1"].props.x')).toBe(true);
    expect(r.matches('nodes["weird \\"id"].props.x')).toBe(true);
    expect(r.matches('nodes.props.x')).toBe(false);
    expect(r.matches('nodes["a"]["b"].props.x')).toBe(false);
    expect(r.matches('messages["alice"][3].seq')).toBe(true);
    expect(r.matches('messages["alice"].seq')).toBe(false);
    expect(r.matches('messages["alice"][3].op.seq')).toBe(false);
  });

  it('`**` is any number of segments, zero included', () => {
    const r = compileRules(['**.bounds']);
    expect(r.matches('bounds')).toBe(true);
    expect(r.matches('nodes["a"].bounds')).toBe(true);
    expect(r.matches('messages["a"][0].tree.nodes["b"].bounds')).toBe(true);
    expect(r.matches('nodes["a"].bounds[0]')).toBe(false);
    expect(r.matches('nodes["a"].boundsX')).toBe(false);
    const under = compileRules(['nodes[*].props.**']);
    expect(under.matches('nodes["a"].props')).toBe(true);
    expect(under.matches('nodes["a"].props.fills[0].color.r')).toBe(true);
    expect(under.matches('nodes["a"].type')).toBe(false);
    const mid = compileRules(['a.**.z.**.z']);
    expect(mid.matches('a.z.z')).toBe(true);
    expect(mid.matches('a.b.z.c.d.z')).toBe(true);
    expect(mid.matches('a.b.z.c.d')).toBe(false);
    expect(compileRules(['**']).matches('')).toBe(true);
  });

  it('`#` is one numeric index; a quoted "*" is a literal key', () => {
    const r = compileRules(['messages[*][#].op.index']);
    expect(r.matches('messages["alice"][3].op.index')).toBe(true);
    expect(r.matches('messages["alice"]["3"].op.index')).toBe(false);
    const lit = compileRules(['props["*"]']);
    expect(lit.matches('props["*"]')).toBe(true);
    expect(lit.matches('props.x')).toBe(false);
  });

  it('indices and numeric-looking keys are different segments', () => {
    const r = compileRules(['a[0]']);
    expect(r.matches('a[0]')).toBe(true);
    expect(r.matches('a["0"]')).toBe(false);
  });

  it('dotted and quoted spellings of a key are the same pattern', () => {
    const r = compileRules(['messages.alice[0]']);
    expect(r.matches('messages["alice"][0]')).toBe(true);
  });

  it('an empty rule set matches nothing; a bad pattern throws naming it', () => {
    expect(compileRules([]).matches('seq')).toBe(false);
    expect(() => compileRules(['nodes[*.x'])).toThrow(PathSyntaxError);
    expect(() => compileRules(['nodes[*.x'])).toThrow(/nodes\[\*\.x/);
  });

  it('answers the same from its cache', () => {
    const r = compileRules(['seq']);
    for (let i = 0; i < 3; i++) {
      expect(r.matches('seq')).toBe(true);
      expect(r.matches('root')).toBe(false);
    }
    expect(r.matches('not a [path')).toBe(false);
  });
});
