/** Every subcommand registers itself on the program; this list is the CLI's table of contents. */
import type { Command } from 'commander';

export type Register = (program: Command) => void;

export const commands: Register[] = [];
