/**
 * Advertising measures the warehouse does not hold. Asked for, they stop the answer with a
 * clarification naming the term: read as a nearby word ("lift" as a change, "brand" as the
 * dimension) they would answer a different question with a confident number.
 */
const unmeasured = [
  'brand lift',
  'sales lift',
  'conversion lift',
  'search lift',
  'lift study',
  'lift studies',
  'incremental lift',
  'incrementality',
  'brand awareness lift',
  'ad recall',
  'brand recall',
  'recall lift',
  'brand sentiment',
  'sentiment',
  'brand health',
  'brand safety',
  'favorability',
  'favourability',
  'purchase intent',
  'share of voice',
  'sov',
  'reach',
  'unique reach',
  'unique users',
  'uniques',
  'frequency',
  'avg frequency',
  'viewability',
  'viewable impressions',
  'viewable rate',
  'engagement',
  'engagement rate',
  'engagements',
  'bounce rate',
  'dwell time',
  'time on site',
  'watch time',
  'completion rate',
  'vcr',
  'video completion rate',
  'lifetime value',
  'ltv',
  'clv',
  'retention',
  'churn',
  'nps',
  'net promoter score',
  'attribution',
  'invalid traffic',
  'ivt',
  'fraud',
  'bot traffic',
  'installs',
  'app installs',
  'downloads',
  'followers',
  'sessions',
  'page views',
  'pageviews',
];

const patterns = unmeasured
  .sort((a, b) => b.length - a.length)
  .map((term) => ({ term, pattern: new RegExp(`\\b${term}\\b`) }));

/**
 * The first measure in the (normalised) question that the data does not hold, or null. A term
 * whose every word the model knows (a brand called "Reach Media") is the model's, not this list's.
 */
export function findUnmeasured(normalized: string, known: (word: string) => boolean): string | null {
  for (const { term, pattern } of patterns) {
    if (!pattern.test(normalized)) continue;
    if (term.split(' ').every(known)) continue;
    return term;
  }
  return null;
}

/**
 * Figures of other parties: the warehouse holds the campaigns run with us, so "what CPMs are our
 * competitors paying" has no answer in it; read without this word it would answer with our own.
 */
const othersData =
  /\b(?:competitors?|competition|competitive set|comp set|rivals?|other agenc(?:y|ies)|other platforms?|other networks?|other publishers?)\b/;

/** The phrase naming another party's figures, or null. */
export function findOthersData(normalized: string): string | null {
  return othersData.exec(normalized)?.[0] ?? null;
}
