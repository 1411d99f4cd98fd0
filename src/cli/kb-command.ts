import { isAbsolute, relative, resolve, sep } from 'node:path';
import { loadKbIndex } from '../adapters/kb/index-store.ts';
import { type IngestProgress, ingestKnowledgeBase } from '../adapters/kb/ingest.ts';
import { toRetrievedChunk } from '../adapters/kb/local-retriever.ts';
import type { KbFilters } from '../domain/kb/hybrid.ts';
import { createScopedSearchers } from '../domain/kb/scoped-index.ts';
import { AUDIENCE_FLAGS, audienceFlags, numberFlag, parseArgs, UsageError } from './args.ts';
import type { CliDeps, CliIo } from './index.ts';

/**
 * `scout kb ingest [dir] [--index <dir>] [--force]` builds or refreshes the local knowledge-base
 * index; `scout kb search "<query>" [--k 5] [--industry X] [--market Y] [--type T] [--json]`
 * queries it, for checking what a question would retrieve (internal documents only unless
 * --as-channel / --as-user say who asks).
 */

/** Where the progress bar goes: redrawn in place on a terminal, plain lines otherwise. */
export interface ProgressTerminal {
  isTTY: boolean;
  write: (text: string) => void;
}

const processTerminal = (): ProgressTerminal => ({
  isTTY: process.stderr.isTTY === true,
  write: (text) => {
    process.stderr.write(text);
  },
});

const USAGE =
  'usage: scout kb ingest [dir] [--index <dir>] [--force] | scout kb search "<query>" [--k 5] [--industry X] [--market Y] [--type T] [--index <dir>] [--as-channel C…] [--as-user U…] [--json]';

export async function kbCommand(
  argv: string[],
  deps: CliDeps,
  io: CliIo,
  terminal: ProgressTerminal = processTerminal(),
): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'ingest') return ingestCommand(rest, deps, io, terminal);
  if (action === 'search') return searchCommand(rest, deps, io);
  throw new UsageError(USAGE);
}

const defaultKbDir = (deps: CliDeps) => resolve(deps.projectRoot, 'data/kb');
const defaultIndexDir = (deps: CliDeps) => resolve(deps.projectRoot, 'data/kb-index');

