import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt's HTTP receiver verifies the v0 signature (HMAC-SHA256 over `v0:<ts>:<body>`, compared in
 * constant time) and refuses a timestamp more than five minutes in the past, but accepts one
 * any distance in the future. A signed request captured with a future timestamp could then be
 * replayed for as long as that timestamp lies ahead. This closes that side with the same window.
 */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Seconds by which a request's timestamp lies beyond the allowed skew; 0 when it is acceptable or absent. */
export function futureSkewSeconds(header: string | string[] | undefined, nowMs: number): number {
  const raw = Array.isArray(header) ? header[0] : header;
  // Absent or malformed: Bolt's own verification refuses it (or it is an ssl_check).
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) return 0;
  const ahead = Number(raw) - Math.floor(nowMs / 1000);
  return ahead > MAX_CLOCK_SKEW_SECONDS ? ahead : 0;
}

/** Wraps the receiver's request listener: a request from the future is answered 401 before Bolt reads it. */
export function refuseFutureTimestamps(
  receiver: HTTPReceiver,
  options: { logger: Pick<Logger, 'warn'>; now?: () => number },
): void {
  const now = options.now ?? Date.now;
  const next: RequestListener = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const ahead = futureSkewSeconds(req.headers['x-slack-request-timestamp'], now());
    if (ahead === 0) return next(req, res);
    options.logger.warn({ aheadSeconds: ahead }, 'refused a Slack request timestamped in the future');
    res.writeHead(401);
    res.end();
  };
}
