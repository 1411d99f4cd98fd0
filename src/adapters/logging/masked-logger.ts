import { createRequire } from 'node:module';
import type { DestinationStream, Logger } from 'pino';
import { maskPersonalData } from '../../domain/privacy/personal-data.ts';

// Loaded with require: imported from an ES module, Node's lexer first scans the CommonJS package
// for named exports, ~20-40 ms of every CLI start.
const pino = (createRequire(import.meta.url)('pino') as typeof import('pino')).default;

/** A logged string longer than this is cut: a log line is no place for a whole message or body. */
export const MAX_LOGGED_STRING = 2_000;
/** How deep logged objects are walked; deeper values are logged as a placeholder. */
const MAX_DEPTH = 8;
const MAX_ITEMS = 100;

function maskString(text: string): string {
  const cut =
    text.length > MAX_LOGGED_STRING
      ? `${text.slice(0, MAX_LOGGED_STRING)}… [${text.length - MAX_LOGGED_STRING} more characters]`
      : text;
  return maskPersonalData(cut).text;
}

/** Every string inside `value` with personal data masked; errors become their serialized form. */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (value instanceof Error) return maskDeep(pino.stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => maskDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, depth + 1);
  return out;
}

/**
 * Scout's logger: JSON lines to stderr (stdout belongs to command output), secrets redacted, and
 * personal data masked in every message, field and error (message, stack and causes), whatever
 * put it there — a question quoted in an exception, a value in a field.
 */
export function createMaskedLogger(
  level: string,
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level,
      redact: ['*.token', '*.secret', '*.password', 'headers.authorization'],
      // `err` is left to its serializer below, which keeps the error's type name.
      formatters: {
        log: (object) => {
          const { err, ...rest } = object;
          return { ...(maskDeep(rest) as Record<string, unknown>), ...(err === undefined ? {} : { err }) };
        },
      },
      serializers: { err: (error: unknown) => maskDeep(pino.stdSerializers.err(error as Error)) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg: unknown) => (typeof arg === 'string' ? maskString(arg) : arg));
          // pino's own signature: (object?, message?, ...interpolation values).
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
