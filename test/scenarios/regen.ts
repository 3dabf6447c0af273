/**
 * Regenerates the golden file of every scenario (corpora/scenarios/NN-name.expected.json) from
 * the reference engine. Run after changing a scenario or the reference on purpose:
 *
 *     npx tsx test/scenarios/regen.ts            # all scenarios
 *     npx tsx test/scenarios/regen.ts 07 12      # only names starting with these prefixes
 *
 * Then review the diff: the explicit facts in test/scenarios/*.test.ts must still hold.
 */
import { writeFileSync } from 'node:fs';
import { SCENARIO_DIR, goldenText, runScenario, scenarioNames } from './run.js';

const only = process.argv.slice(2);
for (const name of scenarioNames()) {
  if (only.length > 0 && !only.some((prefix) => name.startsWith(prefix))) continue;
  writeFileSync(new URL(`${name}.expected.json`, SCENARIO_DIR), goldenText(runScenario(name)));
  process.stdout.write(`wrote ${name}.expected.json\n`);
}
