import { type DeniedTopic, detectDeniedTopic } from './denied-topics.ts';
import { detectPromptInjection, type InjectionRule } from './prompt-injection.ts';

/**
 * The local input guardrail, always on and run on the masked question before anything else sees
 * it: a prompt-injection attempt or a denied topic is answered with a polite refusal that says
 * what Scout can do, and never reaches the parser, the model or the documents.
 */

/** Bump when a rule changes, so a stored decision says which rules made it. */
export const INPUT_SCREEN_VERSION = '1';

export type InputScreen =
  | { verdict: 'allow' }
  | { verdict: 'injection'; rules: InjectionRule[]; reply: string }
  | { verdict: 'denied_topic'; topic: DeniedTopic; reply: string };

/** What an incident log line holds: the decision and the rule, never the question's text. */
export interface InputIncident {
  answerId: string;
  verdict: 'injection' | 'denied_topic';
  rules: string[];
  screenVersion: string;
}

const WHAT_SCOUT_DOES =
  'I can answer questions about advertising performance (spend, impressions, clicks, CTR, ROAS by market, channel, industry or campaign) and about our playbooks, programs and guidelines in the knowledge base.';

const INJECTION_REPLY = `I can't change how I work or share my instructions. ${WHAT_SCOUT_DOES} For example: "CTR by channel last month".`;

const TOPIC_REPLY: Record<DeniedTopic, string> = {
  legal_advice: `I can't give legal advice; please ask the legal team. ${WHAT_SCOUT_DOES}`,
  financial_advice: `I can't give financial or investment advice. ${WHAT_SCOUT_DOES}`,
  hr_matter: `I can't help with HR matters about people; please ask your HR partner. ${WHAT_SCOUT_DOES}`,
  competitor_confidential: `I can't help obtain or discuss competitors' confidential information. ${WHAT_SCOUT_DOES}`,
};

/** The verdict on one (already masked) question. */
export function screenUserInput(question: string): InputScreen {
  const rules = detectPromptInjection(question);
  if (rules.length > 0) return { verdict: 'injection', rules, reply: INJECTION_REPLY };
  const topic = detectDeniedTopic(question);
  if (topic) return { verdict: 'denied_topic', topic, reply: TOPIC_REPLY[topic] };
  return { verdict: 'allow' };
}

/** The incident to log for a refused question. */
export function inputIncident(
  answerId: string,
  screen: Exclude<InputScreen, { verdict: 'allow' }>,
): InputIncident {
  return {
    answerId,
    verdict: screen.verdict,
    rules: screen.verdict === 'injection' ? screen.rules : [screen.topic],
    screenVersion: INPUT_SCREEN_VERSION,
  };
}
