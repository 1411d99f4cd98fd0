import type { TimeGrain } from '../semantic/model-schema.ts';
import type { Lexicon } from './lexicon.ts';
import { blank } from './text.ts';

/** A phrase the parser took out of the text, with where it stood. */
export interface Cue {
  start: number;
  end: number;
}

/** Words that turn the values after them into exclusions: "excluding Japan", "non video channels". */
const exclusionCue =
  /\b(?:excluding|exclude|excludes|except(?: for)?|everything but|all but|without|not including|other than|besides|apart from|minus|leaving out|leave out|ex|non|not)\b/g;

export function findExclusionCues(text: string): Cue[] {
  return [...text.matchAll(exclusionCue)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

export interface ChangeCue extends Cue {
  /** Growth ranks the largest increase first; decline the largest decrease first. */
  direction: 'desc' | 'asc';
  /** "fastest", "growth", "% growth": relative change; "grew the most", "biggest drop": absolute. */
  relative: boolean;
}

const growthWords =
  /\b(?:grew|grow|grows|grown|growing|growth|increase|increased|increases|increasing|gain|gained|gains|gainers?|rose|rise|rising|jumped|surged|climbed|improved|added|adds|adding|expanded|scaled up|went up)\b/g;
const declineWords =
  /\b(?:decline|declined|declines|declining|decliners?|drop|dropped|drops|fell|fall|falling|fallen|lost|lose|losing|losers?|decrease|decreased|decreasing|shrank|shrunk|shrinking|slumped|slid|worsened|cut back|reduced|reduction|slashed|dipped|dip|dips|contracted|pulled back|went down)\b/g;
const relativeWords =
  /\b(?:fastest|quickest|slowest|growth rate|rate of growth|relative|proportional|percentage|percent|pct)\b|%/g;
/** "absolute $", "dollar terms", "in usd": the change in the measure's own unit. */
const absoluteWords = /\b(?:absolute|abs|dollars?|usd|nominal|raw)\b/g;

/**
 * A change ranking ("who grew spend fastest", "biggest decline by channel", "added the most spend
 * in $ terms"): the change words are taken out of the text so they are placed, not skipped. Every
 * word of the same direction is placed with the first ("grew fastest … looking for % growth"); a
 * word of the other direction stays for the parser to ask about. Relative ("%", "fastest") and
 * absolute ("$", "absolute") markers say which change is meant; both named at once is asked back.
 */
export function findChangeCue(text: string): { cue: ChangeCue | null; text: string } {
  const growth = [...text.matchAll(growthWords)];
  const decline = [...text.matchAll(declineWords)];
  const first = [growth[0], decline[0]]
    .filter((m): m is RegExpExecArray => m !== undefined)
    .sort((a, b) => a.index - b.index)[0];
  if (!first) return { cue: null, text };
  const direction = first === decline[0] ? 'asc' : 'desc';
  const sameDirection = direction === 'asc' ? decline : growth;
  let out = text;
  for (const m of sameDirection) out = blank(out, m.index, m.index + m[0].length);
  // "absolute spend growth ($ change)": the noun for the change is placed with it.
  for (const m of out.matchAll(/\b(?:change|changes|delta|difference)\b/g))
    out = blank(out, m.index, m.index + m[0].length);
  // "the sharpest decline", "steepest drop": how strong the change was, placed with it.
  const strength = /\b(?:sharpest|steepest|hardest|deepest|sharper|steeper|strongest)(?:\s+\S+)?\s*$/.exec(
    text.slice(0, first.index),
  );
  if (strength) out = blank(out, strength.index, strength.index + strength[0].split(/\s+/)[0]!.length);
  // "in % terms", "in absolute terms", "in $ terms" (read as "dollar"): which change is meant, said as an idiom.
  const idiom =
    /\bin (?:(%|percent(?:age)?|pct|relative|proportional)|absolute|dollar|dollars|usd|nominal|raw) terms\b/.exec(
      out,
    );
  if (idiom) out = blank(out, idiom.index, idiom.index + idiom[0].length);
  const relativeMarks = [...out.matchAll(relativeWords)];
  const absoluteMarks = [...out.matchAll(absoluteWords)];
  for (const m of relativeMarks) out = blank(out, m.index, m.index + m[0].length);
  const mixed = !idiom && relativeMarks.length > 0 && absoluteMarks.length > 0;
  if (!mixed) for (const m of absoluteMarks) out = blank(out, m.index, m.index + m[0].length);
  const relative = idiom
    ? Boolean(idiom[1])
    : relativeMarks.length > 0 || (absoluteMarks.length === 0 && /growth/.test(first[0]));
  return {
    cue: { start: first.index, end: first.index + first[0].length, direction, relative },
    text: out,
  };
}

/** "average", "avg", "mean", "typical": an average per period when a grain is named. */
export function findAverageCue(text: string): { found: boolean; text: string } {
  const m = /\b(?:average|avg|mean|typical|on average)\b/.exec(text);
  if (!m) return { found: false, text };
  return { found: true, text: blank(text, m.index, m.index + m[0].length) };
}

/** A time unit left as the object of a ranking: "best week", "which month had the most spend". */
export function findPeriodObject(text: string): { grain: TimeGrain; plural: boolean; text: string } | null {
  const m = /\b(day|days|date|dates|week|weeks|month|months|quarter|quarters|year|years)\b/.exec(text);
  if (!m) return null;
  const word = m[1] ?? 'day';
  const grain = (word.startsWith('date') ? 'day' : word.replace(/s$/, '')) as TimeGrain;
  return { grain, plural: /s$/.test(word), text: blank(text, m.index, m.index + m[0].length) };
}

/**
 * Campaign names typed in full ("Lumenix Displays — Creator Laptop Series 2024"): matched before
 * the time words, which would otherwise read the year inside the name as a period.
 */
export function findCampaigns(text: string, lexicon: Lexicon): { values: string[]; text: string } {
  const values: string[] = [];
  let out = text;
  for (const { phrase, value } of lexicon.campaigns) {
    const at = wholePhraseIndex(out, phrase);
    if (at < 0) continue;
    values.push(value);
    out = blank(out, at, at + phrase.length);
  }
  return { values, text: out };
}

function wholePhraseIndex(text: string, phrase: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return -1;
    const before = at === 0 || text[at - 1] === ' ';
    const after = at + phrase.length === text.length || text[at + phrase.length] === ' ';
    if (before && after) return at;
    from = at + 1;
  }
}
