/**
 * Advertising platforms a pitch never names (the house pitch style guide: no comparison with, and
 * no disparaging of, a named competitor). Kept in code rather than in the style guide so the
 * names do not pull that document into unrelated document searches.
 */
export const NAMED_COMPETITORS: readonly string[] = [
  'Google',
  'Meta',
  'Facebook',
  'Instagram',
  'TikTok',
  'Amazon Ads',
  'YouTube',
  'The Trade Desk',
  'LINE Ads',
  'Yahoo',
];
