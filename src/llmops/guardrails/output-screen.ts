import { maskPersonalData } from '../../domain/privacy/personal-data.ts';

/**
 * The local output screen, always on: personal data redacted from text Scout is about to show,
 * and words that must never be posted (a confidentiality marker, a credential's name) replaced.
 * Pure; the decisions say which checks ran and what fired, never the text.
 */

export const OUTPUT_SCREEN_VERSION = '1';

export interface OutputCheck {
  check: 'personal_data' | 'word_filter' | 'confidence_line';
  fired: boolean;
  /** What fired (the kinds of personal data, the filtered words' rule names), never the text. */
  detail?: string;
}

/** Word filters: the rule name is logged, the match replaced. */
const WORD_FILTERS: readonly { rule: string; pattern: RegExp }[] = [
  { rule: 'confidential_marker', pattern: /\b(?:strictly confidential|internal only|do not distribute)\b/gi },
  {
    rule: 'credential_word',
    pattern: /\b(?:password|passwd|secret[_ ]?key|access[_ ]?key[_ ]?id)\s*[:=]\s*\S+/gi,
  },
];

export function screenOutputText(text: string): { text: string; checks: OutputCheck[] } {
  const masked = maskPersonalData(text);
  let filtered = masked.text;
  const fired: string[] = [];
  for (const { rule, pattern } of WORD_FILTERS) {
    const next = filtered.replace(pattern, '[filtered]');
    if (next !== filtered) fired.push(rule);
    filtered = next;
  }
  return {
    text: filtered,
    checks: [
      {
        check: 'personal_data',
        fired: masked.kinds.length > 0,
        ...(masked.kinds.length > 0 ? { detail: masked.kinds.join(',') } : {}),
      },
      {
        check: 'word_filter',
        fired: fired.length > 0,
        ...(fired.length > 0 ? { detail: fired.join(',') } : {}),
      },
    ],
  };
}

/**
 * A document answer whose evidence is thin carries its confidence level in the message's context
 * line (presentation); the check records that it fired.
 */
export function confidenceCheck(confidence: { level: 'high' | 'medium' | 'low' } | undefined): OutputCheck {
  return { check: 'confidence_line', fired: confidence?.level === 'low' };
}
