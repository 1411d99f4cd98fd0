import type { Logger } from 'pino';
import type { WorkQueue } from '../src/domain/work-queue.ts';
import type { RateLimiter } from '../src/llmops/guardrails/rate-limit.ts';
import type { AgentHomeDeps } from '../src/usecases/agent-home.ts';
import type { FeedbackDeps } from '../src/usecases/answer-feedback.ts';
import type { ConversationDeps } from '../src/usecases/answer-in-conversation.ts';
import type { SlackPitchDeps } from '../src/usecases/pitch/pitch-in-slack.ts';
import type { OrderDeps } from '../src/usecases/report/order-report.ts';

/** Everything the Slack listeners need, built in src/compose/slack.ts. */
export interface HandlerDeps {
  conversation: ConversationDeps;
  feedback: FeedbackDeps;
  /** The agent surface: the DM's prompts, the Home tab, the feedback form. */
  agent: AgentHomeDeps;
  reports: OrderDeps;
  /** Sales pitches: `/pitch`, the two shortcuts, their buttons and threads. */
  pitches: SlackPitchDeps;
  /** Answers run here, off the request path, with bounded concurrency and queue length. */
  answering: WorkQueue;
  /** Questions per user per minute, shared by replicas; absent: no limit. */
  rateLimit?: RateLimiter | null;
  logger: Logger;
  newReferenceId: () => string;
}
