import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { chunkDocument } from '../../domain/kb/chunk.ts';
import type { KbChunk } from '../../domain/kb/document.ts';
import { buildKbIndex, documentChunks, type KbIndex, type KbIndexInput } from '../../domain/kb/kb-index.ts';
import { isCurrentManifest, loadKbIndex, readKbManifest, saveKbIndex } from './index-store.ts';
import { formatOf, type KbFileError, parseKbFile } from './parse-files.ts';

/**
 * Ingestion: walk the knowledge-base directory, hash every file, parse and chunk only what is
 * new or changed (unchanged files keep their stored chunks; deleted files lose theirs), drop
 * duplicates, rebuild the search structures over all chunks and write the index. A bad file is
 * reported and skipped; it never stops the rest.
 */

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type FileStatus = 'added' | 'updated' | 'unchanged' | 'failed';

export interface IngestProgress {
  /** Files handled so far, of `total`. */
  done: number;
  total: number;
  path: string;
  status: FileStatus;
}

export interface IngestOptions {
  dir: string;
  indexDir: string;
  /** Re-parse every file even when its hash is unchanged. */
  force?: boolean;
  maxFileBytes?: number;
  /** How citations name the directory (default: `dir` relative to the working directory). */
  sourceRoot?: string;
  onProgress?: (progress: IngestProgress) => void;
  onFileError?: (error: KbFileError) => void;
  /** A file indexed despite a problem (malformed access fields: it is restricted, not dropped). */
  onFileWarning?: (warning: KbFileError) => void;
}

export interface IngestSummary {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Previously indexed files that are gone. */
  removed: string[];
  /** Files not indexed, with why (duplicates included). */
  errors: KbFileError[];
  /** Files indexed with a problem, reported when (re)parsed. */
  warnings: KbFileError[];
  documents: number;
  chunks: number;
  /** False when nothing changed and the stored index was kept as it was. */
  wrote: boolean;
  indexBytes: number;
  elapsedMs: number;
  index: KbIndex;
}

/** Files the ingest ignores: hidden ones, and READMEs that describe the folder rather than the domain. */
function ignored(name: string): boolean {
  return name.startsWith('.') || /^readme(\.[a-z]+)?$/i.test(name);
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(folder: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      if (ignored(entry.name)) continue;
      const full = join(folder, entry.name);
      // Symbolic links are not followed: the index covers this directory and nothing outside it.
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) found.push(relative(dir, full).split(sep).join('/'));
    }
  }
  await walk(dir);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function defaultSourceRoot(dir: string): string {
  const rel = relative(process.cwd(), dir).split(sep).join('/');
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir.split(sep).join('/') : rel;
}

interface Candidate {
  path: string;
  hash: string;
  bytes: number;
  mtime: Date;
}

