import {
  brandChoices,
  type PitchPrefill,
  prefillFromMessage,
  programIdFor,
} from '../../domain/pitch/pitch-command.ts';
import { readBrands } from './account-profile.ts';
import type { PitchDeps } from './pitch-deps.ts';
import { readPrograms } from './program-fit.ts';

/** The brands the modal's type-ahead offers for what was typed (the brands table). */
export async function pitchBrandOptions(deps: PitchDeps, typed: string): Promise<string[]> {
  const brands = await readBrands(deps);
  return brandChoices(
    typed,
    brands.map((b) => b.brand),
  );
}

/** The programs the modal offers, by id or name. */
export async function pitchProgramOptions(
  deps: PitchDeps,
  typed: string,
): Promise<{ programId: string; name: string }[]> {
  const wanted = typed.trim().toLowerCase();
  const programs = await readPrograms(deps);
  return programs
    .filter((p) => wanted === '' || `${p.programId} ${p.name}`.toLowerCase().includes(wanted))
    .map((p) => ({ programId: p.programId, name: p.name }));
}

/** What the message shortcut's modal starts with: the brand, program or channel the message names. */
export async function pitchPrefill(deps: PitchDeps, messageText: string): Promise<PitchPrefill> {
  const [brands, programs] = await Promise.all([readBrands(deps), readPrograms(deps)]);
  return prefillFromMessage(messageText, {
    brands: brands.map((b) => b.brand),
    programs,
    channels: deps.semanticModel.values.get('channel') ?? [],
  });
}

/** A program named in `/pitch … for <program>`: its id, or what was typed (the pipeline then says it is unknown). */
export async function programIdOf(deps: PitchDeps, typed: string | null): Promise<string | null> {
  if (!typed) return null;
  if (/^PRG-\d{2}$/i.test(typed.trim())) return typed.trim().toUpperCase();
  return programIdFor(typed, await readPrograms(deps)) ?? typed;
}
