/** parity's command line: commander wiring only; each command lives in commands/. */
import { Command, CommanderError } from 'commander';
import { StoreError } from '../store/index.js';
import { commands } from './commands/index.js';
import { ExitCode, UsageError } from './exit.js';

export function buildProgram(): Command {
  const program = new Command('parity')
    .description('Shadow-mode differential testing for document engines: replay op logs into a reference and a candidate, find where they part.')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** `program`: the one to run (tests pass one with an extra command to reach the internal-error path). */
export async function main(argv: string[], program: Command = buildProgram()): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.ok;
      return ExitCode.usage;
    }
    // A store that cannot be used (corrupt, not parity's, too new, busy) is the user's to fix.
    if (err instanceof UsageError || err instanceof StoreError) {
      process.stderr.write(`parity: ${err.message}\n`);
      return ExitCode.usage;
    }
    process.stderr.write(`parity: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return ExitCode.internal;
  }
}
