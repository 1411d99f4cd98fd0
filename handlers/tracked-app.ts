import type { App } from '@slack/bolt';

/** What a registration pass put on the app, by kind, as the names Slack's manifest uses. */
export interface Registrations {
  commands: string[];
  shortcuts: string[];
  events: string[];
  actions: string[];
}

const describe = (constraint: unknown): string => {
  if (typeof constraint === 'string') return constraint;
  if (constraint instanceof RegExp) return `/${constraint.source}/`;
  if (constraint && typeof constraint === 'object') {
    const value = Object.values(constraint)[0];
    return value instanceof RegExp ? `/${value.source}/` : String(value);
  }
  return String(constraint);
};

/**
 * Wraps the real Bolt app so every listener registered through it is also recorded: the
 * manifest test compares what was actually registered with manifest.yml.
 */
export function trackRegistrations(app: App): { app: App; registrations: Registrations } {
  const registrations: Registrations = { commands: [], shortcuts: [], events: [], actions: [] };
  const wrapped = new Proxy(app, {
    get(target, property, receiver) {
      const original = Reflect.get(target, property, receiver);
      if (typeof original !== 'function') return original;
      // Bolt's registration methods take a constraint then listeners; the constraint is recorded.
      return (...args: unknown[]) => {
        if (property === 'command') registrations.commands.push(describe(args[0]));
        if (property === 'shortcut') registrations.shortcuts.push(describe(args[0]));
        if (property === 'event') registrations.events.push(describe(args[0]));
        if (property === 'action') registrations.actions.push(describe(args[0]));
        // app.message receives every kind of message the app is subscribed to.
        if (property === 'message')
          registrations.events.push('message.channels', 'message.groups', 'message.im');
        return original.apply(target, args);
      };
    },
  });
  return { app: wrapped, registrations };
}
