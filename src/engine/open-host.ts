/** Opens an engine through the door its spec names. */
import { createLogger, type Logger } from '../log.js';
import type { EngineHost, EngineSpec, HostOptions } from './types.js';
import { ChildHost } from './child-host.js';
import { InlineHost } from './inline-host.js';
import { loadEngineModule } from './load-module.js';
import { splitCommandLine } from './shell-words.js';
import { WorkerHost } from './worker-host.js';

export interface OpenHostOptions extends Partial<HostOptions> {
  /** Module door only: run the module in this thread (no hang detection; for tests and the minimizer). */
  inline?: boolean;
  /** Where warnings go (a child's non-zero exit status, a worker that died); default: pino on stderr at warn. */
  logger?: Logger;
}

export const DEFAULT_HOST_OPTIONS: HostOptions = { timeoutMs: 10_000, stderrLines: 20 };

let defaultLogger: Logger | undefined;

export async function openHost(spec: EngineSpec, opts: OpenHostOptions = {}): Promise<EngineHost> {
  const host: HostOptions = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_HOST_OPTIONS.timeoutMs,
    stderrLines: opts.stderrLines ?? DEFAULT_HOST_OPTIONS.stderrLines,
  };
  const log = opts.logger ?? (defaultLogger ??= createLogger('warn'));
  if (spec.door === 'child') return new ChildHost(splitCommandLine(spec.command), spec.label, host, log);
  if (opts.inline) return new InlineHost(await loadEngineModule(spec.path), spec.label);
  const worker = new WorkerHost(spec.path, spec.label, host, log);
  await worker.start();
  return worker;
}
