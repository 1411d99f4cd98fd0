import type { Logger } from 'pino';
import type { FeedbackDeps } from '../src/usecases/answer-feedback.ts';
import type { ConversationDeps } from '../src/usecases/answer-in-conversation.ts';

/** Everything the Slack listeners need, built in src/main.ts. */
export interface HandlerDeps {
  conversation: ConversationDeps;
  feedback: FeedbackDeps;
  logger: Logger;
  newReferenceId: () => string;
}
