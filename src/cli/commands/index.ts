/** Every subcommand registers itself on the program; this list is the CLI's table of contents. */
import type { Command } from 'commander';
import { register as validate } from './validate.js';
import { register as run } from './run.js';
import { register as replay } from './replay.js';
import { register as triage } from './triage.js';
import { register as gate } from './gate.js';
import { register as baseline } from './baseline.js';
import { register as merge } from './merge.js';
import { register as fuzz } from './fuzz.js';
import { register as minimize } from './minimize.js';
import { register as report } from './report.js';
import { register as generate } from './generate.js';

export type Register = (program: Command) => void;

export const commands: Register[] = [validate, run, replay, triage, gate, baseline, merge, fuzz, minimize, report, generate];
