/** What a run records about where it ran: each engine's content hash, and the git commit. */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineHash, gitCommit, Store } from '../../src/store/index.js';
import { cli, tempDir } from './fixtures/cli.js';

const COUNTER = fileURLToPath(new URL('../fixtures/engines/counter.ts', import.meta.url));
const LOG = fileURLToPath(new URL('../../corpora/scenarios/15-multi-document.ndjson', import.meta.url));

/** Replay LOG into the store with this candidate; returns the run it recorded. */
async function recordedRun(db: string, candidate: string) {
  const r = await cli('replay', '--inline', '--reference', 'reference', '--candidate', candidate, '--store', db, '--log-level', 'silent', LOG);
  expect(r.code, r.err).toBeLessThanOrEqual(1);
  const s = Store.open(db, { readonly: true });
  try {
    return s.run(s.lastRunId()!)!;
  } finally {
    s.close();
  }
}

describe('engine content hashes', () => {
  it('a run records each engine\'s hash; it changes when the engine\'s file or a file beside it changes, and only then', async () => {
    const dir = tempDir();
    // The engine alone in its folder: the hash covers the module's whole folder.
    mkdirSync(join(dir, 'engine'));
    const engine = join(dir, 'engine', 'counter.ts');
    copyFileSync(COUNTER, engine);
    const db = join(dir, 'parity.db');

    const first = await recordedRun(db, engine);
    expect(first.candidateHash).toMatch(/^[0-9a-f]{16}$/);
    expect(first.candidateHash).toBe(engineHash({ path: engine }));
    expect(first.referenceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(first.referenceHash).not.toBe(first.candidateHash);

    const again = await recordedRun(db, engine);
    expect(again.candidateHash).toBe(first.candidateHash);

    appendFileSync(engine, '\n// one changed line\n');
    const edited = await recordedRun(db, engine);
    expect(edited.candidateHash).toMatch(/^[0-9a-f]{16}$/);
    expect(edited.candidateHash).not.toBe(first.candidateHash);
    expect(edited.referenceHash).toBe(first.referenceHash);

    writeFileSync(join(dir, 'engine', 'helper.ts'), 'export const x = 1;\n');
    const helped = await recordedRun(db, engine);
    expect(helped.candidateHash).not.toBe(edited.candidateHash);
  });

  it('a command engine is hashed by its command line; an unreadable path has no hash', () => {
    expect(engineHash({ command: 'python3 engine.py' })).toBe(engineHash({ command: 'python3 engine.py' }));
    expect(engineHash({ command: 'python3 engine.py' })).not.toBe(engineHash({ command: 'python3 engine2.py' }));
    expect(engineHash({ path: join(tempDir(), 'missing', 'engine.mjs') })).toBeNull();
    expect(engineHash({})).toBeNull();
  });
});

describe('git commit of a run', () => {
  const cwd = process.cwd();
  const ceiling = process.env.GIT_CEILING_DIRECTORIES;
  let repo = '';
  let head = '';
  let outside = '';
  beforeEach(() => {
    // git must not find a repository above the temp folder (the checkout this test runs in).
    process.env.GIT_CEILING_DIRECTORIES = tmpdir();
    repo = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'first');
    head = git('rev-parse', 'HEAD');
    outside = tempDir();
  });
  afterEach(() => {
    process.chdir(cwd);
    if (ceiling === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
    else process.env.GIT_CEILING_DIRECTORIES = ceiling;
  });

  it('gitCommit is HEAD inside a checkout and null outside one', () => {
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(gitCommit(repo)).toBe(head);
    expect(gitCommit(outside)).toBeNull();
  });

  it('parity replay records the commit of the folder it runs in, or null', async () => {
    const db = join(tempDir(), 'parity.db');
    process.chdir(repo);
    expect((await recordedRun(db, 'mutant:wrong-to')).gitCommit).toBe(head);
    process.chdir(outside);
    expect((await recordedRun(db, 'mutant:wrong-to')).gitCommit).toBeNull();
  });
});
