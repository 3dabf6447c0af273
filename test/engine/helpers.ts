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
