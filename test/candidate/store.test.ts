/**
 * The node store's intern table and slot recycling, and the value rules that have fast paths
 * (too-large decided without stringifying, exact at the 65,536-byte boundary).
 */
import { describe, expect, it } from 'vitest';
import { NodeStore, RETIRED } from '../../engines/candidate/store.js';
import { FRAME, G_X, RECTANGLE } from '../../engines/candidate/types.js';
import { materialize, storable, stringify, tooLarge } from '../../engines/candidate/values.js';

describe('NodeStore', () => {
  it('interns ids to slots, retires them for good, and recycles the slots', () => {
    const s = new NodeStore(256, 2);
    const a = s.allocate('a', FRAME, -1, 0);
    const b = s.allocate('b', RECTANGLE, a, 1);
    const c = s.allocate('__proto__', RECTANGLE, a, 2); // forces a grow past capacity 2
    expect([s.slotOf('a'), s.slotOf('b'), s.slotOf('__proto__')]).toEqual([a, b, c]);
    s.geo[G_X][b] = 42;
    s.release(b);
    expect(s.slotOf('b')).toBe(RETIRED);
    expect(s.seen('b')).toBe(true);
    expect(s.isLive(b)).toBe(false);
    const d = s.allocate('d', RECTANGLE, a, 3);
    expect(d).toBe(b); // recycled ...
    expect(s.geo[G_X][d]).toBe(0); // ... with fresh geometry
    expect(s.born[d]).toBe(3);
    expect(s.slotOf('never')).toBe(-1);
    expect(s.seen('never')).toBe(false);
    expect(s.highWater).toBe(3);
  });
});

describe('too-large', () => {
  const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');
  const cases: Array<[string, unknown]> = [
    ['ascii 65,534 (65,536 bytes)', 'a'.repeat(65_534)],
    ['ascii 65,535', 'a'.repeat(65_535)],
    ['2-byte 32,767', 'é'.repeat(32_767)],
    ['2-byte 32,768', 'é'.repeat(32_768)],
    ['3-byte 21,844', '€'.repeat(21_844)],
    ['3-byte 21,845', '€'.repeat(21_845)],
    ['escaped 10,922', '\u0001'.repeat(10_922)],
    ['escaped 10,923', '\u0001'.repeat(10_923)],
    ['quotes 32,767', '"'.repeat(32_767)],
    ['quotes 32,768', '"'.repeat(32_768)],
    ['lone surrogates 10,922', '\ud800'.repeat(10_922)],
    ['lone surrogates 10,923', '\ud800'.repeat(10_923)],
    ['array of 65,532', ['a'.repeat(65_532)]],
    ['array of 65,533', ['a'.repeat(65_533)]],
    ['object', { k: 'é'.repeat(32_760) }],
    ['number', 1e300],
    ['null', null],
  ];
  for (const [name, v] of cases) {
    it(`matches the byte length of JSON.stringify: ${name}`, () => {
      expect(tooLarge(v)).toBe(bytes(v) > 65_536);
    });
  }

  it('handles values deeper than JSON.stringify can recurse', () => {
    const depth = 30_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    const deep = JSON.parse(text) as unknown;
    expect(stringify(deep)).toBe(text);
    expect(tooLarge(deep)).toBe(false);
    const obj = JSON.parse('{"a":'.repeat(5) + '[1,{"__proto__":-0,"b":"x"}]' + '}'.repeat(5)) as unknown;
    expect(stringify(obj)).toBe(JSON.stringify(obj));
  });

  it('stores objects as text and hands out fresh copies', () => {
    const v = JSON.parse('{"__proto__":{"a":1},"b":[1,2]}') as Record<string, unknown>;
    const stored = storable(v);
    const out1 = materialize(stored) as Record<string, unknown>;
    (out1.b as number[]).push(3);
    const out2 = materialize(stored) as Record<string, unknown>;
    expect(out2.b).toEqual([1, 2]);
    expect(Object.keys(out2)).toEqual(['__proto__', 'b']);
    expect(materialize(storable('s'))).toBe('s');
  });
});
