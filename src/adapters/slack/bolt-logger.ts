import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const levels: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/** Bolt and its clients log through Scout's pino logger, so every line is structured JSON. */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'bolt' });
  // Bolt passes arbitrary values (strings, errors) as log arguments; they are joined into one message.
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
  return {
    debug: (...parts: unknown[]) => child.debug(text(parts)),
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    setLevel: (level: LogLevel) => {
      child.level = levels[level] ?? 'info';
    },
    getLevel: () =>
      (Object.entries(levels).find(([, name]) => name === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
