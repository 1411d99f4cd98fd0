import { hongKongIdValid, singaporeIdValid, taiwanIdValid } from './checksums.ts';
import { numericRuns, spansOf } from './numeric-runs.ts';
import { isCardNumber, isMyKad, MAX_NUMBER_DIGITS, phoneOrigin } from './personal-numbers.ts';

/**
 * Personal data in free text — email addresses, phone numbers, payment cards and the national
 * ids of Taiwan, Hong Kong, Singapore and Malaysia — found and masked before a question is
 * stored, logged or sent to a model. Pure and deterministic; every pattern is bounded and runs
 * over at most MASK_INPUT_LIMIT characters, so no input can make it slow.
 */

export type PersonalDataKind = 'email' | 'phone' | 'card' | 'national_id';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** The market of a phone number or national id ('TW', 'HK', …), else ''. */
  detail: string;
  start: number;
  end: number;
}

export interface MaskedText {
  text: string;
  /** The kinds that were masked, each once, in order of first appearance. */
  kinds: PersonalDataKind[];
}

/** Text beyond this is dropped (and said to be), never scanned. */
export const MASK_INPUT_LIMIT = 20_000;

const PLACEHOLDER: Record<PersonalDataKind, string> = {
  email: '[email]',
  phone: '[phone]',
  card: '[card]',
  national_id: '[national id]',
};

/** The placeholders masking leaves: they stand for nothing a query can use. */
export const personalDataPlaceholders: readonly string[] = Object.values(PLACEHOLDER);

/** Earlier kinds win an overlap: an email holding digits is an email, a card is not a phone. */
const PRIORITY: PersonalDataKind[] = ['email', 'card', 'national_id', 'phone'];

// Every quantifier is bounded, so the engine's work per position is bounded too.
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){0,8}\.[A-Za-z]{2,24}(?![\w-])/g;
const TAIWAN_ID = /(?<![\p{L}\p{N}_-])[A-Za-z][1289]\d{8}(?![\p{L}\p{N}_])/gu;
const HONG_KONG_ID =
  /(?<![\p{L}\p{N}_-])([A-Za-z]{1,2})(\d{6}) ?(?:\(([0-9Aa])\)|([0-9Aa]))(?![\p{L}\p{N}_])/gu;
const SINGAPORE_ID = /(?<![\p{L}\p{N}_-])[STFGMstfgm]\d{7}[A-Za-z](?![\p{L}\p{N}_])/gu;

/** Matches of `pattern` that `accept` confirms (it returns the detail, or null to reject). */
function matchesOf(
  text: string,
  kind: PersonalDataKind,
  pattern: RegExp,
  accept: (m: RegExpExecArray) => string | null,
): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of text.matchAll(pattern)) {
    const detail = accept(m);
    if (detail !== null) found.push({ kind, detail, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** Emails and the national ids that contain letters (Taiwan, Hong Kong, Singapore). */
function textIds(text: string): PersonalDataMatch[] {
  return [
    ...matchesOf(text, 'email', EMAIL, () => ''),
    ...matchesOf(text, 'national_id', TAIWAN_ID, (m) => (taiwanIdValid(m[0]) ? 'TW' : null)),
    ...matchesOf(text, 'national_id', HONG_KONG_ID, (m) =>
      hongKongIdValid(m[1] ?? '', m[2] ?? '', m[3] ?? m[4] ?? '') ? 'HK' : null,
    ),
    ...matchesOf(text, 'national_id', SINGAPORE_ID, (m) => (singaporeIdValid(m[0]) ? 'SG' : null)),
  ];
}

/** Cards, MyKad numbers and phone numbers among the runs of digits. */
function numberIds(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const run of numericRuns(text)) {
    let claimedUntil = -1;
    for (const span of spansOf(text, run, MAX_NUMBER_DIGITS)) {
      if (span.start < claimedUntil) continue;
      const at = { start: span.start, end: span.end };
      if (isCardNumber(span)) found.push({ kind: 'card', detail: '', ...at });
      else if (isMyKad(span)) found.push({ kind: 'national_id', detail: 'MY', ...at });
      else {
        const origin = phoneOrigin(span, text.slice(Math.max(0, span.start - 32), span.start));
        if (origin === null) continue;
        found.push({ kind: 'phone', detail: origin, ...at });
      }
      claimedUntil = span.end;
    }
  }
  return found;
}

/** Keeps one match per stretch of text: the higher-priority kind, then the longer match. */
function withoutOverlaps(matches: PersonalDataMatch[]): PersonalDataMatch[] {
  const ranked = [...matches].sort(
    (a, b) =>
      PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: PersonalDataMatch[] = [];
  for (const match of ranked) {
    if (kept.every((k) => match.end <= k.start || match.start >= k.end)) kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Every piece of personal data in the text (its first MASK_INPUT_LIMIT characters), left to right. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const bounded = text.length > MASK_INPUT_LIMIT ? text.slice(0, MASK_INPUT_LIMIT) : text;
  return withoutOverlaps([...textIds(bounded), ...numberIds(bounded)]);
}

/** The text with each piece of personal data replaced by a placeholder such as `[email]`. */
export function maskPersonalData(text: string): MaskedText {
  const truncated = text.length > MASK_INPUT_LIMIT;
  const bounded = truncated ? text.slice(0, MASK_INPUT_LIMIT) : text;
  const matches = findPersonalData(bounded);
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += bounded.slice(at, match.start) + PLACEHOLDER[match.kind];
    at = match.end;
  }
  out += bounded.slice(at);
  if (truncated) out += `… [${text.length - MASK_INPUT_LIMIT} more characters not kept]`;
  return { text: out, kinds: [...new Set(matches.map((m) => m.kind))] };
}
