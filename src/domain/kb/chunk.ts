import { trustedPassage } from '../documents/untrusted-text.ts';
import { HEADING_SEPARATOR, type KbChunk, type KbDocument } from './document.ts';

/**
 * Heading-aware chunking. The text is cut into sections at Markdown headings (outside code
 * fences); each section into units — sentences of paragraphs, list items, table rows, code
 * blocks — and units are packed into chunks of about `minWords`–`maxWords` words. A chunk never
 * crosses a heading and never cuts a sentence; consecutive chunks of a section share their last
 * one or two sentences, so a statement split across the seam is still found whole.
 */

/**
 * Bump when chunking changes: stored chunks made by another version must be rebuilt.
 * 2: sentences addressed to an assistant (untrusted-text.ts) are no longer indexed.
 */
export const CHUNKER_VERSION = 2;

export interface ChunkOptions {
  minWords: number;
  maxWords: number;
  /** Sentences carried from one chunk into the next (same section only). */
  overlapSentences: number;
  /** …as long as they hold at most this many words. */
  overlapMaxWords: number;
  /** A single unit above this (a run-on "sentence" from a bad PDF) is cut at word boundaries. */
  hardMaxWords: number;
}

export const defaultChunkOptions: ChunkOptions = {
  minWords: 120,
  maxWords: 220,
  overlapSentences: 2,
  overlapMaxWords: 50,
  hardMaxWords: 440,
};

interface Section {
  headingPath: string[];
  start: number;
  end: number;
}

interface Unit {
  start: number;
  end: number;
  words: number;
  /** True for the first unit of a paragraph, list item or table: a preferred place to cut. */
  opensBlock: boolean;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;
const TABLE_ROW = /^\s*\|/;
const ABBREVIATIONS = new Set(
  'e.g i.e etc vs mr mrs ms dr prof inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec fig no nos approx est st vol p pp u.s u.k'.split(
    ' ',
  ),
);

/** Heading text without Markdown decoration. */
export function cleanHeading(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

interface HeadingLine {
  lineStart: number;
  next: number;
  level: number;
  text: string;
}

/** ATX headings outside code fences. */
function headingLines(text: string): HeadingLine[] {
  const found: HeadingLine[] = [];
  let fence: string | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker.slice(0, 3);
      else if (marker.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      found.push({
        lineStart,
        next: Math.min(offset, text.length),
        level: heading[1]?.length ?? 1,
        text: cleanHeading(heading[2] ?? ''),
      });
    }
  }
  return found;
}

function splitSections(text: string, title: string): Section[] {
  const headings = headingLines(text);
  // The document's own title heading adds nothing to a citation's heading path: a level-1
  // heading that repeats the title, or the only level-1 heading when it comes first.
  const h1s = headings.filter((h) => h.level === 1);
  const titleHeading = (h: HeadingLine, i: number) =>
    h.level === 1 && (sameTitle(h.text, title) || (i === 0 && h1s.length === 1));
  const sections: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let sectionStart = 0;
  let path: string[] = [];
  headings.forEach((heading, i) => {
    sections.push({ headingPath: path, start: sectionStart, end: heading.lineStart });
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= heading.level) stack.pop();
    if (!titleHeading(heading, i) && heading.text !== '')
      stack.push({ level: heading.level, text: heading.text });
    path = stack.map((h) => h.text);
    sectionStart = heading.next;
  });
  sections.push({ headingPath: path, start: sectionStart, end: text.length });
  return sections.filter((s) => text.slice(s.start, s.end).trim() !== '');
}

function countWords(text: string, start: number, end: number): number {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** [start, end) with surrounding whitespace removed. */
function trimSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return [s, e];
}

