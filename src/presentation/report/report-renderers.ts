import { renderReportFailure, renderReportProgress, renderReportSummary } from '../slack/report-message.ts';
import { renderReportHtml } from './report-html.ts';
import { renderReportMarkdown } from './report-markdown.ts';

/** Every way a report is written for people, in one object the composition code hands to the report use cases. */
export const reportRenderers = {
  progress: renderReportProgress,
  summary: renderReportSummary,
  failure: renderReportFailure,
  markdown: renderReportMarkdown,
  html: renderReportHtml,
};
