/**
 * The finished industry report as plain data: what the Markdown/HTML renderers and the Slack
 * summary are made from. Every figure in it carries the id of the query that produced it, and
 * the appendix lists those queries with their SQL, so any number can be traced.
 */

export type FigureFormat =
  | 'currency'
  | 'currency_precise'
  | 'percent'
  | 'integer'
  | 'decimal'
  | 'ratio'
  | 'change';

/** One number as shown, with where it came from. */
export interface Figure {
  value: number | null;
  format: FigureFormat;
  /** Id of the appendix query whose result contains the value (e.g. "q-kpis"). */
  queryId: string;
}

export interface Kpi {
  label: string; // "Spend", "CTR"
  current: Figure;
  previous: Figure | null;
  /** Relative change, current vs previous (0.12 = +12%). */
  change: Figure | null;
}

/** A claim with the figures and the query or document it rests on. */
export interface Insight {
  id: string; // "i1"
  headline: string; // one sentence, figures included
  detail?: string;
  figures: Figure[];
  /** Appendix query ids and/or knowledge-base source ids. */
  sources: { kind: 'query' | 'document'; id: string; title?: string }[];
  /** Higher = more important; the summary shows the top three. */
  importance: number;
}

export interface ReportChart {
  id: string; // "c-trend"
  title: string;
  /** PNG bytes; the HTML embeds them as data URIs, Slack gets them as files. */
  png: Uint8Array;
  /** File name for uploads and for the Markdown's relative links. */
  fileName: string;
  queryId: string;
}

export interface ReportTable {
  title: string;
  headers: string[];
  rows: string[][];
  queryId: string;
}

export interface ReportSection {
  id: string; // "channels"
  title: string; // "Channel mix"
  /** Short paragraphs of prose; figures inside are already formatted. */
  paragraphs: string[];
  tables: ReportTable[];
  chartIds: string[];
}

export interface AppendixQuery {
  id: string;
  question: string; // "Spend, CTR, … for Gaming in Q3 2025 vs Q3 2024"
  sql: string;
  rowCount: number;
  elapsedMs: number;
}

export interface ReportDocument {
  id: string; // job/report id
  title: string; // "Gaming industry report — Q3 2025"
  industry: string;
  period: { label: string; start: string; end: string };
  comparison: { label: string; start: string; end: string } | null;
  generatedAt: string; // ISO timestamp
  asOf: string;
  /** "offline engine" or the model ids used. */
  engine: string;
  /** The questions this report answers (the scope stage). */
  scope: string[];
  kpis: Kpi[];
  insights: Insight[];
  sections: ReportSection[];
  charts: ReportChart[];
  appendix: AppendixQuery[];
  /** Method notes: anomaly detection, significance tests, definitions. */
  methodology: string[];
  /** Knowledge-base documents cited. */
  documents: { sourceId: string; title: string; source: string }[];
}
