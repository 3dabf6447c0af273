/**
 * Shell-like splitting of a `cmd:` command line, without a shell: no variables, globs, pipes
 * or redirections (those characters are literal), so a command means the same on every machine.
 *
 * - Words are separated by unquoted whitespace.
 * - 'single quotes' keep everything literally, backslashes included.
 * - "double quotes" keep everything literally except `\"` and `\\`, which stand for `"` and `\`.
 * - Outside quotes a backslash makes the next character literal (`a\ b` is one word).
 * - Quotes can join parts of one word: `--x="a b"c` is the word `--x=a bc`; `""` is an empty word.
 */
import { UsageError } from '../cli/exit.js';

export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new UsageError(`unterminated ' quote in command line: ${line}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= line.length) throw new UsageError(`unterminated " quote in command line: ${line}`);
        const d = line[i]!;
        if (d === '"') break;
        if (d === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) {
          word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new UsageError(`trailing backslash in command line: ${line}`);
      word += line[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Quotes one word so that splitCommandLine gives it back unchanged. */
export function quoteWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_\-./:=@%+,]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function joinCommandLine(words: readonly string[]): string {
  return words.map(quoteWord).join(' ');
}
