import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/exit.js';
import { bundledNames, joinCommandLine, otherDoor, resolveEngineSpec, splitCommandLine } from '../../src/engine/index.js';
import { fixture } from './helpers.js';

describe('splitCommandLine', () => {
  it.each([
    ['node engine.js', ['node', 'engine.js']],
    ['  python3   -u  e.py  ', ['python3', '-u', 'e.py']],
    [`'my engine' --flag`, ['my engine', '--flag']],
    [`"say \\"hi\\"" 'lit\\eral'`, ['say "hi"', 'lit\\eral']],
    [`a\\ b c`, ['a b', 'c']],
    [`--x="a b"c ''`, ['--x=a bc', '']],
    [`a|b >out $HOME *`, ['a|b', '>out', '$HOME', '*']],
  ])('%s', (line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });

  it('refuses unterminated quotes and a trailing backslash', () => {
    expect(() => splitCommandLine(`node 'oops`)).toThrow(UsageError);
    expect(() => splitCommandLine(`node "oops`)).toThrow(/unterminated/);
    expect(() => splitCommandLine(`node \\`)).toThrow(/backslash/);
  });

  it('joinCommandLine round-trips any words', () => {
    const words = ['/usr/bin/node', 'it\'s here', 'a "b"', '', 'back\\slash', '$x', 'plain-word_1.js'];
    expect(splitCommandLine(joinCommandLine(words))).toEqual(words);
  });
});

describe('resolveEngineSpec', () => {
  it('resolves bundled names to their module, from sources as .ts', () => {
    const ref = resolveEngineSpec('reference');
    expect(ref).toMatchObject({ door: 'module', label: 'reference' });
    expect(ref.door === 'module' && ref.path).toMatch(/engines[/\\]reference[/\\]index\.ts$/);
    expect(resolveEngineSpec('candidate')).toMatchObject({ door: 'module', label: 'candidate' });
  });

  it('takes module paths and cmd: command lines', () => {
    expect(resolveEngineSpec(fixture('throws.mjs'))).toMatchObject({ door: 'module', label: 'throws.mjs', path: fixture('throws.mjs') });
    expect(resolveEngineSpec('cmd: python3 engine.py ')).toEqual({ door: 'child', label: 'python3 engine.py', command: 'python3 engine.py' });
  });

  it('names what is wrong and lists the bundled names', () => {
    expect(() => resolveEngineSpec('refrence')).toThrow(UsageError);
    expect(() => resolveEngineSpec('refrence')).toThrow(/unknown engine "refrence".*reference, candidate/);
    expect(() => resolveEngineSpec('mutant:nope')).toThrow(/no bundled mutant "nope"/);
    expect(() => resolveEngineSpec('./missing.js')).toThrow(/not found: .\/missing.js/);
    expect(() => resolveEngineSpec('cmd:')).toThrow(/empty command/);
    expect(() => resolveEngineSpec(`cmd:node 'x`)).toThrow(/unterminated/);
  });

  it('lists bundled mutants present in the tree', () => {
    const names = bundledNames();
    expect(names.slice(0, 2)).toEqual(['reference', 'candidate']);
    for (const m of names.slice(2)) expect(resolveEngineSpec(m).door).toBe('module');
  });

  it('otherDoor serves a module through the generic entry, and leaves a child as is', () => {
    const child = otherDoor(resolveEngineSpec(fixture('throws.mjs')));
    expect(child.door).toBe('child');
    if (child.door !== 'child') return;
    const words = splitCommandLine(child.command);
    expect(words[0]).toBe(process.execPath);
    expect(words.at(-2)).toMatch(/serve-module\.ts$/);
    expect(words.at(-1)).toBe(fixture('throws.mjs'));
    const cmd = resolveEngineSpec('cmd:./engine');
    expect(otherDoor(cmd)).toBe(cmd);
  });
});
