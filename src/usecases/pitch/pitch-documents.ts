import { workspaceAudience } from '../../domain/audience.ts';
import type { BrandRules, ForbiddenClaim } from '../../domain/pitch/checks.ts';
import { NAMED_COMPETITORS } from '../../domain/pitch/competitors.ts';
import type { RetrievedChunk } from '../../ports.ts';
import type { PitchDeps } from './pitch-deps.ts';

export const HOUSE_STYLE_ID = 'PITCH-HOUSE-STYLE';

export interface Citation {
  title: string;
  source: string;
  excerpt: string;
}

/** What the documents add to a pitch: the claims it must not make, combinability, a proof point. */
export interface PitchDocuments {
  brandRules: BrandRules;
  /** Whether the house style guide was found (without it no pitch is delivered). */
  houseStyle: boolean;
  /** The advertiser's own guidelines, when we have them. */
  guidelines: string | null;
  /** The terms document's combinability section. */
  combinability: { text: string; source: string } | null;
  /** The terms as the program record states them, in the terms document. */
  terms: { text: string; source: string } | null;
  /** A brand's outcome from the program's terms document, quoted with its source. */
  proof: { text: string; source: string; brand: string } | null;
  citations: Citation[];
}

async function documentChunks(deps: PitchDeps, filters: Record<string, string>): Promise<RetrievedChunk[]> {
  if (!deps.retriever) return [];
  // A pitch may be read by anyone in the workspace: internal documents only.
  return deps.retriever.retrieve({
    text: 'claims combinability worked example terms eligibility benefits',
    topK: 40,
    filters,
    audience: workspaceAudience(),
  });
}

const headingOf = (chunk: RetrievedChunk) => String(chunk.metadata.heading ?? '');
const quoted = (text: string) => [...text.matchAll(/"([^"]{2,60})"/g)].map((m) => m[1] ?? '');

/** Quoted phrases of the bullets in a "never" / "may not" section: the claims that must never appear. */
export function forbiddenClaims(chunks: RetrievedChunk[], heading: RegExp): ForbiddenClaim[] {
  const claims: ForbiddenClaim[] = [];
  for (const chunk of chunks) {
    const section = heading.test(headingOf(chunk));
    for (const line of chunk.text.split('\n')) {
      const never = /^-\s/.test(line) && (section || /\bnever\b/i.test(line));
      if (!never) continue;
      // A lone short word ("was" from "was/now" prices) is not a claim; matching it would ban plain English.
      for (const phrase of quoted(line))
        if (/\s|[/-]/.test(phrase) || phrase.length > 4) claims.push({ phrase, source: chunk.source });
    }
  }
  return claims;
}

/**
 * A brand's outcome under the program from its terms document: a line that names a brand and
 * what it spent, through the line that says what that earned. Another brand's case first.
 */
function proofPoint(
  chunks: RetrievedChunk[],
  brands: readonly string[],
  pitched: string,
): PitchDocuments['proof'] {
  const cases: { text: string; source: string; brand: string }[] = [];
  // A section about choosing between programs names others in its anchor: not a proof to cite.
  const own = /\bPRG-\d{2}\b/i;
  for (const chunk of chunks.filter((c) => !own.test(headingOf(c)))) {
    const lines = chunk.text.split('\n').map((l) => l.trim());
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const brand = brands.find((b) => line.startsWith(`${b} `));
      if (!brand || !/\bspent\b/.test(line)) continue;
      const run = [line];
      for (let j = i; j < lines.length && j < i + 3; j++) {
        if (j > i) {
          const next = lines[j] ?? '';
          if (next === '' || brands.some((b) => next.startsWith(`${b} `))) break;
          run.push(next);
        }
        const text = run.join(' ');
        if (/\bearn(s|ed)?\b/.test(lines[j] ?? '') && !/\bnothing\b|\bbelow the minimum\b/.test(text)) {
          cases.push({ text, source: chunk.source, brand });
          break;
        }
      }
    }
  }
  return cases.find((c) => c.brand !== pitched) ?? cases[0] ?? null;
}

export async function readPitchDocuments(
  deps: PitchDeps,
  input: { brand: string; brands: readonly string[]; programId: string | null },
): Promise<PitchDocuments> {
  const [house, guidelines, terms] = await Promise.all([
    documentChunks(deps, { source_id: HOUSE_STYLE_ID }),
    documentChunks(deps, { type: 'brand-guidelines', brand: input.brand }),
    input.programId ? documentChunks(deps, { source_id: `${input.programId}-TERMS` }) : Promise.resolve([]),
  ]);
  const combinabilityChunk = terms.find((c) => /combinab/i.test(headingOf(c)));
  const termsChunk = terms.find((c) => /^terms/i.test(headingOf(c)));
  const proof = proofPoint(terms, input.brands, input.brand);
  const citations: Citation[] = [];
  const cite = (chunk: RetrievedChunk | undefined, excerpt?: string) => {
    if (chunk && !citations.some((c) => c.source === chunk.source))
      citations.push({
        title: chunk.title,
        source: chunk.source,
        excerpt: (excerpt ?? chunk.text).slice(0, 300),
      });
  };
  if (proof)
    cite(
      terms.find((c) => c.source === proof.source),
      proof.text,
    );
  cite(combinabilityChunk);
  cite(termsChunk);
  cite(house.find((c) => /claims we never make/i.test(headingOf(c))));
  const guidelineClaims = forbiddenClaims(guidelines, /may not|never/i);
  cite(guidelines.find((c) => /may not/i.test(headingOf(c))));
  return {
    brandRules: {
      forbidden: [...forbiddenClaims(house, /never make/i), ...guidelineClaims],
      competitors: [...NAMED_COMPETITORS],
    },
    houseStyle: house.length > 0,
    guidelines: guidelines[0]?.source.split('#')[0] ?? null,
    combinability: combinabilityChunk
      ? { text: combinabilityChunk.text, source: combinabilityChunk.source }
      : null,
    terms: termsChunk ? { text: termsChunk.text.replace(/\s+/g, ' '), source: termsChunk.source } : null,
    proof,
    citations,
  };
}
