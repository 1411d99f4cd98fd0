import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from '@slack/bolt';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import type { HandlerDeps } from '../../handlers/deps.ts';
import { register } from '../../handlers/register.ts';
import { projectRoot } from '../../src/compose/project-root.ts';

const manifestSchema = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string(), description: z.string().max(100) })),
    shortcuts: z.array(
      z.object({ callback_id: z.string(), type: z.enum(['global', 'message']), name: z.string().max(60) }),
    ),
    bot_user: z.object({ display_name: z.string() }),
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean() }),
    agent_view: z
      .object({
        agent_description: z.string().max(300),
        suggested_prompts: z.array(z.object({ title: z.string(), message: z.string() })).max(4),
      })
      .optional(),
    assistant_view: z.unknown().optional(),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.literal(true) }),
    socket_mode_enabled: z.boolean(),
  }),
});

const manifest = manifestSchema.parse(parse(readFileSync(resolve(projectRoot, 'manifest.yml'), 'utf8')));

// A real Bolt app (no receiver started, no token check); the handlers' dependencies are never
// called while registering, so an empty object stands in for them.
const app = new App({ token: 'xoxb-test', signingSecret: 'test-secret', tokenVerificationEnabled: false });
const registered = register(app, { logger: pino({ level: 'silent' }) } as unknown as HandlerDeps);
// Regex constraints (the catch-alls for unknown shortcuts and buttons) are not manifest entries.
const exact = (list: string[]) => [...new Set(list.filter((name) => !/^\/.*\/$/.test(name)))].sort();
const listenerCatalog = {
  commands: exact(registered.commands),
  shortcuts: exact(registered.shortcuts),
  events: exact(registered.events),
};

describe('manifest.yml', () => {
  it('declares exactly the slash commands we register', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(listenerCatalog.commands);
  });

  it('declares exactly the shortcuts we register, one global and one on messages', () => {
    expect(manifest.features.shortcuts.map((s) => s.callback_id).sort()).toEqual(listenerCatalog.shortcuts);
    expect(manifest.features.shortcuts.map((s) => s.type).sort()).toEqual(['global', 'message']);
  });

  it('subscribes to exactly the events we listen to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(listenerCatalog.events);
  });

  it('declares the agent messaging experience (not the retired assistant view), with Home and the DM', () => {
    expect(manifest.features.agent_view?.suggested_prompts.length).toBeGreaterThan(0);
    expect(manifest.features.assistant_view).toBeUndefined();
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true });
    for (const event of ['app_home_opened', 'app_context_changed', 'message.im'])
      expect(manifest.settings.event_subscriptions.bot_events).toContain(event);
  });

  it('grants the scopes those listeners and our Web API calls need', () => {
    const needed = [
      'commands',
      'app_mentions:read',
      'channels:history',
      'groups:history',
      'im:history',
      'chat:write',
      'chat:write.public',
      'files:write',
      'assistant:write',
      // conversations.members (feedback only from the answer's channel) and users.info (admins).
      'channels:read',
      'groups:read',
      'users:read',
    ];
    for (const scope of needed) expect(manifest.oauth_config.scopes.bot).toContain(scope);
  });
});
