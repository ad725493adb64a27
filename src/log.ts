import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

/**
 * The server's journal: one JSON line per event on standard output, for the operator's collector.
 * What goes in is chosen where it is written (see http/middleware/request-log.ts): never a token,
 * a cookie, an Authorization header or a document's content. `redact` is a second net, should an
 * object carrying one be logged by mistake.
 */
export type { Logger } from 'pino';

/**
 * Standard output, written synchronously: lines stay in order with the server's other messages,
 * and none is lost when the process exits after a SIGTERM.
 */
export function createLogger(level: LogLevel, destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'ent-compliance' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'authorization',
        'cookie',
        'token',
        'jeton',
        'headers.authorization',
        'headers.cookie',
        'req.headers.authorization',
        'req.headers.cookie',
        '*.token',
        'rawText',
        'document',
        'body',
      ],
      censor: '[masqué]',
    },
  };
  return pino(options, destination);
}

/** Writes nothing: the default of an app built in code (the tests). */
export const SILENT_LOGGER: Logger = pino({ level: 'silent' });
