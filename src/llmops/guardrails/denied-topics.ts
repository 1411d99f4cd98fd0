/**
 * Topics Scout declines: legal advice, personal financial or investment advice, HR matters about
 * people, and competitors' confidential data. The words alone are not enough: "financial
 * services" is an industry in the warehouse, "promotion" is an ad format, and "legal" can be a
 * vertical, so every rule needs the shape of a request for advice or for someone's private
 * matters, not a topic word next to a metric.
 */

export type DeniedTopic = 'legal_advice' | 'financial_advice' | 'hr_matter' | 'competitor_confidential';

const PERSON =
  '(?:him|her|them|someone|somebody|an? (?:employee|staff member|colleague|coworker|co-worker|intern|manager|analyst|teammate)|my (?:\\w+ )?(?:employee|staff|colleague|coworker|manager|boss|team ?mate|report|direct report)s?|our (?:\\w+ )?(?:employee|staff|colleague|manager|intern)s?|[A-Z][a-z]+ from (?:the )?\\w+ team)';

const TOPIC_RULES: readonly { topic: DeniedTopic; pattern: RegExp }[] = [
  {
    topic: 'legal_advice',
    pattern:
      /\b(?:legal advice|legal opinion|is (?:it|this|that) (?:legal|illegal|lawful|against the law)|(?:can|could|should) (?:we|i|they) (?:sue|be sued)|(?:sue|suing) (?:them|him|her|a|the|our)|lawsuit|litigation|am i liable|are we liable|(?:liable|liability) for|(?:breach|violat\w*) (?:of )?(?:the |our |a |this )?(?:contract|law|gdpr|pdpa|nda|agreement)|(?:do|does|should) (?:we|i) need a lawyer|(?:ask|consult) a lawyer|what does the law say|legally (?:allowed|binding|required)|terminate (?:the|our|this) contract)\b/i,
  },
  {
    topic: 'financial_advice',
    pattern:
      /\b(?:financial advice|investment advice|tax advice|should (?:i|we) (?:buy|sell|short|invest in) (?:\w+ ){0,3}(?:stocks?|shares|crypto|bitcoin|etfs?|bonds?|funds?)|(?:buy|sell|short) (?:\w+ )?(?:stock|shares|crypto|bitcoin|ethereum)\b|(?:which|what) (?:stocks?|shares|crypto(?:currency)?|etfs?|mutual funds?) (?:should|to)|stock (?:tips?|picks?|price (?:prediction|forecast|target))|(?:good|bad|safe) investment|invest (?:my|our) (?:money|savings|salary|bonus|pension)|(?:retirement|pension) (?:plan|savings|fund)|(?:personal|my) (?:loan|mortgage|taxes|tax return|portfolio)|how (?:should|do) i invest|(?:is|will) (?:\w+ )?(?:stock|share price|bitcoin) (?:go(?:ing)? up|go(?:ing)? down|rise|fall|crash))\b/i,
  },
  {
    topic: 'hr_matter',
    pattern: new RegExp(
      [
        `\\b(?:fire|sack|dismiss|lay off|discipline|demote|promote|give a raise to|put on a pip) ${PERSON}`,
        `\\b(?:should|can|could) (?:we|i) (?:fire|sack|dismiss|lay off|demote|promote|hire)\\b`,
        `\\b(?:salary|salaries|pay|bonus|compensation|performance review|appraisal|sick leave|medical leave|disciplinary record|warning letter) (?:of|for) ${PERSON}`,
        `\\b(?:\\w+'s|his|her|their|employees?'?|staff|colleagues?'?) (?:salary|salaries|compensation|performance review|appraisal|sick leave|disciplinary record|home address|medical)`,
        '\\b(?:harassment|discrimination|grievance) (?:complaint|case|claim|report)s?\\b',
        '\\b(?:layoffs?|redundanc(?:y|ies)|headcount cuts?) (?:list|plan)\\b',
        '\\bwho (?:should|will) (?:we|i) (?:fire|lay off|let go)\\b',
        '\\b(?:hr|human resources) (?:matter|issue|complaint|advice|case|question)s?\\b',
      ].join('|'),
      'i',
    ),
  },
  {
    topic: 'competitor_confidential',
    pattern:
      /\b(?:competitors?|rivals?|other agenc(?:y|ies)|another agency)(?:'s?)? (?:\w+ ){0,4}(?:confidential|internal|private|secret|non-public|nonpublic|leaked|proprietary|unreleased)\b|\b(?:confidential|internal|private|secret|non-public|nonpublic|leaked|proprietary|unreleased) (?:\w+ ){0,4}(?:of|from|at|for) (?:our |a |the )?(?:competitors?|rivals?|other agenc(?:y|ies)|another agency)\b|\b(?:steal|leak|obtain|get hold of|hack|scrape) (?:\w+ ){0,3}(?:competitors?|rivals?)(?:'s?)?\b|\b(?:competitors?|rivals?)(?:'s?)? (?:[\w']+ ){0,3}(?:pitch deck|strategy documents?|rate cards?|contracts?|client list|media plans?)\b/i,
  },
];

/** The first denied topic the question asks about, or null. */
export function detectDeniedTopic(text: string): DeniedTopic | null {
  const normalised = text.normalize('NFKC').replace(/[\u2018\u2019]/g, "'");
  return TOPIC_RULES.find(({ pattern }) => pattern.test(normalised))?.topic ?? null;
}
