import { luhnValid, myKadValid } from './checksums.ts';
import type { NumericSpan } from './numeric-runs.ts';

/**
 * Which spans of digits are personal data: payment cards (issuer prefix and Luhn), MyKad numbers
 * (birth date and place of birth) and phone numbers in the formats of Scout's eight markets.
 */

export type Market = 'TW' | 'HK' | 'SG' | 'MY' | 'TH' | 'VN' | 'PH' | 'JP';
/** A '+' number of another country is still someone's phone number. */
export type PhoneOrigin = Market | 'other';

/** National significant numbers after the country code (E.164 without the trunk 0). */
const INTERNATIONAL: { code: string; market: Market; nsn: RegExp }[] = [
  { code: '886', market: 'TW', nsn: /^(?:9\d{8}|[2-8]\d{7,8})$/ },
  { code: '852', market: 'HK', nsn: /^[2-9]\d{7}$/ },
  { code: '65', market: 'SG', nsn: /^[3689]\d{7}$/ },
  { code: '60', market: 'MY', nsn: /^(?:1\d{8,9}|[3-9]\d{7,8})$/ },
  { code: '66', market: 'TH', nsn: /^(?:[689]\d{8}|[2-7]\d{7})$/ },
  { code: '84', market: 'VN', nsn: /^(?:[35789]\d{8}|2\d{9})$/ },
  { code: '63', market: 'PH', nsn: /^(?:9\d{9}|2\d{8})$/ },
  { code: '81', market: 'JP', nsn: /^(?:[789]0\d{8}|[1-9]\d{8})$/ },
];

/** Numbers dialled inside the country, with the trunk prefix 0 (mobile first, then landline). */
const NATIONAL: { market: Market; pattern: RegExp }[] = [
  { market: 'TW', pattern: /^(?:09\d{8}|0[2-8]\d{7,8})$/ },
  { market: 'MY', pattern: /^(?:01\d{8,9}|0[3-9]\d{7,8})$/ },
  { market: 'TH', pattern: /^(?:0[689]\d{8}|0[2-7]\d{7})$/ },
  { market: 'VN', pattern: /^(?:0[35789]\d{8}|02\d{9})$/ },
  { market: 'PH', pattern: /^(?:09\d{9}|02\d{8})$/ },
  { market: 'JP', pattern: /^(?:0[789]0\d{8}|0[1-9]\d{8})$/ },
];

/** Words that say the number next to them is a phone number. */
const PHONE_CONTEXT =
  /\b(?:phone|tel|telephone|mobile|mob|cell|call|whatsapp|wa|contact|number|hotline|fax|sms|text me|reach me)\b|電話|手機/i;

export const MAX_NUMBER_DIGITS = 19;

const sizes = (span: NumericSpan): string => span.groups.map((g) => g.digits.length).join('-');
const separators = (span: NumericSpan): Set<string> => new Set(span.groups.slice(1).map((g) => g.before));

function cardIssuerKnown(d: string): boolean {
  const n = d.length;
  if (/^4/.test(d)) return n === 13 || n === 16 || n === 19;
  if (/^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/.test(d)) return n === 16;
  if (/^3[47]/.test(d)) return n === 15;
  if (/^3(?:0[0-5]|[689])/.test(d)) return n >= 14 && n <= 19;
  if (/^(?:6011|65|64[4-9]|62|35(?:2[89]|[3-8]))/.test(d)) return n >= 16 && n <= 19;
  return false;
}

const CARD_GROUPINGS = new Set([
  '4-4-4-4',
  '4-4-4-4-3',
  '4-4-4-4-2',
  '4-4-4-4-1',
  '4-6-5',
  '4-6-4',
  '4-4-4-1',
]);

/** A payment card: 13-19 digits, written whole or in the usual groups, a known issuer, Luhn-valid. */
export function isCardNumber(span: NumericSpan): boolean {
  if (span.plus || span.digits.length < 13) return false;
  const seps = separators(span);
  const grouped = span.groups.length === 1 || (seps.size === 1 && CARD_GROUPINGS.has(sizes(span)));
  const plainSeparator = [...seps].every((s) => s === ' ' || s === '-');
  return grouped && plainSeparator && cardIssuerKnown(span.digits) && luhnValid(span.digits);
}

/** A MyKad number: YYMMDD-PB-###G, with dashes or spaces in those places, or as twelve digits. */
export function isMyKad(span: NumericSpan): boolean {
  if (span.plus || span.digits.length !== 12) return false;
  const layout = span.groups.length === 1 || (sizes(span) === '6-2-4' && separators(span).size === 1);
  return layout && myKadValid(span.digits);
}

function internationalMarket(span: NumericSpan): Market | null {
  let digits = span.digits;
  const writtenWithCode = span.plus || digits.startsWith('00') || span.groups.length > 1;
  if (!span.plus && digits.startsWith('00')) digits = digits.slice(2);
  for (const { code, market, nsn } of INTERNATIONAL) {
    if (!digits.startsWith(code)) continue;
    // Without a '+', the country code must stand apart ("852 9123 4567") or follow "00".
    const codeStandsApart = span.plus || span.digits.startsWith('00') || span.groups[0]?.digits === code;
    if (!writtenWithCode || !codeStandsApart) continue;
    const rest = digits.slice(code.length).replace(/^0/, '');
    if (nsn.test(rest)) return market;
  }
  return null;
}

/**
 * An eight-digit Hong Kong or Singapore number written without its country code. Bare, it looks
 * like any figure, so it counts only next to a word like "phone" or "call", or written on its
 * own in the 4-4 layout of a mobile number ("9123 4567") that is not two years or round figures
 * (four groups of four are a card number that failed its check, not two phone numbers).
 */
function localEightDigitMarket(span: NumericSpan, before: string): Market | null {
  const { digits } = span;
  const hk = /^[2-9]\d{7}$/.test(digits);
  const sg = /^[3689]\d{7}$/.test(digits);
  if (!hk && !sg) return null;
  const market: Market = sg && !hk ? 'SG' : 'HK';
  if (PHONE_CONTEXT.test(before)) return market;
  const [first, second] = span.groups.map((g) => g.digits);
  if (!span.whole || span.groups.length !== 2 || first?.length !== 4 || second?.length !== 4) return null;
  const yearLike = (g: string) => /^(?:19|20)\d\d$/.test(g);
  const round = (g: string) => g.endsWith('00');
  if (!/^[5689]/.test(first) || yearLike(first) || yearLike(second) || round(first) || round(second))
    return null;
  return market;
}

/** Where a phone number is from, or null. `before` is the text just before the span (for context words). */
export function phoneOrigin(span: NumericSpan, before: string): PhoneOrigin | null {
  if (span.digits.length < 8 || span.digits.length > 15) return null;
  const international = internationalMarket(span);
  if (international) return international;
  if (span.plus) return span.digits.length >= 10 ? 'other' : null;
  if (span.digits.startsWith('0') && !span.digits.startsWith('00')) {
    return NATIONAL.find(({ pattern }) => pattern.test(span.digits))?.market ?? null;
  }
  return localEightDigitMarket(span, before);
}
