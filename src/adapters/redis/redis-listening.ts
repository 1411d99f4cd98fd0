import { connect } from 'node:net';

/**
 * Whether anything accepts a TCP connection at the Redis URL's host and port, without loading
 * the Redis client: a CLI run with no Redis around then skips the client (~80 ms to load) and
 * its failed connection. A listener found here still has to answer as Redis does afterwards.
 */
export function redisIsListening(url: string, timeoutMs: number): Promise<boolean> {
  let host: string;
  let port: number;
  try {
    const parsed = new URL(url);
    host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
    port = Number(parsed.port || 6379);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (listening: boolean): void => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
