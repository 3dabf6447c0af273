/** The one pino logger factory: JSON on stderr, pretty when stderr is a terminal. */
import { pino, destination, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export function createLogger(level: LevelWithSilent = 'info', pretty = process.stderr.isTTY === true): Logger {
  if (pretty) {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } },
    });
  }
  return pino({ level }, destination(2));
}
