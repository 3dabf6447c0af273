import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeXml, jsonForScript, markdownCode } from '../../src/report/index.js';
import { HOSTILE, IMG, SCRIPT } from './fixtures/model.js';
import { xmlProblems, xmlUnescape } from './xml-check.js';

describe('escapeHtml', () => {
  it('leaves no markup character raw', () => {
    const out = escapeHtml(HOSTILE);
    expect(out).not.toMatch(/[<>"']/);
    expect(out).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(out).toContain('🦄 é');
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element and parses back to the same value', () => {
    const value = { a: SCRIPT, b: `<!-- ${IMG} -->`, c: '\u2028&' };
    const out = jsonForScript(value);
    expect(out).not.toContain('<');
    expect(out).not.toContain('>');
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('escapeXml', () => {
  it('escapes markup, drops characters XML forbids, keeps unicode', () => {
    const out = escapeXml(`${HOSTILE}\u0000\uFFFF\uD800x`);
    expect(xmlProblems(`<a t="${out}">${out}</a>`)).toEqual([]);
    expect(out).not.toContain(']]>');
    expect(xmlUnescape(out)).toBe(HOSTILE.replace('\u0001', '') + 'x');
  });
  it('keeps a valid surrogate pair', () => {
    expect(escapeXml('🦄')).toBe('🦄');
  });
});

describe('markdown escaping', () => {
  it('keeps a hostile value inside one table cell, as text', () => {
    const out = escapeMarkdown(`a|b\n|c ${IMG} *x*`);
    expect(out).not.toMatch(/(^|[^\\])\|/);
    expect(out).not.toContain('\n');
    expect(out).not.toContain('<');
    expect(out).toContain('\\*x\\*');
  });
  it('fences code spans longer than any backtick run inside', () => {
    expect(markdownCode('a `b` ``c`` d')).toBe('```a `b` ``c`` d```');
    expect(markdownCode('x|y')).toBe('`x\\|y`');
    expect(markdownCode('`edge`')).toBe('`` `edge` ``');
  });
});
