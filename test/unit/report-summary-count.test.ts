import { describe, expect, it } from 'vitest';
import { renderReportSummary } from '../../src/presentation/slack/report-message.ts';
import { sampleReport } from '../fixtures/sample-report.ts';

const footer = (blocks: unknown[]) => JSON.stringify(blocks.at(-1));

describe('the report summary', () => {
  it('counts the charts the thread gets: the first one is in the summary', () => {
    const report = sampleReport();
    const charts = report.charts.length;
    expect(charts).toBeGreaterThan(1);
    const { blocks } = renderReportSummary(report, { keyChartFileId: 'F1', elapsedMs: 1000 });
    const more = charts - 1;
    expect(footer(blocks)).toContain(`and ${more} more chart${more === 1 ? '' : 's'} are in the thread`);
    expect(footer(blocks)).not.toContain(`${charts} charts`);
  });

  it('promises no charts when the report has only the one in the summary', () => {
    const report = { ...sampleReport() };
    report.charts = report.charts.slice(0, 1);
    const { blocks } = renderReportSummary(report, { keyChartFileId: 'F1', elapsedMs: 1000 });
    expect(footer(blocks)).toContain('the full report (Markdown and HTML) is in the thread');
  });
});
