/** Property-based search for divergences over generated logs, with minimized reproducers. */
export { fuzz, regenerateCommand, type FuzzFailure, type FuzzOptions, type FuzzResult } from './fuzz.js';
export { fuzzForever, type ForeverOptions, type ForeverResult, type RoundSummary } from './forever.js';
