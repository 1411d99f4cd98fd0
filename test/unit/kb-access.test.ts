import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalRetriever } from '../../src/adapters/kb/local-retriever.ts';
import { parseMarkdown } from '../../src/adapters/kb/parse-files.ts';
import { audienceFlags, parseArgs, UsageError } from '../../src/cli/args.ts';
import {
  type Audience,
  channelAudience,
  directMessageAudience,
  slackAudience,
  workspaceAudience,
} from '../../src/domain/audience.ts';
import { type KbAccess, mayRead, readAccess } from '../../src/domain/kb/access.ts';
import { chunkDocument } from '../../src/domain/kb/chunk.ts';
import type { KbDocument } from '../../src/domain/kb/document.ts';
import { buildKbIndex } from '../../src/domain/kb/kb-index.ts';
import type { Agent } from '../../src/ports.ts';
import { type AskDeps, ask } from '../../src/usecases/ask/ask.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';
import { restrictedKbFiles } from '../fixtures/restricted-kb.ts';

function parsed(name: string) {
  const bytes = new TextEncoder().encode(restrictedKbFiles[name] ?? '');
  return parseMarkdown({
    path: name,
    bytes,
    mtime: new Date('2025-01-01T00:00:00Z'),
    hash: createHash('sha256').update(bytes).digest('hex'),
  });
}

function documents(keep: (name: string) => boolean = () => true): KbDocument[] {
  return Object.keys(restrictedKbFiles)
    .filter(keep)
    .sort()
    .map((name) => {
      const outcome = parsed(name);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.document;
    });
}

function retrieverOver(docs: KbDocument[]) {
  const index = buildKbIndex(
    docs.map((document) => {
      const { text: _t, lineOffset: _l, pageStarts: _p, ...doc } = document;
      return { doc, chunks: chunkDocument(document) };
    }),
  );
  return createLocalRetriever(index);
}

const restrictedTo = (channels: string[], users: string[]): KbAccess => ({
  level: 'restricted',
  channels,
  users,
});

describe('reading access fields', () => {
  it('defaults to internal, and reads restricted with its lists', () => {
    expect(readAccess({})).toEqual({ access: { level: 'internal' }, problems: [] });
    expect(readAccess({ access: 'Internal' }).access).toEqual({ level: 'internal' });
    expect(
      readAccess({ access: 'restricted', allowed_channels: ['C0DEALS'], allowed_users: 'u0board' }),
    ).toEqual({ access: restrictedTo(['C0DEALS'], ['U0BOARD']), problems: [] });
  });

  it('treats an unknown or malformed access value as restricted to nobody, and says so', () => {
    for (const access of ['confidential', 'public', 42, { level: 'internal' }, true]) {
      const reading = readAccess({ access, allowed_channels: ['C0DEALS'] });
      expect(reading.access).toEqual(restrictedTo([], []));
      expect(reading.problems.join(' ')).toMatch(/restricted to nobody/);
    }
    // Where the key is required (Knowledge Base metadata), its absence is the same.
    expect(readAccess({}, 'nobody').access).toEqual(restrictedTo([], []));
  });

  it('drops ids that are not Slack ids, and never reads lists without access as internal', () => {
    const reading = readAccess({ access: 'restricted', allowed_channels: ['#deals', 'C0DEALS', 7] });
    expect(reading.access).toEqual(restrictedTo(['C0DEALS'], []));
    expect(reading.problems).toHaveLength(2);
    const listed = readAccess({ allowed_users: ['U0BOARD'] });
    expect(listed.access).toEqual(restrictedTo([], ['U0BOARD']));
    expect(listed.problems).toHaveLength(1);
    const empty = readAccess({ access: 'restricted' });
    expect(empty.access).toEqual(restrictedTo([], []));
    expect(empty.problems.join(' ')).toMatch(/nobody can see it/);
  });
});

describe('who may read a document', () => {
  const deal = restrictedTo(['C0DEALS'], []);
  const board = restrictedTo([], ['U0BOARD', 'U0CFO']);
  const cases: [string, Audience, boolean, boolean][] = [
    // name, audience, may read the deal note, may read the board plan
    ['nobody in particular', workspaceAudience(), false, false],
    ['the allowed channel', channelAudience('C0DEALS', 'U0ANYONE'), true, false],
    ['another channel', channelAudience('C0GENERAL', 'U0BOARD'), false, false],
    ['an allowed user in a DM', directMessageAudience('U0BOARD'), false, true],
    ['another user in a DM', directMessageAudience('U0INTERN'), false, false],
    ['an allowed user, channel members unknown', channelAudience('C0EXEC', 'U0BOARD'), false, false],
    [
      'an allowed user, every member allowed',
      channelAudience('C0EXEC', 'U0BOARD', ['U0BOARD', 'U0CFO']),
      false,
      true,
    ],
    [
      'an allowed user, one member not allowed',
      channelAudience('C0EXEC', 'U0BOARD', ['U0BOARD', 'U0INTERN']),
      false,
      false,
    ],
    ['a channel with no known member', channelAudience('C0EXEC', 'U0BOARD', []), false, false],
  ];
  it.each(cases)('%s', (_name, audience, seesDeal, seesBoard) => {
    expect(mayRead({ level: 'internal' }, audience)).toBe(true);
    expect(mayRead(deal, audience)).toBe(seesDeal);
    expect(mayRead(board, audience)).toBe(seesBoard);
    expect(mayRead(restrictedTo([], []), audience)).toBe(false);
  });

  it('counts only a message Slack marks as a DM as read by the asker alone', () => {
    expect(slackAudience({ user: 'U0BOARD', channel: 'D0DM', isDirectMessage: true }).readers).toEqual([
      'U0BOARD',
    ]);
    expect(slackAudience({ user: 'U0BOARD', channel: 'D0DM', isDirectMessage: false }).readers).toBeNull();
  });
});

