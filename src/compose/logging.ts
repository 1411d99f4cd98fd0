import type { Logger } from 'pino';
import { createMaskedLogger } from '../adapters/logging/masked-logger.ts';

/** The process logger: JSON lines with personal data masked before they are written. */
export function createLogger(level: string): Logger {
  return createMaskedLogger(level);
}
