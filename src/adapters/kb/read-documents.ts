import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatOf, parseKbFile } from './parse-files.ts';

/** The text of every knowledge-base document by source id (for the citation-precision eval). */
export async function readKnowledgeBaseTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  for (const path of walk(dir)) {
    if (!formatOf(path)) continue;
    const stats = statSync(path);
    const bytes = readFileSync(path);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const outcome = await parseKbFile({
      path: relative(dir, path).replaceAll('\\', '/'),
      bytes,
      mtime: stats.mtime,
      hash,
    });
    if (outcome.ok) texts.set(outcome.document.sourceId, outcome.document.text);
  }
  return texts;
}
