import { classifySentence, trustedPassage } from '../../domain/documents/untrusted-text.ts';
import type { CompiledPrompt, PromptTemplate } from '../../llmops/prompt-template.ts';
import type { RetrievedChunk } from '../../ports.ts';

/** What the agent may read of one retrieved chunk: its screened text, delimited as data. */
export interface ScreenedExcerpt {
  title: string;
  source: string;
  /** The chunk with every untrusted sentence cut out (see untrusted-text.ts). */
  text: string;
  withheld: number;
}

/** Longest excerpt handed to the agent, as before. */
const EXCERPT_CHARS = 800;

/** Angle brackets would let a document open or close the delimiters it sits between. */
const escapeDelimiters = (text: string) => text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function screenExcerpt(chunk: RetrievedChunk): ScreenedExcerpt {
  const { text, withheld } = trustedPassage(chunk.text, { declaredSources: [chunk.source] });
  // A title that speaks to the model is not shown either; the source still names the document.
  const title = classifySentence(chunk.title).length > 0 ? chunk.source : chunk.title;
  return { title, source: chunk.source, text: text.trim().slice(0, EXCERPT_CHARS), withheld };
}

/** The search_documents result as the versioned prompt `agent-document-results` renders it. */
export function renderDocumentResults(
  template: PromptTemplate,
  query: string,
  excerpts: ScreenedExcerpt[],
): CompiledPrompt {
  const documents = excerpts
    .map((e, i) => {
      const note =
        e.withheld > 0
          ? `\n[Scout withheld ${e.withheld} passage(s) of this excerpt addressed to an assistant.]`
          : '';
      return `<document n="${i + 1}" title="${escapeDelimiters(e.title).replaceAll('"', "'")}" source="${escapeDelimiters(e.source)}">\n${escapeDelimiters(e.text)}${note}\n</document>`;
    })
    .join('\n');
  return template.render({
    query: escapeDelimiters(query.slice(0, 300)),
    documents: documents === '' ? '(no document matched)' : documents,
  });
}
