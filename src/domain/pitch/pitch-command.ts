import { escapeRegExp } from '../parser/text.ts';
import { resolveBrand } from './resolve-brand.ts';

/** What `/pitch <brand> [for <program>] [goal …]` asks for; program is an id or a name as typed. */
export interface PitchCommand {
  brand: string;
  program: string | null;
  goal: string | null;
}

const squash = (text: string) => text.trim().replace(/\s+/g, ' ');
const unquote = (text: string) => squash(text).replace(/^["“']+|["”']+$/g, '');

/** Reads the command text; null when it names no brand (then the modal asks). */
export function parsePitchCommand(text: string): PitchCommand | null {
  const clean = squash(text);
  if (clean === '') return null;
  const goalAt = clean.search(/\s+goal[:\s]/i);
  const head = goalAt >= 0 ? clean.slice(0, goalAt) : clean;
  const goal = goalAt >= 0 ? clean.slice(goalAt).replace(/^\s+goal[:\s]+/i, '') : null;
  const forAt = head.search(/\s+for\s+/i);
  const brand = unquote(forAt >= 0 ? head.slice(0, forAt) : head);
  const program = forAt >= 0 ? unquote(head.slice(forAt).replace(/^\s+for\s+/i, '')) : null;
  if (brand === '') return null;
  return { brand, program: program || null, goal: goal ? squash(goal) : null };
}

export interface ProgramName {
  programId: string;
  name: string;
  channels: string[];
}

/** A program as typed: its id (`prg-02`), its exact name, or a name that contains what was typed. */
export function programIdFor(typed: string, programs: readonly ProgramName[]): string | null {
  const wanted = typed.trim().toLowerCase();
  const byId = programs.find((p) => p.programId.toLowerCase() === wanted);
  if (byId) return byId.programId;
  const byName =
    programs.find((p) => p.name.toLowerCase() === wanted) ??
    programs.find((p) => p.name.toLowerCase().includes(wanted) && wanted.length >= 3);
  return byName?.programId ?? null;
}

/** The modal's fields, pre-filled from a message: a brand it names, a program or a channel it mentions. */
export interface PitchPrefill {
  brand: string | null;
  program: ProgramName | null;
  goal: string | null;
}

const mentions = (text: string, name: string) =>
  new RegExp(`(^|[^\\w])${escapeRegExp(name)}(?![\\w])`, 'i').test(text);

export function prefillFromMessage(
  text: string,
  known: { brands: readonly string[]; programs: readonly ProgramName[]; channels: readonly string[] },
): PitchPrefill {
  // The longest brand named wins ("Harbourline Bank" over a shorter brand it contains).
  const brand = [...known.brands].sort((a, b) => b.length - a.length).find((b) => mentions(text, b)) ?? null;
  const program = known.programs.find((p) => mentions(text, p.programId) || mentions(text, p.name)) ?? null;
  const channel = program ? null : (known.channels.find((c) => mentions(text, c)) ?? null);
  return { brand, program, goal: channel ? `grow ${channel}` : null };
}

/** Up to `max` brands for the type-ahead: those containing the typed text, else the closest. */
export function brandChoices(typed: string, brands: readonly string[], max = 20): string[] {
  const wanted = typed.trim().toLowerCase();
  if (wanted === '') return brands.slice(0, max);
  const containing = brands.filter((b) => b.toLowerCase().includes(wanted));
  if (containing.length > 0) return containing.slice(0, max);
  const match = resolveBrand(typed, brands, 5);
  return match.kind === 'exact' ? [match.brand] : match.suggestions;
}
