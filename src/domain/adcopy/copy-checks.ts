/**
 * The checks every variant passes in code, whoever wrote it: claims without a known source are
 * removed (and copy that states them is flagged), the channel's limits, the brand's forbidden
 * claims, and a quality score from sourced claims, limits, distinctness and reading level.
 */
import { type ForbiddenClaim, phrasePattern } from '../pitch/checks.ts';
import {
  type AdChannel,
  type Claim,
  claimSourceSchema,
  limitsFor,
  type Variant,
  type VariantDraft,
} from './copy.ts';

export interface CheckContext {
  channel: AdChannel;
  forbidden: readonly ForbiddenClaim[];
  /** Sources the pipeline actually read: creative ids shown as similar, guideline paths read. */
  knownSources: ReadonlySet<string>;
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];

function isKnown(claim: Claim, known: ReadonlySet<string>): boolean {
  if (!claimSourceSchema.safeParse(claim.source).success) return false;
  if (claim.source.startsWith('creative:') || claim.source.startsWith('guideline:'))
    return known.has(claim.source);
  return true;
}

function limitIssues(draft: VariantDraft, channel: AdChannel): string[] {
  const limits = limitsFor(channel);
  const issues: string[] = [];
  const over = (field: string, text: string, max: number) => {
    if (text.length > max) issues.push(`${field} is ${text.length} characters (limit ${max} on ${channel})`);
  };
  over('headline', draft.headline, limits.headline);
  over('description', draft.description, limits.description);
  if (draft.primary_text !== null) {
    if (limits.primaryText === null) issues.push(`${channel} has no primary text`);
    else over('primary text', draft.primary_text, limits.primaryText);
  }
  if (draft.headline.trim() === '') issues.push('headline is empty');
  return issues;
}

function copyText(draft: VariantDraft): string {
  return [draft.headline, draft.description, draft.primary_text ?? '', draft.cta].join('\n');
}

/** Syllables by vowel groups: rough, but enough to tell plain copy from jargon. */
function syllables(word: string): number {
  return Math.max(1, (word.replace(/e$/, '').match(/[aeiouy]+/g) ?? []).length);
}

/** 1 for plain copy (Flesch reading ease ≥ 60), down to 0 at 0. */
export function readability(text: string): number {
  const sentences = Math.max(1, (text.match(/[.!?\n]+/g) ?? []).length);
  const all = words(text);
  if (all.length === 0) return 0;
  const ease =
    206.835 -
    1.015 * (all.length / sentences) -
    84.6 * (all.reduce((s, w) => s + syllables(w), 0) / all.length);
  return Math.max(0, Math.min(1, ease / 60));
}

function similarity(a: string, b: string): number {
  const x = new Set(words(a));
  const y = new Set(words(b));
  const shared = [...x].filter((w) => y.has(w)).length;
  return x.size + y.size === 0 ? 0 : shared / (x.size + y.size - shared);
}

/** Checks one variant against the context and its siblings (for distinctness). */
export function checkVariant(
  draft: VariantDraft,
  siblings: readonly VariantDraft[],
  context: CheckContext,
  id: string,
): Variant {
  const issues: string[] = [];
  const kept = draft.claims.filter((claim) => isKnown(claim, context.knownSources));
  for (const claim of draft.claims.filter((c) => !kept.includes(c)))
    issues.push(`claim "${claim.text}" removed: source ${claim.source} is not one Scout read`);
  issues.push(...limitIssues(draft, context.channel));
  const text = copyText(draft);
  for (const claim of context.forbidden)
    if (phrasePattern(claim.phrase).test(text))
      issues.push(`"${claim.phrase}" is forbidden by ${claim.source}`);
  const sourced = draft.claims.length === 0 ? 0 : kept.length / draft.claims.length;
  const withinLimits = limitIssues(draft, context.channel).length === 0 ? 1 : 0;
  const others = siblings.filter((s) => s !== draft);
  const distinct =
    others.length === 0 ? 1 : 1 - Math.max(...others.map((o) => similarity(o.headline, draft.headline)));
  const score = 0.4 * sourced + 0.3 * withinLimits + 0.2 * distinct + 0.1 * readability(text);
  const forbiddenHit = issues.some((i) => i.includes('is forbidden by'));
  return {
    ...draft,
    claims: kept,
    id,
    channel: context.channel,
    score: forbiddenHit ? 0 : Math.round(score * 100) / 100,
    issues,
  };
}

/** A variant may be shown when it breaks no limit and makes no forbidden claim. */
export function isDeliverable(variant: Variant): boolean {
  return !variant.issues.some((i) => /limit|forbidden|no primary text|empty/.test(i));
}

/** Checks every draft against the others; only deliverable variants are kept. */
export function checkAll(
  drafts: readonly VariantDraft[],
  context: CheckContext,
  newId: () => string,
): Variant[] {
  return drafts.map((d) => checkVariant(d, drafts, context, newId())).filter(isDeliverable);
}
