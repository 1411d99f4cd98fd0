/**
 * Planted creatives: a few clear winners and losers the ad-copy pipeline's similar-creatives
 * ranking and the persona feedback loop should find. Each replaces the brand's first creative on
 * that channel (its first campaign there), with the persona forced and its CTR multiplied.
 * Documented in data/README.md.
 */
import type { Persona } from './creative-copy.ts';
import type { Channel } from './value-sets.ts';

export interface PlantedCreative {
  label: string;
  brand: string;
  channel: Channel;
  persona: Persona;
  /** Multiplies the creative's CTR factor (above 1: a winner, below: a loser). */
  ctrFactor: number;
}

export const PLANTED_CREATIVES: readonly PlantedCreative[] = [
  { label: 'winner', brand: 'Aurelia Skin', channel: 'Social', persona: 'Visual Poet', ctrFactor: 1.9 },
  {
    label: 'winner',
    brand: 'Harbourline Bank',
    channel: 'Search',
    persona: 'Functionality Reviewer',
    ctrFactor: 1.7,
  },
  {
    label: 'loser',
    brand: 'Nebula Forge',
    channel: 'Display',
    persona: 'Sustainability Advocate',
    ctrFactor: 0.45,
  },
  {
    label: 'loser',
    brand: 'Orchid Crown Hotels',
    channel: 'Social',
    persona: 'Material Enthusiast',
    ctrFactor: 0.5,
  },
];
