import type { Figure, ReportDocument } from '../../domain/report/report-document.ts';
import type { SlackBlock } from '../../ports.ts';

/**
 * How a report is written for people, injected by the composition code (src/presentation/ holds
 * the implementations): the use cases decide what to say and when, never how it looks.
 */

/** A chat message: the fallback text and its blocks. */
export interface RenderedReportMessage {
  text: string;
  blocks: SlackBlock[];
}

export interface ReportRenderers {
  /** The progress message: stage k of n and the time elapsed. */
  progress(input: {
    title: string;
    stage: string;
    index: number;
    total: number;
    elapsedMs: number;
  }): RenderedReportMessage;
  /** The summary that replaces the progress message once the report is ready. */
  summary(
    report: ReportDocument,
    options: { keyChartFileId?: string; elapsedMs: number },
  ): RenderedReportMessage;
  /** What failed, in a sentence, with a retry button carrying `retryValue`. */
  failure(input: {
    title: string;
    message: string;
    reference: string;
    retryValue: string;
  }): RenderedReportMessage;
  /** The full report as Markdown; `chartLink` names each chart's file. */
  markdown(
    doc: ReportDocument,
    options: { chartLink: (chart: ReportDocument['charts'][number]) => string },
  ): string;
  /** The full report as one HTML file, charts embedded. */
  html(doc: ReportDocument): string;
}

/** A figure as written in prose ("$1.2M", "+12.3%"): what the model sees when it phrases insights. */
export type FormatFigure = (figure: Figure) => string;
