/**
 * Advertising partner programs (rebates and bonus impressions) that pitches and reports can
 * recommend. `eligible_industries` and `channels` are comma-separated lists (", "), and the
 * percentages are percentage points: rebate_pct 5 means a 5 % rebate on qualifying spend.
 */
import type { Channel, Industry } from './value-sets.ts';
import { INDUSTRIES } from './value-sets.ts';

export interface Program {
  programId: string;
  name: string;
  summary: string;
  eligibleIndustries: readonly Industry[];
  minQuarterlySpendUsd: number;
  rebatePct: number;
  bonusImpressionsPct: number;
  channels: readonly Channel[];
  starts: string;
  ends: string;
  terms: string;
}

export const PROGRAMS: readonly Program[] = [
  {
    programId: 'PRG-01',
    name: 'Search Performance Rebate',
    summary: 'A flat rebate on Search spend for advertisers who keep a steady quarterly Search investment.',
    eligibleIndustries: INDUSTRIES,
    minQuarterlySpendUsd: 25_000,
    rebatePct: 5,
    bonusImpressionsPct: 0,
    channels: ['Search'],
    starts: '2024-01-01',
    ends: '2025-12-31',
    terms:
      'Rebate of 5% on Search spend in a calendar quarter once that quarter reaches USD 25,000. Paid as media credit within 45 days after quarter end. Credits expire after two quarters.',
  },
  {
    programId: 'PRG-02',
    name: 'CTV Growth Accelerator',
    summary: 'Rebate plus bonus impressions for brands building Connected TV reach in 2025.',
    eligibleIndustries: [
      'Automotive',
      'Consumer Electronics',
      'Financial Services',
      'Gaming',
      'Travel & Hospitality',
    ],
    minQuarterlySpendUsd: 50_000,
    rebatePct: 8,
    bonusImpressionsPct: 10,
    channels: ['CTV'],
    starts: '2025-01-01',
    ends: '2025-12-31',
    terms:
      'Applies to CTV spend only. 8% rebate and 10% bonus impressions on quarters with at least USD 50,000 of CTV spend. Bonus impressions are delivered on the same CTV line items within the quarter. Not combinable with Video First Bonus.',
  },
  {
    programId: 'PRG-03',
    name: 'Mega Sale Days Booster 2024',
    summary:
      'Bonus impressions for shopping-festival campaigns around 11.11, Black Friday and 12.12 in 2024.',
    eligibleIndustries: ['Retail & E-commerce', 'Beauty & Personal Care', 'Consumer Electronics'],
    minQuarterlySpendUsd: 40_000,
    rebatePct: 4,
    bonusImpressionsPct: 10,
    channels: ['Display', 'Social', 'Search', 'Native'],
    starts: '2024-10-01',
    ends: '2024-12-31',
    terms:
      'Q4 2024 only. 4% rebate and 10% bonus impressions when Q4 spend on eligible channels reaches USD 40,000. Campaigns must run at least 7 days before the sale day.',
  },
  {
    programId: 'PRG-04',
    name: 'Mega Sale Days Booster 2025',
    summary: 'The 2025 edition of the shopping-festival booster, with a larger bonus for 11.11 and 12.12.',
    eligibleIndustries: ['Retail & E-commerce', 'Beauty & Personal Care', 'Consumer Electronics'],
    minQuarterlySpendUsd: 40_000,
    rebatePct: 6,
    bonusImpressionsPct: 15,
    channels: ['Display', 'Social', 'Search', 'Native'],
    starts: '2025-10-01',
    ends: '2025-12-31',
    terms:
      'Q4 2025 only. 6% rebate and 15% bonus impressions when Q4 spend on eligible channels reaches USD 40,000. Campaigns must run at least 7 days before the sale day. Combinable with Search Performance Rebate on Search spend.',
  },
  {
    programId: 'PRG-05',
    name: 'Lunar New Year Festive Pack',
    summary: 'Bonus impressions for festive campaigns in the weeks before Lunar New Year 2025.',
    eligibleIndustries: ['Food & Beverage', 'Travel & Hospitality', 'Retail & E-commerce'],
    minQuarterlySpendUsd: 20_000,
    rebatePct: 4,
    bonusImpressionsPct: 20,
    channels: ['Social', 'Online Video', 'Display'],
    starts: '2024-12-15',
    ends: '2025-02-28',
    terms:
      '20% bonus impressions and a 4% rebate on eligible spend between 2024-12-15 and 2025-02-28 once it reaches USD 20,000. Creatives must be approved 10 business days before flight.',
  },
  {
    programId: 'PRG-06',
    name: 'Video First Bonus',
    summary: 'Bonus impressions for advertisers shifting budget into Online Video and CTV.',
    eligibleIndustries: INDUSTRIES.filter((i) => i !== 'Financial Services'),
    minQuarterlySpendUsd: 30_000,
    rebatePct: 0,
    bonusImpressionsPct: 25,
    channels: ['Online Video', 'CTV'],
    starts: '2024-07-01',
    ends: '2025-06-30',
    terms:
      '25% bonus impressions on Online Video and CTV when a quarter reaches USD 30,000 on those channels. No rebate. Not combinable with CTV Growth Accelerator.',
  },
  {
    programId: 'PRG-07',
    name: 'SMB Starter Credit',
    summary: 'A generous rebate for small advertisers starting with self-serve Social, Search and Display.',
    eligibleIndustries: INDUSTRIES,
    minQuarterlySpendUsd: 5_000,
    rebatePct: 10,
    bonusImpressionsPct: 0,
    channels: ['Social', 'Search', 'Display'],
    starts: '2024-01-01',
    ends: '2025-12-31',
    terms:
      'Advertisers in the smb tier only. 10% rebate, capped at USD 2,000 per quarter, on quarters with at least USD 5,000 of spend on eligible channels.',
  },
  {
    programId: 'PRG-08',
    name: 'Game Launch Amplifier',
    summary: 'Launch support for new game titles: rebate and bonus reach on Social, Online Video and CTV.',
    eligibleIndustries: ['Gaming'],
    minQuarterlySpendUsd: 75_000,
    rebatePct: 7,
    bonusImpressionsPct: 20,
    channels: ['Social', 'Online Video', 'CTV'],
    starts: '2025-04-01',
    ends: '2025-12-31',
    terms:
      'For campaigns promoting a title launched within the program period. 7% rebate and 20% bonus impressions on quarters with at least USD 75,000 on eligible channels. One title per advertiser per quarter.',
  },
  {
    programId: 'PRG-09',
    name: 'Vietnam Market Entry Incentive',
    summary: 'A rebate on spend delivered in Vietnam, the fastest-growing market in the network.',
    eligibleIndustries: INDUSTRIES,
    minQuarterlySpendUsd: 10_000,
    rebatePct: 12,
    bonusImpressionsPct: 5,
    channels: ['Display', 'Online Video', 'Social', 'Search', 'Native'],
    starts: '2025-01-01',
    ends: '2025-12-31',
    terms:
      'Applies to spend delivered in Vietnam only. 12% rebate and 5% bonus impressions on quarters with at least USD 10,000 of Vietnam spend. Advertisers must not have run in Vietnam in the previous two quarters.',
  },
  {
    programId: 'PRG-10',
    name: 'Trusted Finance Publisher Program',
    summary:
      'Brand-safe Native, Search and Display placements with compliance pre-review for financial brands.',
    eligibleIndustries: ['Financial Services'],
    minQuarterlySpendUsd: 35_000,
    rebatePct: 3,
    bonusImpressionsPct: 5,
    channels: ['Native', 'Search', 'Display'],
    starts: '2024-04-01',
    ends: '2025-12-31',
    terms:
      'Creatives pass a compliance pre-review within 3 business days. 3% rebate and 5% bonus impressions on quarters with at least USD 35,000 on eligible channels.',
  },
  {
    programId: 'PRG-11',
    name: 'Auto Year-End Showroom Push',
    summary: 'Bonus reach for automotive year-end sales events on video and CTV.',
    eligibleIndustries: ['Automotive'],
    minQuarterlySpendUsd: 60_000,
    rebatePct: 5,
    bonusImpressionsPct: 12,
    channels: ['Online Video', 'CTV', 'Display', 'Social'],
    starts: '2025-10-01',
    ends: '2025-12-31',
    terms:
      '5% rebate and 12% bonus impressions on Q4 2025 spend on eligible channels once it reaches USD 60,000. Requires a dealer-locator or test-drive landing page.',
  },
  {
    programId: 'PRG-12',
    name: 'Display Reactivation Offer',
    summary: 'Bonus impressions to bring lapsed Display and Native budgets back in the second half of 2025.',
    eligibleIndustries: INDUSTRIES,
    minQuarterlySpendUsd: 15_000,
    rebatePct: 6,
    bonusImpressionsPct: 30,
    channels: ['Display', 'Native'],
    starts: '2025-07-01',
    ends: '2025-12-31',
    terms:
      '30% bonus impressions and a 6% rebate on Display and Native spend for quarters reaching USD 15,000. Advertisers whose Display spend fell by at least 25% year over year qualify first.',
  },
];

/** Comma-separated list as stored in the warehouse. */
export function joinList(values: readonly string[]): string {
  return values.join(', ');
}
