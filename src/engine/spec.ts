/**
 * How engines are named on the command line: a bundled name (`reference`, `candidate`,
 * `mutant:<name>`), a module path (.js, .mjs, .ts, ...), or `cmd:<command line>` for a child process.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../cli/exit.js';
import type { EngineSpec } from './types.js';
import { joinCommandLine, splitCommandLine } from './shell-words.js';
import { tsxLoaderUrl } from './tsx.js';

/** True when this code runs from TypeScript sources (vitest, tsx), false from dist/. */
export const fromSource = import.meta.url.endsWith('.ts');
const ext = fromSource ? '.ts' : '.js';

/** The repository root as seen by the running code: the folder holding src/ (or dist/src/). */
const codeRoot = fileURLToPath(new URL('../../', import.meta.url));

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

function bundledPath(folder: string): string {
  return resolve(codeRoot, 'engines', folder, `index${ext}`);
}

/** Bundled mutants present in this build (folders under engines/mutants/ with an index). */
export function mutantNames(): string[] {
  const dir = resolve(codeRoot, 'engines', 'mutants');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(resolve(dir, e.name, `index${ext}`)))
    .map((e) => e.name)
    .sort();
}

export function bundledNames(): string[] {
  return ['reference', 'candidate', ...mutantNames().map((m) => `mutant:${m}`)];
}

function unknown(name: string, why: string): UsageError {
  return new UsageError(
    `unknown engine "${name}" (${why}); use a bundled name (${bundledNames().join(', ')}), ` +
      `a module path ending in ${MODULE_EXTENSIONS.join('/')}, or cmd:<command line>`,
  );
}

export function resolveEngineSpec(name: string): EngineSpec {
  if (name.startsWith('cmd:')) {
    const command = name.slice(4).trim();
    if (splitCommandLine(command).length === 0) throw new UsageError(`empty command in engine "${name}"`);
    return { door: 'child', label: command, command };
  }
  if (name === 'reference' || name === 'candidate') {
    const path = bundledPath(name);
    if (!existsSync(path)) throw unknown(name, `bundled engine not found at ${path}`);
    return { door: 'module', label: name, path };
  }
  if (name.startsWith('mutant:')) {
    const mutant = name.slice(7);
    const path = bundledPath(`mutants/${mutant}`);
    if (mutant === '' || mutant.includes('/') || mutant.includes('\\') || !existsSync(path)) {
      throw unknown(name, `no bundled mutant "${mutant}"`);
    }
    return { door: 'module', label: name, path };
  }
  if (MODULE_EXTENSIONS.some((e) => name.endsWith(e))) {
    const path = resolve(name);
    if (!existsSync(path)) throw new UsageError(`engine module not found: ${name}`);
    return { door: 'module', label: basename(name), path };
  }
  throw unknown(name, 'not a bundled name, a module path or cmd:');
}

/** The command line that serves a module over the child door (see serve-module.ts). */
export function serveModuleCommand(modulePath: string): string {
  const entry = fileURLToPath(new URL(`./serve-module${ext}`, import.meta.url));
  const node = [process.execPath, ...(fromSource ? ['--import', tsxLoaderUrl()] : [])];
  return joinCommandLine([...node, entry, modulePath]);
}

/** The same engine through the other door: a module is served by the generic serve-module entry. */
export function otherDoor(spec: EngineSpec): EngineSpec {
  if (spec.door === 'child') return spec;
  return { door: 'child', label: spec.label, command: serveModuleCommand(spec.path) };
}