/** Sentence ends inside [start, end): after . ! ? … (and closing quotes) before a capital or digit. */
function sentenceSpans(text: string, start: number, end: number): [number, number][] {
  const spans: [number, number][] = [];
  const slice = text.slice(start, end);
  const boundary = /[.!?…]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\p{N}])/gu;
  let from = 0;
  for (const match of slice.matchAll(boundary)) {
    const stop = (match.index ?? 0) + match[0].length;
    if (match[0].startsWith('.') && match[0].length === 1) {
      const before = /([\p{L}.]+)$/u.exec(slice.slice(Math.max(from, stop - 12), stop - 1))?.[1] ?? '';
      // Abbreviations ("e.g.", "Inc.") and initials ("J. Smith") do not end sentences.
      if (ABBREVIATIONS.has(before.toLowerCase()) || /^\p{Lu}$/u.test(before)) continue;
    }
    const [s, e] = trimSpan(text, start + from, start + stop);
    if (e > s) spans.push([s, e]);
    from = stop;
  }
  const [s, e] = trimSpan(text, start + from, end);
  if (e > s) spans.push([s, e]);
  return spans;
}

/** Cuts a run-on span at word boundaries into pieces of at most `maxWords` words. */
function hardSplit(text: string, start: number, end: number, maxWords: number): [number, number][] {
  const pieces: [number, number][] = [];
  const wordRe = /\S+/g;
  wordRe.lastIndex = start;
  let pieceStart = -1;
  let lastEnd = start;
  let words = 0;
  for (let m = wordRe.exec(text); m !== null && m.index < end; m = wordRe.exec(text)) {
    if (pieceStart < 0) pieceStart = m.index;
    lastEnd = Math.min(end, m.index + m[0].length);
    words++;
    if (words === maxWords) {
      pieces.push([pieceStart, lastEnd]);
      pieceStart = -1;
      words = 0;
    }
  }
  if (pieceStart >= 0) pieces.push([pieceStart, lastEnd]);
  return pieces;
}

function pushSpan(
  units: Unit[],
  text: string,
  span: [number, number],
  opens: boolean,
  options: ChunkOptions,
) {
  const words = countWords(text, span[0], span[1]);
  if (words <= options.hardMaxWords) {
    units.push({ start: span[0], end: span[1], words, opensBlock: opens });
    return;
  }
  hardSplit(text, span[0], span[1], options.maxWords).forEach(([s, e], i) => {
    units.push({ start: s, end: e, words: countWords(text, s, e), opensBlock: opens && i === 0 });
  });
}

/** Splits a section into units: sentences of prose, whole list items, table rows and code blocks. */
function sectionUnits(text: string, section: Section, options: ChunkOptions): Unit[] {
  const units: Unit[] = [];
  // Blocks are separated by blank lines; a code fence is one block even with blank lines inside.
  const lines: { start: number; end: number; text: string }[] = [];
  let offset = section.start;
  for (const line of text.slice(section.start, section.end).split('\n')) {
    lines.push({ start: offset, end: offset + line.length, text: line });
    offset += line.length + 1;
  }
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line || line.text.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line.text);
    if (fence) {
      const marker = (fence[1] ?? '```').slice(0, 3);
      let j = i + 1;
      while (j < lines.length && !(lines[j]?.text.trimStart().startsWith(marker) ?? false)) j++;
      const last = lines[Math.min(j, lines.length - 1)] ?? line;
      pushSpan(units, text, trimSpan(text, line.start, last.end), true, options);
      i = j + 1;
      continue;
    }
    // A paragraph: up to the next blank line or fence.
    let j = i;
    while (j < lines.length && (lines[j]?.text.trim() ?? '') !== '' && !FENCE.test(lines[j]?.text ?? '')) j++;
    const block = lines.slice(i, j);
    const structured = block.some((l) => LIST_ITEM.test(l.text) || TABLE_ROW.test(l.text));
    if (structured) {
      // Each item (with its continuation lines) or row is a unit; long items split into sentences.
      let itemStart = 0;
      for (let k = 1; k <= block.length; k++) {
        const next = block[k];
        if (next && !LIST_ITEM.test(next.text) && !TABLE_ROW.test(next.text)) continue;
        const span = trimSpan(text, block[itemStart]?.start ?? 0, block[k - 1]?.end ?? 0);
        const sentences =
          countWords(text, span[0], span[1]) > options.maxWords ? sentenceSpans(text, ...span) : [span];
        sentences.forEach((s, n) => {
          pushSpan(units, text, s, itemStart === 0 && n === 0, options);
        });
        itemStart = k;
      }
    } else {
      const span = trimSpan(text, block[0]?.start ?? 0, block[block.length - 1]?.end ?? 0);
      sentenceSpans(text, ...span).forEach((s, n) => {
        pushSpan(units, text, s, n === 0, options);
      });
    }
    i = j;
  }
  return units;
}

