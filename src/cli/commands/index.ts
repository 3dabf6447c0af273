/** Every subcommand registers itself on the program; this list is the CLI's table of contents. */
import type { Command } from 'commander';
import { register as validate } from './validate.js';
import { register as run } from './run.js';
import { register as replay } from './replay.js';

export type Register = (program: Command) => void;

export const commands: Register[] = [validate, run, replay];
