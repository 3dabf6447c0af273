/** The ReportModel itself, for tools: keys sorted at every level so equal models print equal text. */
import type { ReportModel } from './model.js';
import type { Reporter } from './reporter.js';

export const jsonReporter: Reporter = {
  format: 'json',
  extension: 'json',
  render: (model: ReportModel) => `${JSON.stringify(model, sortedReplacer, 2)}\n`,
};

function sortedReplacer(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    Object.defineProperty(out, key, { value: (value as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}
