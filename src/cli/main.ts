#!/usr/bin/env node
/** The `parity` executable. */
import { main } from './program.js';

// A reader that stops early (`parity run ... | head`) ends parity quietly, as it would a shell tool,
// instead of an unhandled EPIPE with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

process.exitCode = await main(process.argv.slice(2));
