/**
 * The offline writer: fills a persona's templates (its prompt's `## headlines`, `## descriptions`,
 * `## primary_texts`) with what the pipeline knows and tags each filled-in fact with its source.
 * Deterministic; a template whose filled text breaks the channel's limit, or that needs a fact
 * not measured, is skipped.
 */
import { type AdChannel, type Claim, limitsFor, type SimilarCreative, type VariantDraft } from './copy.ts';

export interface WriterFacts {
  product: string;
  brand: string;
  /** The dominant colour's everyday name, when pixels were measured. */
  colour: string | null;
  /** The guideline's approved positioning line and its source (`guideline:<path>`). */
  positioning: { text: string; source: string } | null;
  /** The best similar creative on this channel: its call to action is reused. */
  winner: SimilarCreative | null;
  defaultCta: string;
}

export interface PersonaTemplates {
  persona: string;
  headlines: string[];
  descriptions: string[];
  primaryTexts: string[];
}

/** The `- ` lines under a `## <name>` heading of a persona prompt's body. */
export function templatesOf(persona: string, body: string): PersonaTemplates {
  const section = (name: string) => {
    const lines = body.split('\n');
    const start = lines.findIndex((l) => l.trim() === `## ${name}`);
    if (start < 0) return [];
    const out: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line.startsWith('## ')) break;
      if (line.startsWith('- ')) out.push(line.slice(2).trim());
    }
    return out;
  };
  return {
    persona,
    headlines: section('headlines'),
    descriptions: section('descriptions'),
    primaryTexts: section('primary_texts'),
  };
}

interface Filled {
  text: string;
  claims: Claim[];
}

function fill(template: string, facts: WriterFacts): Filled | null {
  if (template.includes('{colour}') && !facts.colour) return null;
  const claims: Claim[] = [];
  if (template.includes('{product}')) claims.push({ text: facts.product, source: 'brief' });
  if (template.includes('{brand}')) claims.push({ text: facts.brand, source: 'catalog' });
  if (template.includes('{colour}') && facts.colour) claims.push({ text: facts.colour, source: 'image' });
  const text = template
    .replaceAll('{product}', facts.product)
    .replaceAll('{brand}', facts.brand)
    .replaceAll('{colour}', facts.colour ?? '');
  return { text: text.charAt(0).toUpperCase() + text.slice(1), claims };
}

function firstWithin(templates: readonly string[], facts: WriterFacts, max: number, skip = 0): Filled | null {
  const filled = templates
    .map((t) => fill(t, facts))
    .filter((f): f is Filled => f !== null && f.text.length <= max);
  return filled[skip % Math.max(1, filled.length)] ?? null;
}

/** Cuts at a word boundary so the text fits `max` characters. */
function fitWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > 0 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s,:;—-]+$/, '');
}

const unique = (claims: Claim[]) =>
  claims.filter((c, i) => claims.findIndex((d) => d.text === c.text && d.source === c.source) === i);

/** One variant for one persona; `attempt` picks another template (regenerate). */
export function writeOffline(
  templates: PersonaTemplates,
  facts: WriterFacts,
  channel: AdChannel,
  attempt = 0,
): VariantDraft {
  const limits = limitsFor(channel);
  const headline = firstWithin(templates.headlines, facts, limits.headline, attempt) ?? {
    text: fitWords(facts.product, limits.headline),
    claims: [{ text: facts.product, source: 'brief' }],
  };
  const description = firstWithin(templates.descriptions, facts, limits.description, attempt) ?? {
    text: fitWords(`${facts.brand} ${facts.product}.`, limits.description),
    claims: [{ text: facts.brand, source: 'catalog' }],
  };
  let primary: Filled | null = null;
  if (limits.primaryText !== null) {
    const base = firstWithin(templates.primaryTexts, facts, limits.primaryText, attempt);
    const positioning = facts.positioning;
    if (base && positioning) {
      const withLine = `${base.text} ${positioning.text}.`;
      primary =
        withLine.length <= limits.primaryText
          ? { text: withLine, claims: [...base.claims, positioning] }
          : base;
    } else primary = base;
  }
  const cta = facts.winner?.cta ?? facts.defaultCta;
  const ctaClaims: Claim[] = facts.winner
    ? [{ text: facts.winner.cta, source: `creative:${facts.winner.creative_id}` }]
    : [];
  return {
    persona: templates.persona,
    headline: headline.text,
    description: description.text,
    primary_text: primary?.text ?? null,
    cta,
    claims: unique([...headline.claims, ...description.claims, ...(primary?.claims ?? []), ...ctaClaims]),
  };
}
