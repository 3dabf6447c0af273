/** Property-based search for divergences over generated logs, with minimized reproducers. */
export { fuzz, type FuzzFailure, type FuzzOptions, type FuzzResult } from './fuzz.js';
