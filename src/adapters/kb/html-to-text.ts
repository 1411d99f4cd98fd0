/**
 * HTML to chunkable text without a dependency: scripts, styles and navigation dropped, h1–h3
 * kept as Markdown headings (`#`, `##`, `###`) so chunks get heading paths, block elements as
 * paragraph breaks, list items as "- " lines, table cells separated by " | ", entities decoded
 * last (so an escaped `&lt;script&gt;` stays visible text rather than being taken for a tag).
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  permil: '‰',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  minus: '−',
  shy: '',
  zwj: '',
  zwnj: '',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  oacute: 'ó',
  iacute: 'í',
  uacute: 'ú',
  ntilde: 'ñ',
  ccedil: 'ç',
  szlig: 'ß',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      const valid =
        Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\uFFFD';
    }
    // Entities need their semicolon except the few legacy ones browsers accept bare.
    const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
    if (named === undefined) return whole;
    return whole.endsWith(';') || ['amp', 'lt', 'gt', 'quot', 'nbsp'].includes(body) ? named : whole;
  });
}

/** A tag, allowing `>` inside quoted attribute values. */
const TAG = /<\/?[a-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*\/?>/gi;

function stripTags(html: string): string {
  return html.replace(TAG, ' ');
}

function inline(html: string): string {
  return stripTags(html).replace(/\s+/g, ' ').trim();
}

export interface HtmlText {
  text: string;
  title: string | null;
  /** `<meta name|property="…" content="…">` pairs, names lowercased. */
  meta: Map<string, string>;
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  return match ? (match[2] ?? match[3] ?? match[4] ?? '') : null;
}

export function htmlToText(source: string): HtmlText {
  let html = source
    .replace(/\r\n?/g, '\n')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ' ');

  const meta = new Map<string, string>();
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    const name = attribute(tag, 'name') ?? attribute(tag, 'property');
    const content = attribute(tag, 'content');
    if (name && content !== null) meta.set(name.toLowerCase(), decodeEntities(content).trim());
  }
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = titleMatch ? decodeEntities(inline(titleMatch[1] ?? '')) || null : null;

  html = html
    .replace(/<head\b[\s\S]*?<\/head\s*>/gi, ' ')
    .replace(
      /<(script|style|noscript|template|svg|math|iframe|object|canvas|nav|select|button)\b[\s\S]*?<\/\1\s*>/gi,
      ' ',
    )
    .replace(/<(script|style|link|meta|input|img)\b[^>]*>/gi, ' ');

  html = html
    .replace(
      /<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi,
      (_, level: string, inner: string) => `\n\n${'#'.repeat(Number(level))} ${inline(inner)}\n\n`,
    )
    .replace(/<h[4-6]\b[^>]*>([\s\S]*?)<\/h[4-6]\s*>/gi, (_, inner: string) => `\n\n${inline(inner)}\n\n`)
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(li|dt|dd|tr)\s*>/gi, '\n')
    .replace(/<(dt|dd|tr)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>\s*<t[dh]\b[^>]*>/gi, ' | ')
    .replace(
      /<\/?(p|div|section|article|main|header|footer|aside|blockquote|pre|table|thead|tbody|tfoot|ul|ol|dl|figure|figcaption|form|fieldset|address|details|summary|caption|hr)\b[^>]*>/gi,
      '\n\n',
    );

  const text = decodeEntities(stripTags(html))
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, title, meta };
}
