import type { App } from '@slack/bolt';
import { homeActionIds } from '../src/presentation/slack/agent-home.ts';
import { actionIds } from '../src/presentation/slack/answer-message.ts';
import { pitchActionIds } from '../src/presentation/slack/pitch-message.ts';
import { reportActionIds } from '../src/presentation/slack/report-message.ts';
import { registerFeedback, registerFeedbackForm, registerNativeFeedback } from './actions/feedback.ts';
import { registerHomeActions } from './actions/home.ts';
import { registerPitchRewrites } from './actions/pitch-rewrite.ts';
import { registerReportRetry } from './actions/report-retry.ts';
import { registerSuggestion } from './actions/suggestion.ts';
import { registerSources, registerWhy } from './actions/why.ts';
import { registerAskCommand } from './commands/ask.ts';
import { registerPitchCommand } from './commands/pitch.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerScoutCommand } from './commands/scout.ts';
import type { HandlerDeps } from './deps.ts';
import { registerAppHome } from './events/app-home.ts';
import { registerAppMention } from './events/app-mention.ts';
import { registerMessages } from './events/message.ts';
import { pitchShortcuts, registerPitchShortcuts } from './shortcuts/pitch.ts';
import { type Registrations, trackRegistrations } from './tracked-app.ts';
import { registerUnknownPayloads } from './unknown-payloads.ts';

const knownActions = new RegExp(
  `^(${actionIds.feedbackUp}|${actionIds.feedbackDown}|${actionIds.why}|${actionIds.sources}|${actionIds.suggestion}_\\d+|${reportActionIds.retry}|${Object.values(pitchActionIds).join('|')}|${actionIds.feedback}|${homeActionIds.unschedule})$`,
);

/** Registers every Slack listener on the app and returns what was registered (for the manifest check). */
export function register(boltApp: App, deps: HandlerDeps): Registrations {
  const { app, registrations } = trackRegistrations(boltApp);
  registerAskCommand(app, deps);
  registerScoutCommand(app, deps);
  registerPitchCommand(app, deps);
  registerReportCommand(app, deps);
  registerReportRetry(app, deps);
  registerAppMention(app, deps);
  registerMessages(app, deps);
  registerFeedback(app, deps);
  registerNativeFeedback(app, deps);
  registerFeedbackForm(app, deps);
  registerAppHome(app, deps);
  registerHomeActions(app, deps);
  registerWhy(app, deps);
  registerSources(app, deps);
  registerSuggestion(app, deps);
  registerPitchShortcuts(app, deps);
  registerPitchRewrites(app, deps);
  registerUnknownPayloads(app, deps, { shortcuts: Object.values(pitchShortcuts), actions: knownActions });
  return registrations;
}
