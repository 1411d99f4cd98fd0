import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { INTERNAL_ACCESS } from '../../domain/kb/access.ts';
import {
  describeFrontMatterError,
  type KbDocument,
  type KbFormat,
  type KbMetadata,
  kbFrontMatterSchema,
  metadataFromFrontMatter,
} from '../../domain/kb/document.ts';
import { htmlToText } from './html-to-text.ts';

/**
 * One parser per format, each returning a KbDocument or a typed per-file error (never throwing
 * for a bad file, so one bad file never stops an ingest). Markdown and text may carry YAML
 * front matter, which must then be valid; HTML may carry `<meta>` tags; a file without either
 * gets defaults: title from its first heading (or the file name), source_id from its path,
 * type from its folder, date from its modification time.
 */

export type KbFileErrorCode =
  | 'empty'
  | 'too_large'
  | 'unsupported'
  | 'unreadable'
  | 'not_utf8'
  | 'invalid_front_matter'
  | 'parse_failed'
  | 'duplicate'
  | 'duplicate_source_id'
  /** The access fields were malformed: the document is kept, restricted to the valid ids left (often nobody). */
  | 'invalid_access';

export interface KbFileError {
  /** Relative to the knowledge-base directory. */
  path: string;
  code: KbFileErrorCode;
  message: string;
}

export type ParseOutcome =
  | { ok: true; document: KbDocument; warnings?: KbFileError[] }
  | { ok: false; error: KbFileError };

export interface KbFileInput {
  /** Relative to the knowledge-base directory, forward slashes. */
  path: string;
  bytes: Uint8Array;
  /** Modification time: the default date. */
  mtime: Date;
  /** sha256 of `bytes`, hex. */
  hash: string;
}

const FORMATS: Readonly<Record<string, KbFormat>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.pdf': 'pdf',
};

export function formatOf(path: string): KbFormat | null {
  return FORMATS[extname(path).toLowerCase()] ?? null;
}

const fail = (path: string, code: KbFileErrorCode, message: string): ParseOutcome => ({
  ok: false,
  error: { path, code, message },
});

function decodeUtf8(input: KbFileInput): string | ParseOutcome {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
  } catch {
    return fail(input.path, 'not_utf8', 'not valid UTF-8 text');
  }
  if (text.includes('\u0000')) return fail(input.path, 'parse_failed', 'binary content in a text file');
  return text.replace(/\r\n?/g, '\n');
}

/** Defaults for a file that says nothing about itself. */
function defaults(input: KbFileInput, firstHeading: string | null) {
  const name = basename(input.path, extname(input.path));
  const folder = input.path.includes('/') ? (input.path.split('/')[0] ?? '') : '';
  const metadata: KbMetadata = {
    type: folder !== '' ? folder : 'document',
    date: input.mtime.toISOString().slice(0, 10),
    industries: [],
    markets: [],
    channels: [],
    brands: [],
    period: null,
    access: INTERNAL_ACCESS,
  };
  const title = firstHeading ?? name.replace(/[-_]+/g, ' ').trim();
  return { title: title === '' ? input.path : title, sourceId: input.path, metadata };
}

