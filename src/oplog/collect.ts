/** Turns the paths a user typed into the list of log files to read. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../cli/exit.js';

const LOG_NAME = /\.ndjson(\.gz)?$/;

/**
 * Files are taken as given (whatever their name); folders are searched recursively for
 * *.ndjson and *.ndjson.gz. The result is sorted and without duplicates.
 */
export async function collectLogs(inputs: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info === null) throw new UsageError(`no such file or folder: ${input}`);
    if (info.isDirectory()) for (const f of await walk(input)) found.add(f);
    else found.add(input);
  }
  return [...found].sort();
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && LOG_NAME.test(entry.name)) out.push(path);
  }
  return out;
}
