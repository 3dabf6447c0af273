/** Shared bits for the engine-door tests. */
import { fileURLToPath } from 'node:url';
import { joinCommandLine } from '../../src/engine/index.js';
import { tsxLoaderUrl } from '../../src/engine/tsx.js';

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/engines/${name}`, import.meta.url));
export const repoFile = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** A `cmd:` spec running a plain node script. */
export const nodeCmd = (...args: string[]): string => `cmd:${joinCommandLine([process.execPath, ...args])}`;
/** A `cmd:` spec running a TypeScript entry through tsx. */
export const tsxCmd = (...args: string[]): string => `cmd:${joinCommandLine([process.execPath, '--import', tsxLoaderUrl(), ...args])}`;

/** `n` envelope-valid record lines for one document: a connect, then ops with cseq 1..n-1. */
export function records(doc: string, n: number, client = 'alice'): string[] {
  const out = [JSON.stringify({ doc, kind: 'connect', client })];
  for (let i = 1; i < n; i++) {
    out.push(JSON.stringify({ doc, kind: 'op', client, cseq: i, op: { type: 'SET_PROPERTY', node: '0:0', prop: 'name', value: `v${i}` } }));
  }
  return out;
}

export function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A pino-shaped logger that keeps warnings, so tests can check what was logged. */
export function memoryLogger(): { warnings: string[]; logger: never } {
  const warnings: string[] = [];
  const logger = {
    warn: (a: unknown, b?: string) => warnings.push(typeof a === 'string' ? a : `${b ?? ''} ${JSON.stringify(a)}`),
    info: () => undefined,
    debug: () => undefined,
    error: (a: unknown, b?: string) => warnings.push(typeof a === 'string' ? a : `${b ?? ''} ${JSON.stringify(a)}`),
  };
  return { warnings, logger: logger as never };
}

/** A log's record lines grouped by document, in order (header and blank lines dropped). */
export function linesByDoc(text: string): Map<string, string[]> {
  const docs = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { doc?: string };
    if (typeof record.doc !== 'string') continue;
    let list = docs.get(record.doc);
    if (!list) docs.set(record.doc, (list = []));
    list.push(line);
  }
  return docs;
}

/** Every observation of a log through one host, as comparable values: texts, or failure kinds. */
export async function observeLog(host: import('../../src/engine/index.js').EngineHost, docs: Map<string, string[]>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await Promise.all(
    [...docs].map(async ([doc, lines]) => {
      // Two batches, so the split between calls is exercised too.
      const cut = Math.ceil(lines.length / 2);
      const obs = [...(await host.handle(doc, lines.slice(0, cut))), ...(await host.handle(doc, lines.slice(cut))), await host.snapshot(doc)];
      out[doc] = obs.map((o) => (o.ok ? o.text : `FAILED ${o.failure.kind}: ${o.failure.message}`));
      await host.closeDoc(doc);
    }),
  );
  return out;
}
