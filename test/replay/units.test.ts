/** The small parts of replay: timings, the progress line, shell quoting, tolerances, shards, batch sizes. */
import { describe, expect, it } from 'vitest';
import { parseTolerance } from '../../src/cli/commands/replay.js';
import { createProgress, progressLine } from '../../src/cli/progress.js';
import { UsageError } from '../../src/cli/exit.js';
import { BatchSizer } from '../../src/replay/batches.js';
import { isCollateral, loadLine } from '../../src/replay/document.js';
import { reproduceCommand, shardOf, shellQuote, TimingRecorder } from '../../src/replay/index.js';

describe('TimingRecorder', () => {
  it('gives exact nearest-rank percentiles, max, total and a log2 histogram', () => {
    const t = new TimingRecorder();
    for (let i = 1; i <= 100; i++) t.add(i * 10);
    const timing = t.timing('e', 123);
    expect(timing).toMatchObject({ engine: 'e', records: 100, totalNs: 50_500, p50Ns: 500, p95Ns: 950, p99Ns: 990, maxNs: 1000, peakRssBytes: 123 });
    expect(timing.histogram.reduce((a, b) => a + b, 0)).toBe(100);
    // 10 ns lands in [8, 16): bucket 3; 1000 ns in [512, 1024): bucket 9.
    expect(timing.histogram[3]).toBe(1);
    expect(timing.histogram.length).toBe(10);
  });

  it('merges documents and keeps every sample counted beyond the reservoir', () => {
    const a = new TimingRecorder(16);
    const b = new TimingRecorder(16);
    for (let i = 0; i < 1000; i++) a.add(100);
    for (let i = 0; i < 1000; i++) b.add(100_000);
    a.merge(b);
    const t = a.timing('e', 0);
    expect(t.records).toBe(2000);
    expect(t.maxNs).toBe(100_000);
    expect(t.histogram.reduce((x, y) => x + y, 0)).toBe(2000);
  });

  it('is empty without samples', () => {
    expect(new TimingRecorder().timing('e', 0)).toMatchObject({ records: 0, p50Ns: 0, maxNs: 0, histogram: [] });
  });
});

describe('progress line', () => {
  it('shows the fraction, rate and ETA', () => {
    const line = progressLine(500, 1000, 2000);
    expect(line).toContain(' 50%');
    expect(line).toContain('500/1,000 records');
    expect(line).toContain('250 records/s');
    expect(line).toContain('ETA 0:02');
  });
  it('draws on a terminal only, and clears its line when done', () => {
    let drawn = '';
    const fake = (isTTY: boolean) => ({ isTTY, columns: 120, write: (t: string) => ((drawn += t), true) }) as unknown as NodeJS.WriteStream;
    const quiet = createProgress(fake(false));
    quiet.update(1, 2);
    quiet.done();
    expect(drawn).toBe('');
    const bar = createProgress(fake(true));
    bar.update(2, 2);
    expect(drawn).toContain('100% 2/2 records');
    bar.done();
    expect(drawn.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('has no ETA before anything is done', () => {
    expect(progressLine(0, 10, 0)).toContain('ETA --:--');
  });
});

describe('reproduce commands', () => {
  it('quotes what the shell would split or expand', () => {
    expect(shellQuote('corpora/a.ndjson')).toBe('corpora/a.ndjson');
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    expect(shellQuote('$HOME')).toBe(`'$HOME'`);
  });
  it('select the document, and stop on the first divergence only for the first', () => {
    expect(reproduceCommand(['parity', 'replay'], 'a b.ndjson', 'd 1', true)).toBe(`parity replay --doc 'd 1' --stop-on-first 'a b.ndjson'`);
    expect(reproduceCommand(['parity', 'replay'], 'a.ndjson', 'd1', false)).toBe('parity replay --doc d1 a.ndjson');
  });
});

describe('--tolerance', () => {
  it('parses pattern=mode:value', () => {
    expect(parseTolerance('nodes.*.bounds[#]=ulps:4')).toEqual({ pattern: 'nodes.*.bounds[#]', ulps: 4 });
    expect(parseTolerance('a=b=abs:0.5')).toEqual({ pattern: 'a=b', abs: 0.5 });
  });
  it('refuses anything else as a usage error', () => {
    for (const bad of ['x', 'x=abs', 'x=far:1', 'x=rel:-1', 'x=ulps:NaN']) expect(() => parseTolerance(bad)).toThrow(UsageError);
  });
});

describe('shards, batches, resync lines, collateral failures', () => {
  it('spreads documents over shards stably', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[shardOf(`doc-${i}`, 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(50);
    expect(shardOf('doc-7', 4)).toBe(shardOf('doc-7', 4));
  });

  it('batches double up to the maximum, stop at checkpoints, and start over after a divergence', () => {
    const s = new BatchSizer(8);
    expect([s.next(0, 0), s.next(1, 0), s.next(3, 0), s.next(7, 0), s.next(15, 0)]).toEqual([1, 2, 4, 8, 8]);
    expect(s.steady).toBe(true);
    expect(s.next(20, 25)).toBe(5);
    s.restart();
    expect(s.steady).toBe(false);
    expect(s.next(25, 25)).toBe(1);
  });

  it('a resync load names the document and carries the tree text as is', () => {
    expect(JSON.parse(loadLine('d"1', '{"seq":3,"root":"0:0","nodes":{}}'))).toEqual({ doc: 'd"1', kind: 'load', tree: { seq: 3, root: '0:0', nodes: {} } });
  });

  it('tells a worker killed by another document from a failure of this one', () => {
    const f = (message: string) => ({ kind: 'exit' as const, message, index: 0, stderrTail: '' });
    expect(isCollateral(f('batch item 0: the worker was terminated after document "a" hung on batch item 3'), 'b')).toBe(true);
    expect(isCollateral(f('batch item 0: the worker was terminated after document "a" hung on batch item 3'), 'a')).toBe(false);
    expect(isCollateral(f('the engine worker died (exit code 1)'), 'b')).toBe(false);
  });
});