export function progressBar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`;
}

async function ingestCommand(
  argv: string[],
  deps: CliDeps,
  io: CliIo,
  terminal: ProgressTerminal,
): Promise<number> {
  const args = parseArgs(argv, { boolean: ['force'], value: ['index'] });
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
  const dir = args.positionals[0] ? resolve(args.positionals[0]) : defaultKbDir(deps);
  const indexFlag = args.flags.get('index');
  const indexDir = typeof indexFlag === 'string' ? resolve(indexFlag) : defaultIndexDir(deps);
  // Citations name files relative to the project ("data/kb/…") when the directory is inside it.
  const rel = relative(deps.projectRoot, dir).split(sep).join('/');
  const sourceRoot =
    rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir.split(sep).join('/') : rel;

  let lastPlainTenth = -1;
  let barShown = false;
  const onProgress = (p: IngestProgress) => {
    if (terminal.isTTY) {
      terminal.write(`\r${progressBar(p.done, p.total)} ${p.path.slice(0, 40).padEnd(40)}`);
      barShown = true;
      return;
    }
    const tenth = p.total === 0 ? 10 : Math.floor((p.done / p.total) * 10);
    if (tenth !== lastPlainTenth || p.done === p.total) {
      lastPlainTenth = tenth;
      io.err(`  ${progressBar(p.done, p.total)}`);
    }
  };
  const failures: string[] = [];
  const summary = await ingestKnowledgeBase({
    dir,
    indexDir,
    force: args.flags.has('force'),
    sourceRoot,
    onProgress,
    onFileError: (error) => failures.push(`  ${error.path}: ${error.code}: ${error.message}`),
    onFileWarning: (warning) =>
      failures.push(`  ${warning.path}: ${warning.code} (indexed, restricted): ${warning.message}`),
  });
  if (barShown) terminal.write('\r\u001b[2K');
  for (const line of failures) io.err(line);
  const duplicates = summary.errors.filter(
    (e) => e.code === 'duplicate' || e.code === 'duplicate_source_id',
  ).length;
  io.out(
    `Knowledge base ${sourceRoot}: ${summary.added.length} added, ${summary.updated.length} updated, ` +
      `${summary.unchanged.length} unchanged, ${summary.removed.length} removed, ${summary.errors.length} failed` +
      `${duplicates > 0 ? ` (${duplicates} duplicate${duplicates === 1 ? '' : 's'})` : ''}; ` +
      `${summary.documents} documents, ${summary.chunks} chunks; ` +
      `${summary.wrote ? `index written (${(summary.indexBytes / 1024).toFixed(0)} KB)` : 'index unchanged'} ` +
      `in ${(summary.elapsedMs / 1000).toFixed(2)} s.`,
  );
  return 0;
}

/** "Food & Beverage,Gaming" → two values. */
const listFlag = (value: string | true | undefined): string[] | undefined =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : undefined;

async function searchCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    boolean: ['json'],
    value: ['k', 'industry', 'market', 'type', 'index', ...AUDIENCE_FLAGS],
  });
  const audience = audienceFlags(args);
  const query = args.positionals.join(' ').trim();
  if (query === '')
    throw new UsageError('kb search needs a query, e.g. scout kb search "creative fatigue on CTV"');
  const topK =
    numberFlag(args, 'k', (n) => Number.isInteger(n) && n >= 1 && n <= 100, 'a whole number from 1 to 100') ??
    5;
  const indexFlag = args.flags.get('index');
  const indexDir = typeof indexFlag === 'string' ? resolve(indexFlag) : defaultIndexDir(deps);
  const filters: KbFilters = {};
  const industries = listFlag(args.flags.get('industry'));
  const markets = listFlag(args.flags.get('market'));
  const types = listFlag(args.flags.get('type'));
  if (industries) filters.industries = industries;
  if (markets) filters.markets = markets;
  if (types) filters.types = types;

  const loadStart = performance.now();
  const stored = await loadKbIndex(indexDir);
  const loadMs = performance.now() - loadStart;
  const { sourceRoot } = stored;
  const searchStart = performance.now();
  // Restricted documents exist only for an audience that may see them, as on every other path.
  const { index, searcher } = createScopedSearchers(stored.index).forAudience(audience);
  const hits = searcher.search(query, { topK, filters });
  const searchMs = performance.now() - searchStart;
  const results = hits.map((hit) => toRetrievedChunk(index, hit, sourceRoot));

  if (args.flags.has('json')) {
    io.out(JSON.stringify({ query, filters, results, loadMs, searchMs }));
    return 0;
  }
  if (results.length === 0) {
    io.out(`No passage matches "${query}"${Object.keys(filters).length > 0 ? ' with these filters' : ''}.`);
  }
  results.forEach((r, i) => {
    const m = r.metadata;
    const heading = typeof m.heading === 'string' && m.heading !== '' ? ` › ${m.heading}` : '';
    const excerpt = r.text.replace(/\s+/g, ' ').trim();
    io.out(
      `${i + 1}. ${r.title}${heading}  [score ${r.score.toFixed(3)}; bm25 ${Number(m.bm25_score).toFixed(2)}, vector ${Number(m.vector_score).toFixed(3)}]`,
    );
    io.out(`   ${r.source} (lines ${m.start_line}–${m.end_line}; ${m.type}, ${m.date})`);
    io.out(`   ${excerpt.length > 240 ? `${excerpt.slice(0, 239)}…` : excerpt}`);
  });
  io.err(
    `(${index.chunks.count} chunks; loaded in ${loadMs.toFixed(0)} ms, searched in ${searchMs.toFixed(1)} ms)`,
  );
  return 0;
}
