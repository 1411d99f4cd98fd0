import { escapeRegExp } from '../parser/text.ts';

/**
 * Whether a word the corpus lacks is a name (a brand, a company, a platform) rather than the
 * asker's phrasing. A name the documents do not contain means they are about someone else: the
 * Singapore note does not answer "how's Acme Motors doing in SG". Phrasing ("stale", "kickback",
 * "tanked") the corpus also lacks must not block an answer, so only a word written like a name counts:
 * - capitalised inside the sentence ("is Contoso eligible");
 * - followed by a noun that companies put after their name ("acme motors", "globex bank");
 * - or possessive ("initech's q3 results").
 */

/** Nouns that follow a company's own name: the word before them is the name. */
const COMPANY_NOUNS = new Set(
  (
    'motors motor autos cars automotive bank banking airways airlines air group holdings inc corp ' +
    'corporation co company ltd llc plc pte bhd tbk beauty skin skincare cosmetics mart foods beverages ' +
    'drinks hotels hotel resorts games studios electronics technologies tech telecom labs pharma ' +
    'insurance capital finance apparel fashion stores supermarkets brands industries international'
  ).split(' '),
);

/** The words of `absent` that the question writes as a name. */
export function nameLikeWords(question: string, absent: readonly string[]): string[] {
  // In a Title Case Question capitals say nothing.
  const words = question.match(/\p{L}+/gu) ?? [];
  const capitalsMeanNames = words.filter((w) => /^\p{Lu}/u.test(w)).length * 2 < words.length;
  return absent.filter((word) => {
    if (!/^\p{L}[\p{L}\d]*$/u.test(word)) return false;
    const pattern = new RegExp(
      `(^|[^\\p{L}\\d])(${escapeRegExp(word)})(?![\\p{L}\\d])(['’]s\\b)?\\s*([\\p{L}]+)?`,
      'giu',
    );
    for (const m of question.matchAll(pattern)) {
      const written = m[2] ?? '';
      const at = (m.index ?? 0) + (m[1]?.length ?? 0);
      const sentenceStart = /(^|[.!?]\s+)$/.test(question.slice(0, at));
      // "LNY", "ROI": an acronym is shorthand as often as a name.
      const capitalised = /^\p{Lu}/u.test(written) && !/^\p{Lu}+$/u.test(written);
      if (capitalised && capitalsMeanNames && !sentenceStart) return true;
      if (m[3]) return true;
      if (COMPANY_NOUNS.has((m[4] ?? '').toLowerCase())) return true;
    }
    return false;
  });
}
