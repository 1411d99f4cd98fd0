/**
 * The industry report as GitHub-flavoured Markdown. Every figure Scout formats links to the
 * appendix entry of the query that produced it; explicit `<a id>` anchors are used because
 * generated heading ids differ between renderers.
 */
import type {
  Figure,
  Insight,
  ReportChart,
  ReportDocument,
  ReportSection,
  ReportTable,
} from '../../domain/report/report-document.ts';
import {
  AI_NOTICE,
  byImportance,
  documentAnchor,
  formatElapsed,
  formatFigure,
  formatRows,
  insightAnchor,
  numericColumns,
  queryAnchor,
  reportFacts,
  sectionAnchor,
  splitOnFigures,
} from './format-figure.ts';

export interface MarkdownOptions {
  /** Where the chart image lives relative to the Markdown file (e.g. its file name). */
  chartLink: (chart: ReportChart) => string;
}

/** What the block renderers need besides the part they render. */
interface Context {
  doc: ReportDocument;
  options: MarkdownOptions;
  queryIds: Set<string>;
  documentIds: Set<string>;
  /** Table and chart numbers in reading order ("Table 2", "Figure 3"). */
  tableNumbers: Map<ReportTable, number>;
  chartNumbers: Map<string, number>;
}

export function renderReportMarkdown(doc: ReportDocument, options: MarkdownOptions): string {
  const ctx = context(doc, options);
  const blocks = [
    header(doc),
    summary(ctx),
    scope(doc),
    ...doc.sections.map((s) => section(s, ctx)),
    insights(ctx),
    methodology(doc),
    appendix(doc),
    sources(doc),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function context(doc: ReportDocument, options: MarkdownOptions): Context {
  const tableNumbers = new Map<ReportTable, number>();
  const chartNumbers = new Map<string, number>();
  const charts = new Set(doc.charts.map((c) => c.id));
  for (const s of doc.sections) {
    for (const t of s.tables) tableNumbers.set(t, tableNumbers.size + 1);
    for (const id of s.chartIds) if (charts.has(id)) chartNumbers.set(id, chartNumbers.size + 1);
  }
  return {
    doc,
    options,
    queryIds: new Set(doc.appendix.map((q) => q.id)),
    documentIds: new Set(doc.documents.map((d) => d.sourceId)),
    tableNumbers,
    chartNumbers,
  };
}

// ---- escaping -------------------------------------------------------------------------------

/**
 * Backslash-escapes what CommonMark/GFM would read as inline markup, so names such as
 * "Nova & <b>Bold</b>" or "Pixel | Play" show as written (and `|` cannot split a table cell).
 * Output is one line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&');
}

/** A line that starts a block must not start like a list item or heading ("2025. was…"). */
function blockSafe(line: string): string {
  return line.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#+=-])/, '\\$1');
}

/** A fence longer than any backtick run in the code, so SQL can never close it early. */
function fenced(code: string, lang: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${code.replace(/\s+$/, '')}\n${fence}`;
}

// ---- links --------------------------------------------------------------------------------

/** A figure linked to its query; unlinked when the appendix lacks the query (no dead anchors). */
function figureLink(figure: Figure, ctx: Context, text = formatFigure(figure)): string {
  const shown = escapeMarkdown(text);
  return ctx.queryIds.has(figure.queryId) ? `[${shown}](#${queryAnchor(figure.queryId)})` : shown;
}

/** Prose with each figure it spells out turned into a link (the Insights list shows them all). */
function linkedText(text: string, figures: readonly Figure[], ctx: Context): string {
  return blockSafe(
    splitOnFigures(text, figures)
      .map((s) => (s.figure ? figureLink(s.figure, ctx, s.text) : escapeMarkdown(s.text)))
      .join(''),
  );
}

function sourceLink(source: Insight['sources'][number], ctx: Context): string {
  if (source.kind === 'query') return queryRef(source.id, ctx);
  const title = source.title ?? ctx.doc.documents.find((d) => d.sourceId === source.id)?.title ?? source.id;
  const label = escapeMarkdown(title);
  return ctx.documentIds.has(source.id) ? `[${label}](#${documentAnchor(source.id)})` : label;
}

function queryRef(queryId: string, ctx: Context): string {
  const label = `\`${queryId.replaceAll('`', "'")}\``;
  return ctx.queryIds.has(queryId) ? `[${label}](#${queryAnchor(queryId)})` : label;
}

// ---- blocks -------------------------------------------------------------------------------

function header(doc: ReportDocument): string {
  const facts = reportFacts(doc)
    .map((f) => `**${f.label}:** ${escapeMarkdown(f.value)}`)
    .join(' · ');
  return `# ${escapeMarkdown(doc.title)}\n\n${facts}\n\n_${AI_NOTICE}._`;
}

function markdownTable(headers: readonly string[], rows: readonly string[][]): string {
  const numeric = numericColumns(headers, rows);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const width = headers.length;
  return [
    line(headers.map(escapeMarkdown)),
    line(numeric.map((n) => (n ? '---:' : '---'))),
    // Rows are padded or cut to the header width: GFM drops a table whose rows disagree.
    ...rows.map((row) => line(Array.from({ length: width }, (_, i) => escapeMarkdown(row[i] ?? '')))),
  ].join('\n');
}

function summary(ctx: Context): string {
  const { doc } = ctx;
  const rows = doc.kpis.map((k) => [
    escapeMarkdown(k.label),
    figureLink(k.current, ctx),
    k.previous ? figureLink(k.previous, ctx) : '—',
    k.change ? figureLink(k.change, ctx) : '—',
  ]);
  const previous = doc.comparison ? `Previous (${escapeMarkdown(doc.comparison.label)})` : 'Previous';
  const kpiTable = [
    `| Metric | Current (${escapeMarkdown(doc.period.label)}) | ${previous} | Change |`,
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const top = byImportance(doc.insights)
    .slice(0, 3)
    .map((i) => `- ${linkedText(i.headline, i.figures, ctx)}`);
  const parts = ['## Executive summary', doc.kpis.length ? kpiTable : '_No KPIs were computed._'];
  if (top.length) parts.push(`**Key findings**\n\n${top.join('\n')}`);
  return parts.join('\n\n');
}

function scope(doc: ReportDocument): string {
  const items = doc.scope.map((q, i) => `${i + 1}. ${blockSafe(escapeMarkdown(q))}`);
  return `## Scope\n\nThis report answers:\n\n${items.join('\n')}`;
}

function section(s: ReportSection, ctx: Context): string {
  const parts = [`<a id="${sectionAnchor(s.id)}"></a>\n\n## ${escapeMarkdown(s.title)}`];
  parts.push(...s.paragraphs.map((p) => blockSafe(escapeMarkdown(p))));
  for (const t of s.tables) {
    const n = ctx.tableNumbers.get(t);
    parts.push(
      `**Table ${n}. ${escapeMarkdown(t.title)}**`,
      markdownTable(t.headers, t.rows),
      `_Source: ${queryRef(t.queryId, ctx)}_`,
    );
  }
  for (const id of s.chartIds) {
    const chart = ctx.doc.charts.find((c) => c.id === id);
    if (!chart) continue;
    const title = escapeMarkdown(chart.title);
    parts.push(
      `![${title}](${linkTarget(ctx.options.chartLink(chart))})`,
      `_Figure ${ctx.chartNumbers.get(id)}. ${title} — source: ${queryRef(chart.queryId, ctx)}_`,
    );
  }
  return parts.join('\n\n');
}

/** Link destinations with spaces or parentheses must be wrapped in <…> to parse. */
function linkTarget(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

function insights(ctx: Context): string {
  const items = byImportance(ctx.doc.insights).map((i, n) => {
    const lines = [
      `<a id="${insightAnchor(i.id)}"></a>`,
      '',
      `### ${n + 1}. ${linkedText(i.headline, i.figures, ctx)}`,
    ];
    if (i.detail) lines.push('', linkedText(i.detail, i.figures, ctx));
    const figures = i.figures.map((f) => figureLink(f, ctx)).join(' · ') || '—';
    const sources = i.sources.map((s) => sourceLink(s, ctx)).join(' · ') || '—';
    lines.push('', `**Figures:** ${figures}  \n**Sources:** ${sources}`);
    return lines.join('\n');
  });
  return ['## Insights', ...(items.length ? items : ['_No insights were found._'])].join('\n\n');
}

function methodology(doc: ReportDocument): string {
  const notes = doc.methodology.map((m) => `- ${blockSafe(escapeMarkdown(m))}`).join('\n');
  return `## Methodology\n\n${notes || '_No method notes._'}`;
}

function appendix(doc: ReportDocument): string {
  const entries = doc.appendix.map((q) =>
    [
      `<a id="${queryAnchor(q.id)}"></a>`,
      '',
      `### ${escapeMarkdown(q.id)}`,
      '',
      `**Question:** ${escapeMarkdown(q.question)}  \n**Result:** ${formatRows(q.rowCount)} in ${formatElapsed(q.elapsedMs)}`,
      '',
      fenced(q.sql, 'sql'),
    ].join('\n'),
  );
  const intro = 'Every figure above links here. Each entry is the exact SQL Scout ran against the warehouse.';
  return ['## Appendix: queries', intro, ...entries].join('\n\n');
}

function sources(doc: ReportDocument): string {
  const items = doc.documents.map(
    (d, i) =>
      `${i + 1}. <a id="${documentAnchor(d.sourceId)}"></a>**${escapeMarkdown(d.title)}** — ${escapeMarkdown(d.source)}`,
  );
  return `## Sources\n\n${items.join('\n') || '_No knowledge-base documents were cited._'}`;
}