function firstHeading(text: string): string | null {
  const match = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/m.exec(text);
  return match?.[1]?.replace(/[*_`]+/g, '').trim() || null;
}

function documentOf(
  input: KbFileInput,
  format: KbFormat,
  fields: { title: string; sourceId: string; metadata: KbMetadata },
  text: string,
  lineOffset: number,
  pageStarts?: number[],
): ParseOutcome {
  if (text.trim() === '') return fail(input.path, 'empty', 'no text to index');
  return {
    ok: true,
    document: {
      path: input.path,
      format,
      sourceId: fields.sourceId,
      title: fields.title,
      metadata: fields.metadata,
      text,
      lineOffset,
      ...(pageStarts ? { pageStarts } : {}),
      hash: input.hash,
      bytes: input.bytes.length,
    },
  };
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Markdown (and plain text) with optional YAML front matter. */
export function parseMarkdown(input: KbFileInput, format: KbFormat = 'markdown'): ParseOutcome {
  const decoded = decodeUtf8(input);
  if (typeof decoded !== 'string') return decoded;
  const match = FRONT_MATTER.exec(decoded);
  if (!match) return documentOf(input, format, defaults(input, firstHeading(decoded)), decoded, 0);
  const body = decoded.slice(match[0].length);
  const lineOffset = match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0);
  let raw: unknown;
  try {
    raw = parseYaml(match[1] ?? '');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fail(input.path, 'invalid_front_matter', `front matter is not valid YAML: ${reason}`);
  }
  const parsed = kbFrontMatterSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return fail(input.path, 'invalid_front_matter', describeFrontMatterError(parsed.error));
  }
  const front = parsed.data;
  const { metadata, accessProblems } = metadataFromFrontMatter(front);
  return withAccessWarnings(
    input.path,
    documentOf(input, format, { title: front.title, sourceId: front.source_id, metadata }, body, lineOffset),
    accessProblems,
  );
}

/** A document kept despite malformed access fields carries them as warnings for the ingest report. */
function withAccessWarnings(path: string, outcome: ParseOutcome, problems: string[]): ParseOutcome {
  if (!outcome.ok || problems.length === 0) return outcome;
  return { ...outcome, warnings: [{ path, code: 'invalid_access', message: problems.join('; ') }] };
}

const META_KEYS = [
  'title',
  'date',
  'type',
  'industries',
  'markets',
  'channels',
  'brands',
  'period',
  'source_id',
  'access',
  'allowed_channels',
  'allowed_users',
];

/** HTML: text with h1–h3 headings; front-matter keys may come from `<meta name="…">` tags. */
export function parseHtml(input: KbFileInput): ParseOutcome {
  const decoded = decodeUtf8(input);
  if (typeof decoded !== 'string') return decoded;
  const { text, title, meta } = htmlToText(decoded);
  const base = defaults(input, title ?? firstHeading(text));
  const given = META_KEYS.filter((key) => meta.has(key) || meta.has(key.replace('_', '-')));
  if (given.length === 0) return documentOf(input, 'html', base, text, 0);
  const list = (key: string) => (meta.get(key) ?? meta.get(key.replace('_', '-')) ?? '').split(/[,;]/);
  const value = (key: string) => meta.get(key) ?? meta.get(key.replace('_', '-'));
  const parsed = kbFrontMatterSchema.safeParse({
    title: value('title') ?? base.title,
    date: value('date') ?? base.metadata.date,
    type: value('type') ?? base.metadata.type,
    industries: list('industries'),
    markets: list('markets'),
    channels: list('channels'),
    brands: list('brands'),
    ...(value('period') ? { period: value('period') } : {}),
    source_id: value('source_id') ?? base.sourceId,
    ...(value('access') !== undefined ? { access: value('access') } : {}),
    ...(value('allowed_channels') !== undefined
      ? { allowed_channels: list('allowed_channels').filter((v) => v.trim() !== '') }
      : {}),
    ...(value('allowed_users') !== undefined
      ? { allowed_users: list('allowed_users').filter((v) => v.trim() !== '') }
      : {}),
  });
  if (!parsed.success)
    return fail(input.path, 'invalid_front_matter', describeFrontMatterError(parsed.error));
  const front = parsed.data;
  const { metadata, accessProblems } = metadataFromFrontMatter(front);
  return withAccessWarnings(
    input.path,
    documentOf(input, 'html', { title: front.title, sourceId: front.source_id, metadata }, text, 0),
    accessProblems,
  );
}

/** PDF: the text of each page (pdf.js via unpdf, pure JS), pages separated by blank lines. */
export async function parsePdf(input: KbFileInput): Promise<ParseOutcome> {
  // Loaded on first use: pdf.js is large and most commands never read a PDF.
  const { extractText, getDocumentProxy, getMeta } = await import('unpdf');
  let pages: string[];
  let infoTitle: string | null = null;
  try {
    // A copy: pdf.js may take ownership of (detach) the buffer it is given.
    const pdf = await getDocumentProxy(new Uint8Array(input.bytes), { verbosity: 0 });
    try {
      const extracted = await extractText(pdf, { mergePages: false });
      pages = extracted.text;
      const { info } = await getMeta(pdf);
      const title = (info as { Title?: unknown } | undefined)?.Title;
      if (typeof title === 'string' && title.trim() !== '') infoTitle = title.trim();
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const reason =
      name === 'PasswordException'
        ? 'the PDF is encrypted'
        : error instanceof Error
          ? error.message
          : String(error);
    return fail(input.path, 'parse_failed', `cannot read the PDF: ${reason}`);
  }
  const pageStarts: number[] = [];
  let text = '';
  pages.forEach((page, i) => {
    const clean = page
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+\n/g, '\n')
      .trim();
    if (i > 0) {
      text += '\n\n';
      pageStarts.push(text.length);
    }
    text += clean;
  });
  if (text.trim() === '') return fail(input.path, 'empty', 'the PDF has no extractable text (a scan?)');
  return documentOf(input, 'pdf', defaults(input, infoTitle), text, 0, pageStarts);
}

/** Parses one file by its extension. */
export async function parseKbFile(input: KbFileInput): Promise<ParseOutcome> {
  const format = formatOf(input.path);
  switch (format) {
    case 'markdown':
      return parseMarkdown(input);
    case 'text':
      return parseMarkdown(input, 'text');
    case 'html':
      return parseHtml(input);
    case 'pdf':
      return parsePdf(input);
    default:
      return fail(input.path, 'unsupported', `unsupported file type "${extname(input.path) || '(none)'}"`);
  }
}