/** Groups units into chunks: balanced sizes, cut preferably where a paragraph starts. */
function packUnits(units: Unit[], options: ChunkOptions): { units: Unit[]; overlap: number }[] {
  const total = units.reduce((sum, u) => sum + u.words, 0);
  const target = Math.max(options.minWords, total / Math.max(1, Math.ceil(total / options.maxWords)));
  const groups: { units: Unit[]; overlap: number }[] = [];
  let current: Unit[] = [];
  let overlap = 0;
  let words = 0;
  for (const unit of units) {
    const fresh = current.length - overlap;
    const full = words + unit.words > options.maxWords || words >= target;
    const niceCut = unit.opensBlock && words >= options.minWords && words + unit.words > target;
    if (fresh > 0 && (full || niceCut)) {
      groups.push({ units: current, overlap });
      // Carry the last sentences over, unless that alone would overflow the next chunk.
      const carried: Unit[] = [];
      let carriedWords = 0;
      for (let k = current.length - 1; k >= 1 && carried.length < options.overlapSentences; k--) {
        const u = current[k];
        if (!u || carriedWords + u.words > options.overlapMaxWords) break;
        carried.unshift(u);
        carriedWords += u.words;
      }
      if (carriedWords + unit.words > options.maxWords) {
        current = [];
        words = 0;
      } else {
        current = carried;
        words = carriedWords;
      }
      overlap = current.length;
    }
    current.push(unit);
    words += unit.words;
  }
  if (current.length - overlap > 0) groups.push({ units: current, overlap });
  return groups;
}

/** Index of the last entry of a sorted array that is ≤ value (−1 when none). */
function floorIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Cuts a document into chunks with provenance. Deterministic; no I/O. */
export function chunkDocument(
  doc: Pick<KbDocument, 'text' | 'title' | 'sourceId' | 'path' | 'metadata' | 'lineOffset' | 'pageStarts'>,
  options: ChunkOptions = defaultChunkOptions,
): KbChunk[] {
  const { text } = doc;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => floorIndex(lineStarts, offset) + 1 + doc.lineOffset;
  const pageStarts = doc.pageStarts;
  const pageOf = (offset: number) => (pageStarts ? floorIndex(pageStarts, offset) + 2 : 1);

  const chunks: KbChunk[] = [];
  for (const section of splitSections(text, doc.title)) {
    for (const group of packUnits(sectionUnits(text, section, options), options)) {
      const first = group.units[0];
      const last = group.units[group.units.length - 1];
      if (!first || !last) continue;
      const ordinal = chunks.length;
      chunks.push({
        id: `${doc.sourceId}#${ordinal}`,
        ordinal,
        sourceId: doc.sourceId,
        title: doc.title,
        path: doc.path,
        headingPath: section.headingPath,
        heading: section.headingPath.join(HEADING_SEPARATOR),
        text: text.slice(first.start, last.end),
        start: first.start,
        end: last.end,
        startLine: lineOf(first.start),
        endLine: lineOf(Math.max(first.start, last.end - 1)),
        pages: pageStarts
          ? { start: pageOf(first.start), end: pageOf(Math.max(first.start, last.end - 1)) }
          : null,
        metadata: doc.metadata,
      });
    }
  }
  return chunks;
}

/**
 * Link targets and Markdown markup dropped: what is indexed of a passage. Untrusted sentences
 * (an instruction to a model, a foreign link, hidden text) are marked here and left out, so a
 * search for their words does not find them; the chunk's own text stays exactly as written.
 */
export function plainPassage(text: string): string {
  return trustedPassage(text)
    .text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[*_`#>|]+/g, ' ');
}

/**
 * What gets indexed for a chunk: its title and heading path (so "Root cause › Creative fatigue"
 * matches a passage that never repeats those words) before the passage. The quoted text stays
 * `chunk.text`. The index weights these fields (kb-index.ts); this is the flat form.
 */
export function searchableText(chunk: Pick<KbChunk, 'title' | 'headingPath' | 'text'>): string {
  return `${chunk.title}\n${chunk.headingPath.join('\n')}\n${plainPassage(chunk.text)}`;
}
