import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { finishBm25 } from '../../domain/kb/bm25.ts';
import { indexSchema, type KbChunkTable, type KbIndex } from '../../domain/kb/kb-index.ts';
import { ScoutError } from '../../errors.ts';

/**
 * The index on disk, in `indexDir`:
 *   manifest.json       schema tag, parameters, documents, heading paths, vocabulary, and a
 *                       table of the sections of the binary file (kind, byte offset, length)
 *   index-<sha>.bin     every typed array back to back, 8-byte aligned, little-endian: chunk
 *                       columns, chunk texts (UTF-8), BM25 postings, int8 vectors and scales
 * Loading reads the two files and wraps the bytes in typed-array views: no parsing per chunk.
 * Writes go to temporary names and are renamed, binary first, so a reader never sees a manifest
 * that points at a missing or half-written file.
 */

export const MANIFEST_FILE = 'manifest.json';

const sectionKinds = {
  u8: Uint8Array,
  i8: Int8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  f32: Float32Array,
} as const;
type SectionKind = keyof typeof sectionKinds;
type AnyTypedArray = Uint8Array | Int8Array | Uint16Array | Uint32Array | Float32Array;

const metadataSchema = z.object({
  type: z.string(),
  date: z.string(),
  industries: z.array(z.string()),
  markets: z.array(z.string()),
  channels: z.array(z.string()),
  brands: z.array(z.string()),
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  access: z.discriminatedUnion('level', [
    z.object({ level: z.literal('internal') }),
    z.object({ level: z.literal('restricted'), channels: z.array(z.string()), users: z.array(z.string()) }),
  ]),
});

const manifestSchema = z.object({
  schema: z.string(),
  endianness: z.enum(['LE', 'BE']),
  bin: z.string().regex(/^index-[0-9a-f]+\.bin$/),
  binBytes: z.number().int().nonnegative(),
  sourceRoot: z.string(),
  counts: z.object({ documents: z.number(), chunks: z.number(), terms: z.number(), postings: z.number() }),
  bm25: z.object({ k1: z.number(), b: z.number() }),
  vectorParams: z.object({
    dims: z
      .number()
      .int()
      .refine((d) => d >= 4 && (d & (d - 1)) === 0, 'dims must be a power of two'),
    unigramWeight: z.number(),
    bigramWeight: z.number(),
    charWeight: z.number(),
    minGram: z.number().int(),
    maxGram: z.number().int(),
  }),
  sections: z.record(
    z.string(),
    z.object({
      kind: z.enum(['u8', 'i8', 'u16', 'u32', 'f32']),
      offset: z.number().int().nonnegative(),
      length: z.number().int().nonnegative(),
    }),
  ),
  docs: z.array(
    z.object({
      path: z.string(),
      format: z.enum(['markdown', 'html', 'text', 'pdf']),
      sourceId: z.string(),
      title: z.string(),
      hash: z.string(),
      bytes: z.number(),
      metadata: metadataSchema,
      chunkStart: z.number().int().nonnegative(),
      chunkCount: z.number().int().nonnegative(),
    }),
  ),
  headings: z.array(z.array(z.string())),
  terms: z.array(z.string()),
});

export type KbManifest = z.output<typeof manifestSchema>;

/** An index as stored: the index itself and where its citations point. */
export interface StoredKbIndex {
  index: KbIndex;
  /** The knowledge-base directory the paths are relative to, as given at ingest (e.g. "data/kb"). */
  sourceRoot: string;
}

function sectionsOf(index: KbIndex): [string, SectionKind, AnyTypedArray][] {
  const c = index.chunks;
  return [
    ['chunk.doc', 'u32', c.doc],
    ['chunk.heading', 'u32', c.heading],
    ['chunk.start', 'u32', c.start],
    ['chunk.end', 'u32', c.end],
    ['chunk.startLine', 'u32', c.startLine],
    ['chunk.endLine', 'u32', c.endLine],
    ['chunk.pageStart', 'u32', c.pageStart],
    ['chunk.pageEnd', 'u32', c.pageEnd],
    ['chunk.textOffsets', 'u32', c.textOffsets],
    ['text', 'u8', index.text],
    ['bm25.offsets', 'u32', index.bm25.offsets],
    ['bm25.docs', 'u32', index.bm25.docs],
    ['bm25.tfs', 'u16', index.bm25.tfs],
    ['bm25.docLengths', 'u32', index.bm25.docLengths],
    ['vectors.codes', 'i8', index.vectors.codes],
    ['vectors.scales', 'f32', index.vectors.scales],
  ];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Writes the index; returns the bytes written (binary + manifest). */
export async function saveKbIndex(
  indexDir: string,
  stored: StoredKbIndex,
): Promise<{ binBytes: number; manifestBytes: number; binFile: string }> {
  const { index } = stored;
  const sections = sectionsOf(index);
  let size = 0;
  const table: KbManifest['sections'] = {};
  for (const [name, kind, array] of sections) {
    table[name] = { kind, offset: size, length: array.length };
    size = align8(size + array.byteLength);
  }
  const bin = Buffer.alloc(size);
  for (const [name, , array] of sections) {
    bin.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), table[name]?.offset ?? 0);
  }
  const binFile = `index-${createHash('sha256').update(bin).digest('hex').slice(0, 16)}.bin`;
  const manifest: KbManifest = {
    schema: indexSchema(),
    endianness: endianness(),
    bin: binFile,
    binBytes: size,
    sourceRoot: stored.sourceRoot,
    counts: {
      documents: index.docs.length,
      chunks: index.chunks.count,
      terms: index.bm25.terms.length,
      postings: index.bm25.docs.length,
    },
    bm25: index.bm25.params,
    vectorParams: index.vectorParams,
    sections: table,
    docs: index.docs,
    headings: index.headings,
    terms: index.bm25.terms,
  };
  const manifestText = JSON.stringify(manifest);
  await mkdir(indexDir, { recursive: true });
  const suffix = `.tmp-${process.pid}`;
  await writeFile(join(indexDir, binFile + suffix), bin);
  await rename(join(indexDir, binFile + suffix), join(indexDir, binFile));
  await writeFile(join(indexDir, MANIFEST_FILE + suffix), manifestText);
  await rename(join(indexDir, MANIFEST_FILE + suffix), join(indexDir, MANIFEST_FILE));
  // Older binaries are garbage once the manifest points elsewhere.
  for (const name of await readdir(indexDir)) {
    if (/^index-[0-9a-f]+\.bin$/.test(name) && name !== binFile)
      await rm(join(indexDir, name), { force: true });
  }
  return { binBytes: size, manifestBytes: Buffer.byteLength(manifestText), binFile };
}

