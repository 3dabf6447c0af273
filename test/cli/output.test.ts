/**
 * What the CLI prints and returns, across commands: --help everywhere, how failures map to exit
 * codes, pino's JSON logs on stderr under --log-level, and the terminal summary's content.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../src/cli/exit.js';
import { buildProgram } from '../../src/cli/program.js';
import { tsxLoaderUrl } from '../../src/engine/tsx.js';
import { formatSummary, type Divergence, type ReplayResult } from '../../src/replay/index.js';
import { StoreError } from '../../src/store/index.js';
import { cli } from '../store/fixtures/cli.js';
import { div, outcome, timing } from '../store/fixtures/divergence.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const LOG = fileURLToPath(new URL('../../corpora/scenarios/15-multi-document.ndjson', import.meta.url));

/** Every command path under the program: ['replay'], ['triage', 'list'], ... */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((c) => [[...prefix, c.name()], ...commandPaths(c, [...prefix, c.name()])]);
}

describe('--help', () => {
  const paths = commandPaths(buildProgram());

  it('covers every command the program registers (and their subcommands)', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['validate', 'run', 'replay', 'triage', 'triage list', 'triage show', 'triage set', 'gate', 'merge']));
  });

  it.each(paths.map((p) => [p.join(' '), p]))('parity %s --help: exit 0 and its usage on stdout', async (_name, path) => {
    const r = await cli(...(path as string[]), '--help');
    expect(r.code).toBe(ExitCode.ok);
    expect(r.out).toContain(`Usage: parity ${(path as string[]).join(' ')}`);
    expect(r.err).toBe('');
  });

  it('parity --help lists every top-level command', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(ExitCode.ok);
    for (const c of buildProgram().commands) expect(r.out).toContain(c.name());
  });
});

describe('exit codes from failures', () => {
  /** The real program with one extra command that fails the given way. */
  async function failing(err: unknown): Promise<{ code: number; err: string }> {
    const program = buildProgram();
    program.command('fail-for-test').action(() => {
      throw err;
    });
    return cli.withProgram(program, 'fail-for-test');
  }

  it('a harness bug (any unexpected error) is exit 3 with its stack, so it can be reported', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const r = await failing(bug);
    expect(r.code).toBe(ExitCode.internal);
    expect(r.err).toContain('parity: internal error: TypeError: cannot read properties of undefined');
    expect(r.err).toContain(bug.stack!.split('\n')[1]!.trim());
  });

  it('bad usage and an unusable store are exit 2 on one line, without a stack', async () => {
    for (const err of [new UsageError('--jobs must be an integer >= 1, got "0"'), new StoreError('corrupt', '/x/parity.db', 'the store is corrupt')]) {
      const r = await failing(err);
      expect(r.code).toBe(ExitCode.usage);
      expect(r.err).toBe(`parity: ${err.message}\n`);
    }
  });

  it('an unknown option or command is exit 2 (commander\'s own errors)', async () => {
    expect((await cli('replay', '--no-such-flag')).code).toBe(ExitCode.usage);
    expect((await cli('no-such-command')).code).toBe(ExitCode.usage);
  });
});

describe('pino logs on stderr', () => {
  /** A real child: its stderr is a pipe, not a terminal, so logs are JSON lines. */
  function replayLogging(level: string): { code: number | null; out: string; lines: string[] } {
    const r = spawnSync(process.execPath, ['--import', tsxLoaderUrl(), MAIN, 'replay', '--inline', '--no-store', '--reference', 'reference', '--candidate', 'mutant:wrong-to', '--log-level', level, LOG], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, out: r.stdout, lines: r.stderr.split('\n').filter((l) => l !== '') };
  }

  it('--log-level debug: every stderr line is a pino JSON record, debug lines included; stdout is the summary alone', () => {
    const r = replayLogging('debug');
    expect(r.code).toBe(ExitCode.divergences);
    const records = r.lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(records.length).toBeGreaterThan(0);
    expect(records.some((x) => x.level === 20)).toBe(true); // debug
    expect(records.map((x) => x.msg)).toEqual(expect.arrayContaining(['replay started', 'divergence', 'replay finished']));
    expect(r.out).toMatch(/^parity replay: /);
    expect(r.out).not.toContain('"level"');
  });

  it('--log-level error: a run without errors logs nothing; the summary is unchanged', () => {
    const r = replayLogging('error');
    expect(r.code).toBe(ExitCode.divergences);
    expect(r.lines).toEqual([]);
    expect(r.out).toMatch(/^parity replay: /);
  });
});

describe('the terminal summary', () => {
  function result(divergences: Divergence[]): ReplayResult {
    const byKind: Record<string, number> = {};
    for (const d of divergences) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
    return {
      divergences,
      documents: [outcome('d1', 3), outcome('d2', 1)],
      totals: { logs: 1, documents: 2, records: 20, divergences: divergences.length, byKind, byDisposition: { divergence: divergences.length }, resyncs: 4, skippedDocuments: 0, skippedLines: 0, droppedDivergences: 0, wallMs: 12 },
      timings: { reference: timing('reference'), candidate: timing('candidate') },
      noise: {},
    };
  }

  it('counts each kind, and shows the first divergence of each problem with both of its values', () => {
    const value = (i: number, ref: number, cand: number) =>
      div({ n: 10 + i, line: 11 + i, kind: 'value', path: `nodes["a:${i}"].props.x`, scope: 'tree', reference: ref, candidate: cand, detail: `value at nodes["a:${i}"].props.x: reference has ${ref}, candidate has ${cand}` });
    const missing = div({ doc: 'd2', n: 30, line: 31, kind: 'missing', path: 'messages["bob"][0]', reference: { kind: 'ack', cseq: 4 }, candidate: null, detail: 'missing at messages["bob"][0]' });
    const text = formatSummary(result([value(1, 1111, 2222), value(2, 3333, 4444), value(3, 5555, 6666), missing]));
    expect(text).toContain('divergences: 4 (by kind, all dispositions: value 3, missing 1)');
    expect(text).toContain('First divergence of each kind of problem (2):');
    // The first of the three value divergences stands for them, with both its values in the diff.
    expect(text).toContain('x3 like it');
    expect(text).toMatch(/^\s+-1111$/m);
    expect(text).toMatch(/^\s+\+2222$/m);
    expect(text).not.toContain('3333');
    // The missing message: the reference's value shown, the candidate's absence.
    expect(text).toContain('missing [messages] doc "d2" record 30');
    expect(text).toMatch(/^\s+-\s+"cseq": 4,?$/m);
    expect(text).toContain('reproduce: parity replay');
  });
});

describe('a reader that stops early', () => {
  it('parity run | head: parity ends quietly, without an EPIPE stack', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', tsxLoaderUrl(), MAIN, 'run', '--engine', 'reference', LOG], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(ExitCode.ok);
  });
});
