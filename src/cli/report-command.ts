import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseReportCommand } from '../domain/report/report-request.ts';
import { loadPromptRegistry } from '../llmops/prompt-registry.ts';
import { renderReportHtml } from '../presentation/report/report-html.ts';
import { renderReportMarkdown } from '../presentation/report/report-markdown.ts';
import { produceReport } from '../usecases/report/produce-report.ts';
import { AUDIENCE_FLAGS, audienceFlags, parseArgs, UsageError } from './args.ts';
import { composeForCli } from './compose-for-cli.ts';
import type { CliDeps, CliIo } from './index.ts';

/** `scout report <industry> [period] [vs period] [--out dir]`: the full report, as files on disk. */
export async function reportCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json'], value: ['out', ...AUDIENCE_FLAGS] });
  const audience = audienceFlags(args);
  const text = args.positionals.join(' ');
  if (text.trim() === '')
    throw new UsageError('report needs an industry, e.g. scout report gaming Q3 2025 --out reports/');
  const analyst = await composeForCli(deps, io, { charts: true });
  try {
    const command = parseReportCommand(text, analyst);
    if (command.kind === 'invalid') {
      io.err(`scout: ${command.message}`);
      return 1;
    }
    if (command.kind !== 'order')
      throw new UsageError(
        'the CLI produces reports on demand; schedules live in Slack (/report schedule …)',
      );
    const started = performance.now();
    const registry = loadPromptRegistry(resolve(deps.projectRoot, 'prompts'));
    const report = await produceReport(
      {
        ask: analyst,
        template: registry.get('report-industry'),
        insightsTemplate: analyst.llm ? registry.get('report-insights') : null,
        retriever: analyst.retriever,
        now: () => new Date(),
      },
      command.request,
      {
        reportId: `cli-${Date.now()}`,
        audience,
        onProgress: ({ stage, index, total }) => io.err(`  [${index}/${total}] ${stage}`),
      },
    );
    const out = resolve(String(args.flags.get('out') ?? 'reports'));
    mkdirSync(out, { recursive: true });
    const slug = `${report.industry}-${report.period.label}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    for (const chart of report.charts) writeFileSync(resolve(out, `${slug}-${chart.fileName}`), chart.png);
    writeFileSync(
      resolve(out, `${slug}.md`),
      renderReportMarkdown(report, { chartLink: (chart) => `${slug}-${chart.fileName}` }),
    );
    writeFileSync(resolve(out, `${slug}.html`), renderReportHtml(report));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          title: report.title,
          files: [`${slug}.md`, `${slug}.html`, ...report.charts.map((c) => `${slug}-${c.fileName}`)],
          seconds: Number(seconds),
        }),
      );
    } else {
      io.out(
        `${report.title}: ${report.insights.length} insights, ${report.charts.length} charts, ${report.appendix.length} queries in ${seconds} s`,
      );
      io.out(`Wrote ${resolve(out, `${slug}.md`)} and ${resolve(out, `${slug}.html`)}`);
      for (const insight of report.insights.slice(0, 3)) io.out(`  • ${insight.headline}`);
    }
    return 0;
  } finally {
    await analyst.close();
  }
}
