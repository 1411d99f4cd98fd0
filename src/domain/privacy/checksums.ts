/**
 * Check-digit rules of the identifiers Scout masks. A pattern alone would also match campaign
 * codes and figures; a valid check digit is what makes a string very likely a real identifier.
 */

/** Luhn (mod 10) over a digit string: payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Area letters of Taiwan's ids in the order of their codes: A is 10, B is 11, … O is 35. */
const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/**
 * Taiwan ID (A123456789) and the 2021 resident certificate (A800000014): one letter and nine
 * digits whose weighted sum, letter code included, is a multiple of ten.
 */
export function taiwanIdValid(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^[A-Z][1289]\d{8}$/.test(upper)) return false;
  const code = TW_LETTERS.indexOf(upper[0] ?? '') + 10;
  const weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 0; i < 9; i++) sum += Number(upper[i + 1]) * (weights[i] ?? 0);
  return sum % 10 === 0;
}

/** Hong Kong identity card: one or two letters, six digits and a mod-11 check digit (0-9 or A). */
export function hongKongIdValid(letters: string, digits: string, check: string): boolean {
  const upper = letters.toUpperCase();
  if (!/^[A-Z]{1,2}$/.test(upper) || !/^\d{6}$/.test(digits) || !/^[0-9A]$/i.test(check)) return false;
  // A single-letter id counts as if a space (value 36) came first.
  const values = [...(upper.length === 1 ? [36] : []), ...[...upper].map((c) => c.charCodeAt(0) - 55)];
  let sum = (values[0] ?? 0) * 9 + (values[1] ?? 0) * 8;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  const remainder = sum % 11;
  const expected = remainder === 0 ? '0' : remainder === 1 ? 'A' : String(11 - remainder);
  return expected === check.toUpperCase();
}

const SG_CHECK_LETTERS: Record<string, { offset: number; letters: string }> = {
  S: { offset: 0, letters: 'JZIHGFEDCBA' },
  T: { offset: 4, letters: 'JZIHGFEDCBA' },
  F: { offset: 0, letters: 'XWUTRQPNMLK' },
  G: { offset: 4, letters: 'XWUTRQPNMLK' },
  M: { offset: 3, letters: 'XWUTRQPNJLK' },
};

/** Singapore NRIC / FIN: prefix S, T, F, G or M, seven digits and a check letter. */
export function singaporeIdValid(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^[STFGM]\d{7}[A-Z]$/.test(upper)) return false;
  const rule = SG_CHECK_LETTERS[upper[0] ?? ''];
  if (!rule) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2];
  let sum = rule.offset;
  for (let i = 0; i < 7; i++) sum += Number(upper[i + 1]) * (weights[i] ?? 0);
  return rule.letters[sum % 11] === upper[8];
}

/** Place-of-birth codes a MyKad can carry (states, then country codes for those born abroad). */
function validBirthPlace(code: number): boolean {
  return (
    (code >= 1 && code <= 16) ||
    (code >= 21 && code <= 59) ||
    (code >= 60 && code <= 68) ||
    code === 71 ||
    code === 72 ||
    (code >= 74 && code <= 79) ||
    (code >= 82 && code <= 93) ||
    code === 98 ||
    code === 99
  );
}

/**
 * Malaysian MyKad number YYMMDD-PB-###G: a real birth date (either century), a known
 * place-of-birth code, then four digits. There is no check digit, so the date and place carry it.
 */
export function myKadValid(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  const year = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  // 2000 is a leap year and so is every YY divisible by 4 in 1900-2099 except 1900.
  const leap = year % 4 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth && validBirthPlace(Number(digits.slice(6, 8)));
}
