import { ScoutError } from '../../errors.ts';
import { escapeRegExp } from '../parser/text.ts';

/** The situations a pitch is framed for (see prompts/pitch-story/). */
export const NARRATIVES = ['growing', 'declining', 'new_channel', 'under_qualifying'] as const;
export type Narrative = (typeof NARRATIVES)[number];

export const SECTION_KEYS = ['situation', 'opportunity', 'program', 'proof', 'next_step'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface StoryFramework {
  narrative: Narrative;
  when: string;
  headings: Record<SectionKey, string>;
  /** Sentence templates per section, in order. */
  sections: Record<SectionKey, string[]>;
  /** In order of likelihood; the pitch keeps the first three that can be written. */
  objections: { objection: string; response: string }[];
}

function invalid(message: string): never {
  throw new ScoutError('config_invalid', `pitch story template: ${message}`, {
    userMessage: `The pitch story template is invalid: ${message}`,
  });
}

/** Splits the template body into `## name` blocks of lines. */
function blocks(body: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) {
      current = [];
      out.set(heading[1] ?? '', current);
    } else if (current) current.push(line);
  }
  return out;
}

const bullet = (line: string) => /^- (.+)$/.exec(line.trim())?.[1]?.trim() ?? null;

/** Reads the narratives of a `pitch-story` template body; every narrative must have every section. */
export function parseStoryTemplate(body: string): Map<Narrative, StoryFramework> {
  const parts = blocks(body);
  const headingLines = parts.get('headings') ?? invalid('no "## headings" block');
  const headings = {} as Record<SectionKey, string>;
  for (const line of headingLines) {
    const item = bullet(line);
    const match = item ? /^([a-z_]+):\s*(.+)$/.exec(item) : null;
    if (match && (SECTION_KEYS as readonly string[]).includes(match[1] ?? ''))
      headings[match[1] as SectionKey] = match[2] ?? '';
  }
  for (const key of SECTION_KEYS) if (!headings[key]) invalid(`no heading for ${key}`);

  const frameworks = new Map<Narrative, StoryFramework>();
  for (const narrative of NARRATIVES) {
    const lines = parts.get(narrative) ?? invalid(`no "## ${narrative}" narrative`);
    const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, [] as string[]])) as Record<
      SectionKey,
      string[]
    >;
    const objections: StoryFramework['objections'] = [];
    let when = '';
    let section: string | null = null;
    for (const line of lines) {
      const sub = /^### (\S+)\s*$/.exec(line);
      if (sub) {
        section = sub[1] ?? null;
        continue;
      }
      if (line.startsWith('when:')) when = line.slice('when:'.length).trim();
      const item = bullet(line);
      if (!item || !section) continue;
      if (section === 'objections') {
        const [objection, response] = item.split(' => ').map((s) => s.trim());
        if (!objection || !response) invalid(`objection without "=>" in ${narrative}: ${item}`);
        objections.push({ objection, response });
      } else if ((SECTION_KEYS as readonly string[]).includes(section)) {
        sections[section as SectionKey].push(item);
      }
    }
    for (const key of SECTION_KEYS)
      if (sections[key].length === 0) invalid(`${narrative} has no ${key} sentences`);
    if (objections.length < 3) invalid(`${narrative} needs 3 objections`);
    frameworks.set(narrative, { narrative, when, headings, sections, objections });
  }
  return frameworks;
}

/**
 * The narrative for the account's situation: a program channel it does not use yet, a minimum it
 * does not reach yet, else growth or decline on the same quarter a year ago.
 */
export function chooseNarrative(input: {
  programChannelSpend: number;
  qualifies: boolean;
  spendChangeYear: number | null;
}): Narrative {
  if (input.programChannelSpend <= 0) return 'new_channel';
  if (!input.qualifies) return 'under_qualifying';
  return (input.spendChangeYear ?? 0) < 0 ? 'declining' : 'growing';
}

/** Fills `{name}` placeholders; null when any name is unknown (the sentence is then left out). */
export function fillTemplate(template: string, values: ReadonlyMap<string, string>): string | null {
  let missing = false;
  const text = template.replace(/\{([a-z_][a-z0-9_.]*)\}/g, (_, name: string) => {
    const value = values.get(name);
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? null : text;
}

/** How a re-written version differs: shorter, more formal (the buttons under a pitch, the modal's tone). */
export interface PitchStyle {
  shorter?: boolean;
  formal?: boolean;
}

/** What the template says about styles: the model's instruction per style, the offline formal phrasing. */
export interface StoryStyles {
  instructions: { shorter: string; formal: string };
  /** Plain phrase => formal phrase, applied in order to each written sentence. */
  formal: [plain: string, formal: string][];
}

/** Reads `## styles` and `## formal` of a `pitch-story` body (from 1.1.0; older bodies have neither). */
export function parseStoryStyles(body: string): StoryStyles {
  const parts = blocks(body);
  const instructions = { shorter: '', formal: '' };
  for (const line of parts.get('styles') ?? []) {
    const match = /^(shorter|formal):\s*(.+)$/.exec(bullet(line) ?? '');
    if (match) instructions[match[1] as 'shorter' | 'formal'] = match[2] ?? '';
  }
  const formal: [string, string][] = [];
  for (const line of parts.get('formal') ?? []) {
    const [plain, register] = (bullet(line) ?? '').split(' => ').map((s) => s.trim());
    if (plain && register) formal.push([plain, register]);
  }
  return { instructions, formal };
}

/** The sentence in the formal register: each plain phrase that starts a word is replaced. */
export function formalSentence(sentence: string, phrases: StoryStyles['formal']): string {
  let text = sentence;
  for (const [plain, register] of phrases) {
    const escaped = escapeRegExp(plain);
    text = text.replace(new RegExp(`(^|[\\s"(])${escaped}(?=$|[\\s,.:;!?])`, 'g'), `$1${register}`);
  }
  return text;
}
