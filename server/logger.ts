// The server's pino logger. Request logging is done by app.ts with paths only (query strings
// carry live tokens and phone numbers); redact is a second net for secrets in objects.
import { pino, type Logger } from 'pino';

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'pult-server' },
    redact: {
      paths: ['password', 'token', '*.password', '*.token', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  });
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
