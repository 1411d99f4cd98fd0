/*
 * Numbers with thousands separators and a fixed count of decimals, exactly as
 * `new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })` writes
 * them, without ICU: its number formatter costs 30-40 ms to start, a tenth of a CLI answer.
 * ICU rounds the shortest decimal form of the double (what String(x) gives), half away from zero,
 * so 1.005 is "1.01" where (1.005).toFixed(2) is "1.00"; a negative that rounds to zero keeps its
 * sign ("-0.00"). Magnitudes from 1e15 up, where ICU's digits differ, still go through Intl.
 */

const PLAIN_LIMIT = 1e15;
const FIVE = 53; // '5'

let wideFormats: Map<number, Intl.NumberFormat> | null = null;
function viaIntl(value: number, digits: number): string {
  wideFormats ??= new Map();
  let format = wideFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    wideFormats.set(digits, format);
  }
  return format.format(value);
}

/** The shortest decimal digits of a non-negative finite number and where its point goes. */
function decimalDigits(abs: number): { digits: string; point: number } {
  const text = String(abs);
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + (e < 0 ? 0 : Number(text.slice(e + 1)));
  return point > 0 ? { digits, point } : { digits: '0'.repeat(1 - point) + digits, point: 1 };
}

/** `value` with `fractionDigits` decimals and en-US grouping ("1,234.50"); finite values only. */
export function formatFixed(value: number, fractionDigits: number): string {
  const abs = Math.abs(value);
  if (abs >= PLAIN_LIMIT) return viaIntl(value, fractionDigits);
  const { digits, point } = decimalDigits(abs);
  const padded = digits.padEnd(point + fractionDigits + 1, '0');
  let kept = BigInt(padded.slice(0, point + fractionDigits));
  if (padded.charCodeAt(point + fractionDigits) >= FIVE) kept += 1n;
  const keptText = kept.toString().padStart(fractionDigits + 1, '0');
  const cut = keptText.length - fractionDigits;
  const whole = keptText.slice(0, cut).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = fractionDigits > 0 ? `.${keptText.slice(cut)}` : '';
  return `${value < 0 || Object.is(value, -0) ? '-' : ''}${whole}${fraction}`;
}
