/**
 * The copy of the sample creatives: the six personas of the ad-copy pipeline, how each performs
 * by industry and channel (the structure a feedback loop can learn), and the short templates their
 * past headlines, bodies and calls to action were written from.
 */
import type { Channel, Industry, Objective } from './value-sets.ts';

export const PERSONAS = [
  'Material Enthusiast',
  'Sustainability Advocate',
  'Heritage Historian',
  'Functionality Reviewer',
  'Maker Advocate',
  'Visual Poet',
] as const;
export type Persona = (typeof PERSONAS)[number];

type PersonaFactors = Record<Persona, number>;

const f = (
  material: number,
  sustainability: number,
  heritage: number,
  functionality: number,
  maker: number,
  visual: number,
): PersonaFactors => ({
  'Material Enthusiast': material,
  'Sustainability Advocate': sustainability,
  'Heritage Historian': heritage,
  'Functionality Reviewer': functionality,
  'Maker Advocate': maker,
  'Visual Poet': visual,
});

/** CTR multiplier of a persona's creatives within a campaign, by industry (before the channel's). */
export const PERSONA_CTR: Record<Industry, PersonaFactors> = {
  Automotive: f(0.95, 1.05, 1.15, 1.25, 0.9, 1.0),
  'Beauty & Personal Care': f(1.2, 1.1, 0.85, 0.9, 0.95, 1.2),
  'Consumer Electronics': f(1.05, 0.9, 0.8, 1.3, 0.9, 1.0),
  'Financial Services': f(0.75, 0.95, 1.1, 1.3, 0.85, 0.8),
  'Food & Beverage': f(1.15, 1.0, 1.1, 0.8, 1.25, 1.05),
  Gaming: f(0.8, 0.75, 0.9, 1.0, 1.05, 1.3),
  'Retail & E-commerce': f(0.95, 1.0, 0.85, 1.15, 0.95, 1.1),
  'Travel & Hospitality': f(0.85, 1.05, 1.2, 0.9, 0.95, 1.3),
};

/** Visual storytelling wins where the picture leads; spec-led copy wins where people compare. */
export const PERSONA_CHANNEL_CTR: Partial<Record<Persona, Partial<Record<Channel, number>>>> = {
  'Visual Poet': { Social: 1.2, Display: 1.1, CTV: 1.15, 'Online Video': 1.1, Search: 0.8 },
  'Functionality Reviewer': { Search: 1.2, Social: 0.9, CTV: 0.9 },
  'Material Enthusiast': { Native: 1.15 },
  'Heritage Historian': { 'Online Video': 1.15, Search: 0.9 },
};

/** CVR multiplier on clicks: concrete, practical copy converts a little better everywhere. */
export const PERSONA_CVR: PersonaFactors = f(1.05, 1.0, 0.95, 1.15, 1.0, 0.9);

export function personaCtrFactor(persona: Persona, industry: Industry, channel: Channel): number {
  return PERSONA_CTR[industry][persona] * (PERSONA_CHANNEL_CTR[persona]?.[channel] ?? 1);
}

/** Short product words per industry, for the past headlines. */
export const PRODUCT_WORDS: Record<Industry, readonly string[]> = {
  Automotive: ['SUV', 'EV', 'sedan', 'hybrid', 'pickup'],
  'Beauty & Personal Care': ['serum', 'cleanser', 'sunscreen', 'lip tint', 'moisturiser'],
  'Consumer Electronics': ['earbuds', 'laptop', 'phone', 'smartwatch', 'speaker'],
  'Financial Services': ['card', 'savings plan', 'app', 'home loan', 'cover'],
  'Food & Beverage': ['tea', 'coffee', 'snack box', 'noodles', 'juice'],
  Gaming: ['RPG', 'season pass', 'racer', 'arena', 'quest'],
  'Retail & E-commerce': ['sale', 'tote', 'sneakers', 'homeware', 'deals'],
  'Travel & Hospitality': ['suite', 'getaway', 'resort', 'flight', 'spa stay'],
};

/** Headline templates per persona; `{p}` is the product word, `{b}` the brand. */
export const HEADLINES: Record<Persona, readonly string[]> = {
  'Material Enthusiast': ['Feel the {p} difference', 'Every detail of the {p}', '{b}: made to last'],
  'Sustainability Advocate': ['A kinder {p}', 'Better for you and the planet', '{b}, responsibly made'],
  'Heritage Historian': ['The {p} with a story', 'Decades of {b} craft', 'A classic {p}, renewed'],
  'Functionality Reviewer': ['The {p} that just works', 'Why people switch to {b}', 'Built for every day'],
  'Maker Advocate': ['Made by people who care', 'Meet the makers of {b}', 'Crafted {p}, by hand'],
  'Visual Poet': ['Light, colour, {p}', 'See it. Love it.', 'Your {p}, in a new light'],
};

export const BODIES: Record<Persona, readonly string[]> = {
  'Material Enthusiast': [
    'Chosen materials and a finish you can feel.',
    'Quality you notice from the first touch.',
  ],
  'Sustainability Advocate': [
    'Thoughtfully sourced and made to be kept.',
    'Less waste, more of what matters.',
  ],
  'Heritage Historian': ['A name people have trusted for years.', 'Tradition, refined for today.'],
  'Functionality Reviewer': ['Does what it says, every day.', 'Simple to use, easy to love.'],
  'Maker Advocate': ['Made with care by a team that loves it.', 'Real people, real craft.'],
  'Visual Poet': ['Colour and light, made for your day.', 'A little beauty in every moment.'],
};

const CTAS: Record<Objective, readonly string[]> = {
  awareness: ['Learn more', 'Discover more'],
  consideration: ['See more', 'Explore now'],
  conversion: ['Shop now', 'Get started', 'Book now', 'Sign up'],
};

export function ctasFor(objective: Objective): readonly string[] {
  return CTAS[objective];
}

export const IMAGE_SETTINGS = ['studio', 'lifestyle', 'outdoor', 'close-up', 'flat lay'] as const;
export const IMAGE_COLOURS = ['white', 'pastel', 'dark', 'warm', 'vivid', 'neutral'] as const;

/** Headline length limits per channel (the ad-copy contract; channels it does not name get 40). */
export function headlineLimit(channel: Channel): number {
  return channel === 'Search' || channel === 'Display' ? 30 : 40;
}
