/**
 * `npm run bench`: every benchmark module in turn. Each prints its figures as ratios against a
 * baseline measured in the same process; none asserts on time.
 * Usage: node dist/bench/main.js [name...]   (default: all)
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALL = ['oplog', 'engines', 'doors', 'compare', 'replay', 'store', 'minimize', 'report', 'candidate'];

async function runOne(name: string): Promise<void> {
  const url = new URL(`./${name}.js`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    console.log(`\n## ${name}: not built (no bench/${name}.ts)`);
    return;
  }
  console.log(`\n## ${name}`);
  const mod = (await import(url.href)) as { run(): Promise<void> };
  await mod.run();
}

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : ALL) {
  if (!ALL.includes(name)) {
    console.error(`bench: unknown benchmark "${name}"; known: ${ALL.join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  await runOne(name);
}