const damaged = (indexDir: string, why: string, cause?: unknown) =>
  new ScoutError('retriever_failed', `knowledge-base index in ${indexDir} is unusable: ${why}`, {
    cause,
    userMessage: `The local knowledge-base index is missing or out of date: run \`scout kb ingest\`.`,
  });

/** Reads and validates the manifest; null when there is none. Throws when it exists but is bad. */
export async function readKbManifest(indexDir: string): Promise<KbManifest | null> {
  const path = join(indexDir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw damaged(indexDir, 'manifest.json is not JSON', error);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw damaged(indexDir, `manifest.json: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** True when a manifest was written by this code version (same analyzer, chunker, layout). */
export function isCurrentManifest(manifest: KbManifest): boolean {
  return manifest.schema === indexSchema() && manifest.endianness === endianness();
}

/** Loads an index written by saveKbIndex. Throws a ScoutError when it is missing or unusable. */
export async function loadKbIndex(indexDir: string): Promise<StoredKbIndex> {
  const manifest = await readKbManifest(indexDir);
  if (!manifest) throw damaged(indexDir, 'no manifest.json (never ingested?)');
  if (!isCurrentManifest(manifest)) {
    throw damaged(indexDir, `written by another version (${manifest.schema}, this is ${indexSchema()})`);
  }
  let file: Buffer;
  try {
    file = await readFile(join(indexDir, manifest.bin));
  } catch (error) {
    throw damaged(indexDir, `cannot read ${manifest.bin}`, error);
  }
  if (file.length !== manifest.binBytes) throw damaged(indexDir, `${manifest.bin} has the wrong size`);
  // Typed-array views need aligned offsets; small files may share Node's buffer pool.
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  const view = <K extends SectionKind>(name: string, kind: K): InstanceType<(typeof sectionKinds)[K]> => {
    const section = manifest.sections[name];
    if (!section || section.kind !== kind) throw damaged(indexDir, `section ${name} is missing`);
    const Kind = sectionKinds[kind];
    const end = section.offset + section.length * Kind.BYTES_PER_ELEMENT;
    if (end > bytes.length) throw damaged(indexDir, `section ${name} runs past the end of the file`);
    // A Buffer from readFile is backed by a plain ArrayBuffer; the constructor union cannot be
    // called generically in TS, so the result is cast to the kind it was built as.
    return new Kind(
      bytes.buffer as ArrayBuffer,
      bytes.byteOffset + section.offset,
      section.length,
    ) as InstanceType<(typeof sectionKinds)[K]>;
  };
  const count = manifest.counts.chunks;
  const chunks: KbChunkTable = {
    count,
    doc: view('chunk.doc', 'u32'),
    heading: view('chunk.heading', 'u32'),
    start: view('chunk.start', 'u32'),
    end: view('chunk.end', 'u32'),
    startLine: view('chunk.startLine', 'u32'),
    endLine: view('chunk.endLine', 'u32'),
    pageStart: view('chunk.pageStart', 'u32'),
    pageEnd: view('chunk.pageEnd', 'u32'),
    textOffsets: view('chunk.textOffsets', 'u32'),
  };
  const bm25 = finishBm25({
    params: manifest.bm25,
    terms: manifest.terms,
    offsets: view('bm25.offsets', 'u32'),
    docs: view('bm25.docs', 'u32'),
    tfs: view('bm25.tfs', 'u16'),
    docLengths: view('bm25.docLengths', 'u32'),
  });
  const dims = manifest.vectorParams.dims;
  const vectors = { dims, count, codes: view('vectors.codes', 'i8'), scales: view('vectors.scales', 'f32') };
  if (
    chunks.doc.length !== count ||
    chunks.textOffsets.length !== count + 1 ||
    bm25.offsets.length !== manifest.terms.length + 1 ||
    bm25.docLengths.length !== count ||
    vectors.codes.length !== count * dims ||
    vectors.scales.length !== count
  ) {
    throw damaged(indexDir, 'section sizes disagree with the manifest');
  }
  return {
    sourceRoot: manifest.sourceRoot,
    index: {
      docs: manifest.docs,
      headings: manifest.headings,
      chunks,
      text: view('text', 'u8'),
      bm25,
      vectorParams: manifest.vectorParams,
      vectors,
    },
  };
}