/** Ingests `dir` into `indexDir`; see the module comment. */
export async function ingestKnowledgeBase(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const dir = resolve(options.dir);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const sourceRoot = options.sourceRoot ?? defaultSourceRoot(dir);
  const errors: KbFileError[] = [];
  const report = (error: KbFileError) => {
    errors.push(error);
    options.onFileError?.(error);
  };
  const warnings: KbFileError[] = [];
  const warn = (warning: KbFileError) => {
    warnings.push(warning);
    options.onFileWarning?.(warning);
  };

  // The previous index, when it was written by this version: its chunks are reused as they are.
  let previous: KbIndex | null = null;
  let previousRoot: string | null = null;
  if (!options.force) {
    try {
      const manifest = await readKbManifest(options.indexDir);
      if (manifest && isCurrentManifest(manifest)) {
        const stored = await loadKbIndex(options.indexDir);
        previous = stored.index;
        previousRoot = stored.sourceRoot;
      }
    } catch {
      // A damaged index is rebuilt from the files, which is what ingest is for.
      previous = null;
    }
  }
  const previousByPath = new Map((previous?.docs ?? []).map((doc, i) => [doc.path, i]));

  const paths = await listFiles(dir);
  const total = paths.length;
  let done = 0;
  const progress = (path: string, status: FileStatus) =>
    options.onProgress?.({ done: ++done, total, path, status });

  // Pass 1: size limits, hashes, duplicates (the first path in sorted order keeps its content).
  const candidates: Candidate[] = [];
  const firstWithHash = new Map<string, string>();
  for (const path of paths) {
    const full = join(dir, path);
    if (formatOf(path) === null) {
      report({ path, code: 'unsupported', message: 'not a Markdown, HTML, text or PDF file' });
      progress(path, 'failed');
      continue;
    }
    try {
      const info = await stat(full);
      if (info.size === 0) {
        report({ path, code: 'empty', message: 'the file is empty' });
        progress(path, 'failed');
        continue;
      }
      if (info.size > maxBytes) {
        report({
          path,
          code: 'too_large',
          message: `${(info.size / 1024 / 1024).toFixed(1)} MB is over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit`,
        });
        progress(path, 'failed');
        continue;
      }
      const bytes = await readFile(full);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const original = firstWithHash.get(hash);
      if (original !== undefined) {
        report({
          path,
          code: 'duplicate',
          message: `same content as ${original}; indexed once, under ${original}`,
        });
        progress(path, 'failed');
        continue;
      }
      firstWithHash.set(hash, path);
      candidates.push({ path, hash, bytes: bytes.length, mtime: info.mtime });
    } catch (error) {
      report({ path, code: 'unreadable', message: error instanceof Error ? error.message : String(error) });
      progress(path, 'failed');
    }
  }

  // Pass 2: parse and chunk what changed; reuse the rest.
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const inputs: KbIndexInput[] = [];
  const ownerOfSourceId = new Map<string, string>();
  for (const candidate of candidates) {
    const { path } = candidate;
    const previousIndex = previousByPath.get(path);
    const previousDoc = previousIndex === undefined ? undefined : previous?.docs[previousIndex];
    let input: KbIndexInput;
    let status: FileStatus;
    if (previous && previousDoc && previousIndex !== undefined && previousDoc.hash === candidate.hash) {
      const { chunkStart: _start, chunkCount: _count, ...doc } = previousDoc;
      input = { doc, chunks: documentChunks(previous, previousIndex) };
      status = 'unchanged';
    } else {
      let bytes: Buffer;
      try {
        bytes = await readFile(join(dir, path));
      } catch (error) {
        report({ path, code: 'unreadable', message: error instanceof Error ? error.message : String(error) });
        progress(path, 'failed');
        continue;
      }
      const outcome = await parseKbFile({ path, bytes, mtime: candidate.mtime, hash: candidate.hash });
      if (!outcome.ok) {
        report(outcome.error);
        progress(path, 'failed');
        continue;
      }
      for (const warning of outcome.warnings ?? []) warn(warning);
      const { text: _text, lineOffset: _lines, pageStarts: _pages, ...doc } = outcome.document;
      const chunks: KbChunk[] = chunkDocument(outcome.document);
      input = { doc, chunks };
      status = previousDoc ? 'updated' : 'added';
    }
    const owner = ownerOfSourceId.get(input.doc.sourceId);
    if (owner !== undefined) {
      report({
        path,
        code: 'duplicate_source_id',
        message: `source_id "${input.doc.sourceId}" is already used by ${owner}; source_id must be unique`,
      });
      progress(path, 'failed');
      continue;
    }
    ownerOfSourceId.set(input.doc.sourceId, path);
    inputs.push(input);
    (status === 'unchanged' ? unchanged : status === 'updated' ? updated : added).push(path);
    progress(path, status);
  }

  const present = new Set(paths);
  const removed = (previous?.docs ?? []).map((d) => d.path).filter((p) => !present.has(p));
  const sameDocs =
    previous !== null &&
    previous.docs.length === inputs.length &&
    previous.docs.every((d, i) => d.path === inputs[i]?.doc.path && d.hash === inputs[i]?.doc.hash);

  let index: KbIndex;
  let wrote = false;
  let indexBytes = 0;
  if (previous && sameDocs && previousRoot === sourceRoot) {
    index = previous;
  } else {
    index = buildKbIndex(inputs);
    const saved = await saveKbIndex(options.indexDir, { index, sourceRoot });
    wrote = true;
    indexBytes = saved.binBytes + saved.manifestBytes;
  }
  return {
    added,
    updated,
    unchanged,
    removed,
    errors,
    warnings,
    documents: index.docs.length,
    chunks: index.chunks.count,
    wrote,
    indexBytes,
    elapsedMs: performance.now() - started,
    index,
  };
}
