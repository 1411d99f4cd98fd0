import {
  fillTemplate,
  formalSentence,
  type PitchStyle,
  SECTION_KEYS,
  type SectionKey,
  type StoryFramework,
  type StoryStyles,
} from './story.ts';

export interface PitchSection {
  key: SectionKey;
  heading: string;
  text: string;
}

export interface PitchObjection {
  objection: string;
  response: string;
}

export interface PitchDraft {
  sections: PitchSection[];
  objections: PitchObjection[];
  /** Sentences a check rejected, with why (offline, a failed sentence is dropped). */
  dropped: { sentence: string; problems: string[] }[];
}

/** Returns what is wrong with a sentence; an empty list accepts it. */
export type SentenceCheck = (sentence: string) => string[];

/** Sentences a section keeps in a shorter version. */
export const SHORTER_SECTION_SENTENCES = 2;

/**
 * The offline generator: fills the narrative's sentence templates with fact displays and names,
 * deterministically. A sentence whose names are not all known is left out; a sentence a check
 * rejects is dropped and recorded. Shorter keeps the first sentences of each section; formal
 * rewrites the template's plain phrases (`## formal`) before the checks see the sentence.
 */
export function writeOfflinePitch(
  framework: StoryFramework,
  values: ReadonlyMap<string, string>,
  check: SentenceCheck,
  options: { style?: PitchStyle; styles?: StoryStyles } = {},
): PitchDraft {
  const dropped: PitchDraft['dropped'] = [];
  const formal = options.style?.formal ? (options.styles?.formal ?? []) : [];
  const keep = options.style?.shorter ? SHORTER_SECTION_SENTENCES : Number.POSITIVE_INFINITY;
  const accept = (template: string): string | null => {
    const filled = fillTemplate(template, values);
    if (filled === null) return null;
    const sentence = formal.length > 0 ? formalSentence(filled, formal) : filled;
    const problems = check(sentence);
    if (problems.length === 0) return sentence;
    dropped.push({ sentence, problems });
    return null;
  };
  const sections: PitchSection[] = [];
  for (const key of SECTION_KEYS) {
    const heading = fillTemplate(framework.headings[key], values) ?? framework.headings[key];
    const text = framework.sections[key]
      .map(accept)
      .filter((s): s is string => s !== null)
      .slice(0, keep)
      .join(' ');
    if (text !== '') sections.push({ key, heading, text });
  }
  const objections: PitchObjection[] = [];
  for (const item of framework.objections) {
    if (objections.length === 3) break;
    const objection = accept(item.objection);
    const response = objection === null ? null : accept(item.response);
    if (objection !== null && response !== null) objections.push({ objection, response });
  }
  return { sections, objections, dropped };
}

/** The pitch as the user reads it (Markdown). */
export function renderPitchMarkdown(input: {
  title: string;
  subtitle: string;
  sections: PitchSection[];
  objections: PitchObjection[];
  /** `data/kb/<path>#<anchor>` (titles stay out: their digits are names, not figures). */
  sources: string[];
  engine: string;
}): string {
  const lines = [`# ${input.title}`, '', `_${input.subtitle}_`, ''];
  for (const section of input.sections) lines.push(`## ${section.heading}`, '', section.text, '');
  if (input.objections.length > 0) {
    lines.push('## Objections they may raise', '');
    for (const o of input.objections) lines.push(`- **"${o.objection}"** ${o.response}`);
    lines.push('');
  }
  if (input.sources.length > 0) {
    lines.push('## Sources', '');
    for (const source of input.sources) lines.push(`- ${source}`);
    lines.push('');
  }
  lines.push(
    `_AI-drafted by Scout (${input.engine}); every figure is listed with the query or document it comes from._`,
  );
  return lines.join('\n');
}
