import { z } from 'zod';
import { type KbAccess, readAccess } from './access.ts';

/**
 * Knowledge-base documents and chunks. A document is one file of data/kb/ after parsing: its
 * front matter (validated here, at the boundary) and its body text. A chunk is a passage of that
 * body with enough provenance to cite it precisely: file, heading path, offsets and lines.
 */

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function validDay(value: string): boolean {
  if (!isoDay.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An ISO date or date-time (YAML may also hand us a Date); kept as its `YYYY-MM-DD` day. */
const isoDateSchema = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const day = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim().slice(0, 10);
  const rest = value instanceof Date ? '' : value.trim().slice(10);
  if (!validDay(day) || (rest !== '' && !/^T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.test(rest))) {
    ctx.addIssue({ code: 'custom', message: `"${String(value)}" is not an ISO date (YYYY-MM-DD)` });
    return z.NEVER;
  }
  return day;
});

/** A list of non-empty strings; a single string is accepted as a one-item list. */
const stringListSchema = z
  .union([z.string(), z.array(z.union([z.string(), z.number()]))])
  .transform((value) =>
    (Array.isArray(value) ? value : [value]).map((item) => String(item).trim()).filter((item) => item !== ''),
  );

export interface KbPeriod {
  start: string;
  end: string;
}

const periodSchema = z.string().transform((value, ctx): KbPeriod => {
  const [start = '', end = '', extra] = value.trim().split('/');
  if (extra !== undefined || !validDay(start) || !validDay(end) || start > end) {
    ctx.addIssue({
      code: 'custom',
      message: `period must be "YYYY-MM-DD/YYYY-MM-DD" with start ≤ end (got "${value}")`,
    });
    return z.NEVER;
  }
  return { start, end };
});

/** The YAML front matter of a knowledge-base Markdown file. */
export const kbFrontMatterSchema = z.object({
  title: z.string().trim().min(1),
  date: isoDateSchema,
  type: z.string().trim().min(1),
  industries: stringListSchema.default([]),
  /** Empty means the document applies to every market. */
  markets: stringListSchema.default([]),
  channels: stringListSchema.default([]),
  brands: stringListSchema.default([]),
  period: periodSchema.optional(),
  source_id: z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim())
    .pipe(z.string().min(1)),
  /**
   * Who may see the document (see access.ts). Read as they are and judged by `readAccess`, so a
   * malformed value restricts the document and is reported rather than failing the whole file.
   */
  access: z.unknown().optional(),
  allowed_channels: z.unknown().optional(),
  allowed_users: z.unknown().optional(),
});

export type KbFrontMatter = z.output<typeof kbFrontMatterSchema>;

/** The metadata every chunk of a document carries (and filters read). */
export interface KbMetadata {
  type: string;
  /** `YYYY-MM-DD`. */
  date: string;
  industries: string[];
  /** Empty = every market. */
  markets: string[];
  channels: string[];
  brands: string[];
  period: KbPeriod | null;
  /** Who may see it; `internal` unless the front matter restricts it. */
  access: KbAccess;
}

export type KbFormat = 'markdown' | 'html' | 'text' | 'pdf';

/** One parsed file, ready to chunk. */
export interface KbDocument {
  /** Path relative to the knowledge-base directory, with forward slashes. */
  path: string;
  format: KbFormat;
  sourceId: string;
  title: string;
  metadata: KbMetadata;
  /**
   * The body to chunk and quote: Markdown after its front matter, or the text extracted from
   * HTML/PDF (with `#` headings for h1–h3). Line endings are normalised to `\n`.
   */
  text: string;
  /** Lines of the source file before `text` (the front matter), so chunk lines are file lines. */
  lineOffset: number;
  /** PDF only: offsets in `text` where pages 2, 3, … start. */
  pageStarts?: number[];
  /** sha256 of the file bytes, hex. */
  hash: string;
  bytes: number;
}

/** A passage of a document with its provenance. */
export interface KbChunk {
  /** `<source_id>#<ordinal>`: stable while the document does not change. */
  id: string;
  /** Position of the chunk in its document, from 0. */
  ordinal: number;
  sourceId: string;
  title: string;
  path: string;
  /** Headings above the passage, outermost first (the document's title heading left out). */
  headingPath: string[];
  /** The heading path joined with " › " ("" when the passage sits above every heading). */
  heading: string;
  /** The passage exactly as written in the document: what gets quoted. */
  text: string;
  /** Offsets of `text` in the document's `text` (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** 1-based, inclusive: file lines for Markdown/text, lines of the extracted text for HTML/PDF. */
  startLine: number;
  endLine: number;
  /** PDF only: 1-based pages the passage spans. */
  pages: { start: number; end: number } | null;
  metadata: KbMetadata;
}

export const HEADING_SEPARATOR = ' › ';

/** The metadata of a document's front matter, and what was wrong with its access fields. */
export function metadataFromFrontMatter(front: KbFrontMatter): {
  metadata: KbMetadata;
  accessProblems: string[];
} {
  const { access, problems } = readAccess(front);
  return { metadata: metadataOf(front, access), accessProblems: problems };
}

function metadataOf(front: KbFrontMatter, access: KbAccess): KbMetadata {
  return {
    type: front.type,
    date: front.date,
    industries: front.industries,
    markets: front.markets,
    channels: front.channels,
    brands: front.brands,
    period: front.period ?? null,
    access,
  };
}

/** A readable, one-line account of a zod error, naming each bad field. */
export function describeFrontMatterError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'front matter'}: ${issue.message}`)
    .join('; ');
}

/** GitHub-style anchor of a heading: lowercase, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}
