/** Where tsx lives, so TypeScript engines (and parity's own sources) load without a build. */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** file: URL of tsx's `--import` loader (absolute, so it works from any working directory). */
export function tsxLoaderUrl(): string {
  return pathToFileURL(require.resolve('tsx')).href;
}

/** file: URL of tsx's ESM API (register, tsImport). */
export function tsxApiUrl(): string {
  return pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}

export function isTypeScriptPath(path: string): boolean {
  return /\.[mc]?ts$/.test(path);
}
