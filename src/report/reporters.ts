/** Built-in reporters by format name: the `--format` table. */
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import type { Reporter } from './reporter.js';

export const reporters: Readonly<Record<string, Reporter>> = {
  html: htmlReporter,
  md: markdownReporter,
  junit: junitReporter,
  json: jsonReporter,
};

export const REPORT_FORMATS = Object.keys(reporters);

/** The reporter for a format name, or undefined; the CLI turns that into a usage error. */
export function reporterFor(format: string): Reporter | undefined {
  return Object.hasOwn(reporters, format) ? reporters[format] : undefined;
}
