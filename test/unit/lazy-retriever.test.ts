import { describe, expect, it } from 'vitest';
import { lazyRetriever } from '../../src/adapters/kb/lazy-retriever.ts';
import { workspaceAudience } from '../../src/domain/audience.ts';
import { isScoutError } from '../../src/errors.ts';
import type { RetrievedChunk, Retriever } from '../../src/ports.ts';

const audience = workspaceAudience();
const chunk: RetrievedChunk = {
  id: 'c1',
  text: 'CTR rose',
  title: 'Notes',
  source: 'data/kb/notes.md',
  score: 1,
  metadata: {},
};

function counted(open: () => Promise<Retriever>) {
  let opens = 0;
  return {
    open: () => {
      opens += 1;
      return open();
    },
    opens: () => opens,
  };
}

describe('lazyRetriever', () => {
  it('opens the knowledge base on the first search, not before, and only once', async () => {
    const source = counted(async () => ({ retrieve: async () => [chunk] }));
    const retriever = lazyRetriever(source.open, () => {});
    expect(source.opens()).toBe(0);
    expect(await retriever.retrieve({ text: 'ctr', topK: 3, audience })).toEqual([chunk]);
    await retriever.retrieve({ text: 'cpc', topK: 3, audience });
    expect(source.opens()).toBe(1);
  });

  it('reports a failed opening, answers it as an unavailable knowledge base, and tries again next time', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const source = counted(async () => {
      if (fail) throw new Error('index unreadable');
      return { retrieve: async () => [] };
    });
    const retriever = lazyRetriever(source.open, (error) => errors.push(error));
    const failed = await retriever
      .retrieve({ text: 'ctr', topK: 3, audience })
      .catch((error: unknown) => error);
    expect(isScoutError(failed) && failed.code).toBe('retriever_failed');
    expect(errors).toHaveLength(1);
    fail = false;
    expect(await retriever.retrieve({ text: 'ctr', topK: 3, audience })).toEqual([]);
    expect(source.opens()).toBe(2);
  });
});
