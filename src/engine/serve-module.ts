/**
 * `node dist/src/engine/serve-module.js <module path>`: serves any engine module over the child
 * door, so every module engine can also be run (and checked) as a child process.
 */
import { loadEngineModule } from './load-module.js';
import { serveMain } from './serve.js';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: serve-module <engine module path>\n', () => process.exit(2));
} else {
  try {
    await serveMain(await loadEngineModule(path));
  } catch (err) {
    process.stderr.write(`serve-module: ${err instanceof Error ? err.message : String(err)}\n`, () => process.exit(2));
  }
}
