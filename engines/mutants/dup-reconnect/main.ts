/** mutant:dup-reconnect as a child process: NDJSON records on stdin, one answer line each on stdout. */
import { serveMain } from '../../../src/engine/serve.js';
import engine from './index.js';

await serveMain(engine);
