import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.ts';
import { refuseFutureTimestamps } from './request-freshness.ts';

const MAX_SLACK_BODY_BYTES = 1024 * 1024;

export interface BoltAppOptions {
  botToken: string;
  signingSecret: string;
  /** App-level token: Socket Mode when set, else the HTTP receiver. */
  appToken?: string;
  apiUrl: string;
  port: number;
  logger: Logger;
  /** Web API retry policy; tests shorten it. */
  retries?: number;
  /** Liveness for the container health check. */
  health: () => Promise<{ ok: boolean; detail: Record<string, string> }>;
}

export interface BoltRuntime {
  app: App;
  client: webApi.WebClient;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real Bolt app: Socket Mode with an app token, else HTTP on PORT at /slack/events. Every
 * Web API call (and the Socket Mode handshake) goes to SLACK_API_URL, so a local fake can stand in.
 */
export function createBoltApp(options: BoltAppOptions): BoltRuntime {
  const logger = boltLogger(options.logger);
  const healthRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: async (
      _req: unknown,
      res: { writeHead(status: number, headers: Record<string, string>): void; end(body: string): void },
    ) => {
      const health = await options.health().catch(() => ({ ok: false, detail: { check: 'failed' } }));
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(health));
    },
  };
  const receiver = options.appToken
    ? new SocketModeReceiver({
        appToken: options.appToken,
        logger,
        customRoutes: [healthRoute],
        installerOptions: { port: options.port },
      })
    : new HTTPReceiver({
        signingSecret: options.signingSecret,
        endpoints: '/slack/events',
        logger,
        customRoutes: [healthRoute],
        // Ack first, work after: never hold Slack's request while the warehouse runs.
        processBeforeResponse: false,
        // Slack's largest payloads (a 40,000-character message with its blocks, a modal's state)
        // stay far below this; anything bigger is refused (413) before it is buffered further.
        bodyLimit: MAX_SLACK_BODY_BYTES,
      });
  if (receiver instanceof HTTPReceiver) refuseFutureTimestamps(receiver, { logger: options.logger });
  const app = new App({
    token: options.botToken,
    receiver,
    logger,
    logLevel: LogLevel.INFO,
    clientOptions: {
      slackApiUrl: options.apiUrl,
      ...(options.retries !== undefined
        ? { retryConfig: { retries: options.retries, maxRetryTime: 60_000 } }
        : {}),
    },
  });
  return {
    app,
    client: app.client,
    async start() {
      await app.start(options.port);
    },
    async stop() {
      await app.stop();
    },
  };
}

/** A Web API client without a receiver, for worker processes that only post. */
export function createWebClient(options: {
  botToken: string;
  apiUrl: string;
  logger: Logger;
  retries?: number;
}): webApi.WebClient {
  return new webApi.WebClient(options.botToken, {
    slackApiUrl: options.apiUrl,
    logger: boltLogger(options.logger),
    ...(options.retries !== undefined
      ? { retryConfig: { retries: options.retries, maxRetryTime: 60_000 } }
      : {}),
  });
}
