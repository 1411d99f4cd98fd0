/** The six ad-copy personas (after the Handmade.com case study), each a versioned prompt in prompts/. */
export const PERSONAS = [
  { name: 'Material Enthusiast', promptId: 'adcopy-persona-material-enthusiast' },
  { name: 'Sustainability Advocate', promptId: 'adcopy-persona-sustainability-advocate' },
  { name: 'Heritage Historian', promptId: 'adcopy-persona-heritage-historian' },
  { name: 'Functionality Reviewer', promptId: 'adcopy-persona-functionality-reviewer' },
  { name: 'Maker Advocate', promptId: 'adcopy-persona-maker-advocate' },
  { name: 'Visual Poet', promptId: 'adcopy-persona-visual-poet' },
] as const;
