import type { LabelEvent } from '../../src/llmops/experiments/labels.ts';
import type { PromptLabelStore } from '../../src/llmops/experiments/ports.ts';
import { type PromptTemplate, parsePromptTemplate } from '../../src/llmops/prompt-template.ts';

/** A prompt template of task `task` at `version`, optionally carrying front-matter labels. */
export function promptVersion(task: string, version: string, labels: string[] = []): PromptTemplate {
  const label = labels.length > 0 ? `label: [${labels.join(', ')}]\n` : '';
  const text = `---\nid: ${task}\nversion: ${version}\ntier: fast\ndescription: Test prompt.\nvariables: []\n${label}---\nYou are version ${version}.\n`;
  return parsePromptTemplate(text, `prompts/${task}/${version}.md`);
}

/** The label history in memory: the same compare-and-append rule as the Redis store. */
export function memoryLabelStore(): PromptLabelStore & { lists: Map<string, LabelEvent[]> } {
  const lists = new Map<string, LabelEvent[]>();
  return {
    lists,
    async history(task) {
      const events = [...(lists.get(task) ?? [])];
      return { events, length: events.length };
    },
    async append(event, expectedLength) {
      const list = lists.get(event.task) ?? [];
      if (list.length !== expectedLength) return false;
      lists.set(event.task, [...list, event]);
      return true;
    },
  };
}
