import { ScoutError } from '../../errors.ts';
import type { Retriever } from '../../ports.ts';

/**
 * A retriever that opens (indexes) the knowledge base on the first search, not at start-up: most
 * questions are about data, and a CLI answer to one should not pay for reading the document index.
 * A failed opening is reported to `onError` and answered as an unavailable knowledge base; the next
 * search tries again.
 */
export function lazyRetriever(open: () => Promise<Retriever>, onError: (error: unknown) => void): Retriever {
  let opened: Promise<Retriever> | null = null;
  async function retriever(): Promise<Retriever> {
    opened ??= open();
    try {
      return await opened;
    } catch (error) {
      opened = null;
      onError(error);
      throw new ScoutError('retriever_failed', `knowledge base unavailable: ${String(error)}`, {
        cause: error,
        retryable: true,
        userMessage: 'The knowledge base is unavailable right now; data questions still work.',
      });
    }
  }
  return {
    async retrieve(query) {
      return (await retriever()).retrieve(query);
    },
  };
}
