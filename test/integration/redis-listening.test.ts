import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { redisIsListening } from '../../src/adapters/redis/redis-listening.ts';

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

function listen(): Promise<number> {
  return new Promise((resolve) => {
    server = createServer((socket) => socket.destroy()).listen(0, '127.0.0.1', () => {
      const address = server?.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

describe('redisIsListening', () => {
  it('is true when something accepts connections at the URL host and port', async () => {
    const port = await listen();
    expect(await redisIsListening(`redis://127.0.0.1:${port}`, 500)).toBe(true);
  });

  it('is false when nothing listens there', async () => {
    const port = await listen();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    expect(await redisIsListening(`redis://127.0.0.1:${port}`, 500)).toBe(false);
  });

  it('is false for a URL it cannot read', async () => {
    expect(await redisIsListening('redis://not a url', 500)).toBe(false);
  });
});
