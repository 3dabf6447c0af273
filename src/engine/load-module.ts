/** Loads an engine module by path and checks it has the EngineModule shape. */
import { pathToFileURL } from 'node:url';
import { UsageError } from '../cli/exit.js';
import type { EngineModule } from './protocol.js';
import { isTypeScriptPath, tsxApiUrl } from './tsx.js';

interface TsxApi {
  tsImport(specifier: string, parentURL: string): Promise<Record<string, unknown>>;
}

async function importPath(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (!isTypeScriptPath(path)) return (await import(url)) as Record<string, unknown>;
  // tsImport scopes tsx to this import: users plug TypeScript engines without a build step.
  const api = (await import(tsxApiUrl())) as TsxApi;
  return api.tsImport(url, import.meta.url);
}

/**
 * Loaded modules by path. An engine module is a stateless factory, and tsImport evaluates the
 * module afresh on every call (~100 ms), which the fuzzer and minimizer pay per oracle call.
 */
const loaded = new Map<string, Promise<EngineModule>>();

export function loadEngineModule(path: string): Promise<EngineModule> {
  let module = loaded.get(path);
  if (module === undefined) {
    module = loadUncached(path);
    loaded.set(path, module);
    module.catch(() => loaded.delete(path));
  }
  return module;
}

async function loadUncached(path: string): Promise<EngineModule> {
  let ns: Record<string, unknown>;
  try {
    ns = await importPath(path);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UsageError(`cannot load engine module ${path}: ${why}`);
  }
  let candidate = ns.default as Record<string, unknown> | undefined;
  // A CommonJS or tsImport'ed module can wrap the default export one level deeper.
  if (candidate && typeof candidate.create !== 'function' && typeof candidate.default === 'object') {
    candidate = candidate.default as Record<string, unknown>;
  }
  if (!candidate || typeof candidate !== 'object') {
    throw new UsageError(`engine module ${path} has no default export (expected { name, create(doc) })`);
  }
  if (typeof candidate.name !== 'string') {
    throw new UsageError(`engine module ${path}: default export has no string "name"`);
  }
  if (typeof candidate.create !== 'function') {
    throw new UsageError(`engine module ${path}: default export has no create(doc) function`);
  }
  return candidate as unknown as EngineModule;
}