describe('the parser', () => {
  it('keeps the access keys of the front matter', () => {
    const outcome = parsed('acme-deal.md');
    expect(outcome.ok && outcome.document.metadata.access).toEqual(restrictedTo(['C0DEALS'], []));
    expect(outcome.ok && outcome.warnings).toBeUndefined();
    const open = parsed('open-brief.md');
    expect(open.ok && open.document.metadata.access).toEqual({ level: 'internal' });
  });

  it('reports an unknown access value and keeps the document restricted to nobody', () => {
    const outcome = parsed('mislabelled.md');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.document.metadata.access).toEqual(restrictedTo([], []));
    expect(outcome.warnings).toEqual([
      expect.objectContaining({ path: 'mislabelled.md', code: 'invalid_access' }),
    ]);
  });
});

describe('the local retriever', () => {
  const retriever = retrieverOver(documents());
  const sources = async (text: string, audience: Audience) =>
    (await retriever.retrieve({ text, topK: 10, audience })).map((c) => c.metadata.source_id);

  it('retrieves a restricted document only for an audience that may see it', async () => {
    expect(await sources('acme renewal pricing discount', workspaceAudience())).not.toContain('acme-renewal');
    expect(await sources('acme renewal pricing discount', channelAudience('C0DEALS', null))).toContain(
      'acme-renewal',
    );
    expect(await sources('zephyrine acquisition', directMessageAudience('U0BOARD'))).toEqual(['board-plan']);
    expect(await sources('zephyrine acquisition', channelAudience('C0GENERAL', 'U0BOARD'))).toEqual([]);
    // Unknown access value: nobody, not even with every flag.
    expect(await sources('quokka project memo', channelAudience('C0DEALS', 'U0BOARD'))).toEqual([]);
  });

  it('ranks for an outsider exactly as if the restricted documents did not exist', async () => {
    const without = retrieverOver(documents((name) => name === 'open-brief.md'));
    for (const text of ['renewal pricing connected TV', 'acme discount 2026', 'confidential plan']) {
      const asOutsider = await retriever.retrieve({ text, topK: 10, audience: workspaceAudience() });
      const alone = await without.retrieve({ text, topK: 10, audience: workspaceAudience() });
      expect(asOutsider).toEqual(alone);
    }
  });
});

describe('CLI audience flags', () => {
  const audience = (argv: string[]) =>
    audienceFlags(parseArgs(argv, { boolean: [], value: ['as-channel', 'as-user'] }));
  it('read --as-channel and --as-user, and default to nobody in particular', () => {
    expect(audience([])).toEqual(workspaceAudience());
    expect(audience(['--as-channel', 'C0DEALS'])).toEqual(channelAudience('C0DEALS', null));
    expect(audience(['--as-user=u0board'])).toEqual(directMessageAudience('U0BOARD'));
    expect(audience(['--as-user', 'U0BOARD', '--as-channel', 'C0EXEC'])).toEqual(
      channelAudience('C0EXEC', 'U0BOARD'),
    );
  });
  it('reject a value that is not a Slack id', () => {
    expect(() => audience(['--as-channel', '#deals'])).toThrow(UsageError);
    expect(() => audience(['--as-user', 'alice'])).toThrow(UsageError);
  });
});

describe("the agent's search_documents", () => {
  /** A Bedrock Agent (our port) that searches once, then answers with what the search returned. */
  function searchingAgent(query: string): Agent & { results: string[] } {
    const results: string[] = [];
    return {
      results,
      async invoke(input) {
        if (!input.returnResults) {
          return {
            kind: 'return_control',
            invocationId: 'i1',
            calls: [{ actionGroup: 'scout', function: 'search_documents', parameters: { query } }],
          };
        }
        results.push(...input.returnResults.results.map((r) => r.body));
        return { kind: 'final', text: 'Done.', citations: [] };
      },
    };
  }
  const deps = (agent: Agent): AskDeps =>
    offlineAskDeps({
      allowlist: new Map(),
      newId: () => 'a-1',
      llm: llmDeps({ client: scriptedLlm([]).llm }),
      agent,
      retriever: retrieverOver(documents()),
    });

  it('returns a restricted document only to an audience that may see it', async () => {
    // Not a data question the parser can place, so the agent plans.
    const question = 'acme renewal discount for the deal, roughly';
    const outsider = searchingAgent('acme renewal pricing discount');
    await ask(deps(outsider), question, { audience: channelAudience('C0GENERAL', 'U0001') });
    expect(outsider.results).toHaveLength(1);
    expect(outsider.results.join('')).not.toContain('12% discount');
    const insider = searchingAgent('acme renewal pricing discount');
    await ask(deps(insider), question, { audience: channelAudience('C0DEALS', 'U0001') });
    expect(insider.results.join('')).toContain('12% discount');
  });
});
