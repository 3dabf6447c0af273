/** The command line a run is recorded with, as the user typed it. */
import type { Command } from 'commander';

/** `parity <command> <its arguments, as given>`, from the program's raw arguments. */
export function commandLine(command: Command): string[] {
  const all = (command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
  const at = all.indexOf(command.name());
  return ['parity', command.name(), ...(at >= 0 ? all.slice(at + 1) : command.args)];
}
