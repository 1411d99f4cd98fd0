/**
 * Performance levels: what a dollar buys (CPM), how often people click (CTR), convert (CVR) and
 * watch (VTR), and what a conversion is worth (AOV). Each rate is a product of a base and
 * multipliers by industry, channel, device, market and objective, so reports find distinct
 * levels along every dimension.
 */
import type { Channel, Device, Industry, Market, Objective } from './value-sets.ts';

/** USD per 1,000 impressions. Search is sold per click, so its effective CPM is high. */
export const CPM_BY_CHANNEL: Record<Channel, number> = {
  Display: 2.6,
  Native: 3.6,
  Social: 4.6,
  'Online Video': 9,
  CTV: 19,
  Search: 24,
};

export const CPM_BY_MARKET: Record<Market, number> = {
  Japan: 1.5,
  Singapore: 1.35,
  'Hong Kong': 1.3,
  Taiwan: 1.0,
  Malaysia: 0.8,
  Thailand: 0.78,
  Philippines: 0.7,
  Vietnam: 0.65,
};

export const CPM_BY_DEVICE: Record<Device, number> = {
  Mobile: 0.95,
  Desktop: 1.15,
  Tablet: 0.9,
  'Connected TV': 1.0,
};

export const CPM_BY_INDUSTRY: Record<Industry, number> = {
  Automotive: 1.1,
  'Beauty & Personal Care': 1.0,
  'Consumer Electronics': 1.0,
  'Financial Services': 1.25,
  'Food & Beverage': 0.9,
  Gaming: 0.9,
  'Retail & E-commerce': 1.0,
  'Travel & Hospitality': 1.05,
};

/** Clicks per impression: Search highest, then Social; Display and CTV lowest. */
export const CTR_BY_CHANNEL: Record<Channel, number> = {
  Display: 0.0022,
  Native: 0.004,
  'Online Video': 0.0055,
  Social: 0.014,
  Search: 0.045,
  CTV: 0.0012,
};

export const CTR_BY_INDUSTRY: Record<Industry, number> = {
  Automotive: 0.85,
  'Beauty & Personal Care': 1.1,
  'Consumer Electronics': 0.95,
  'Financial Services': 0.75,
  'Food & Beverage': 1.05,
  Gaming: 1.25,
  'Retail & E-commerce': 1.15,
  'Travel & Hospitality': 1.0,
};

export const CTR_BY_DEVICE: Record<Device, number> = {
  Mobile: 1.1,
  Desktop: 0.85,
  Tablet: 1.0,
  'Connected TV': 1.0,
};

export const CTR_BY_OBJECTIVE: Record<Objective, number> = {
  awareness: 0.85,
  consideration: 1.0,
  conversion: 1.15,
};

/** Conversions per click. */
export const CVR_BY_INDUSTRY: Record<Industry, number> = {
  Automotive: 0.007,
  'Beauty & Personal Care': 0.028,
  'Consumer Electronics': 0.014,
  'Financial Services': 0.018,
  'Food & Beverage': 0.022,
  Gaming: 0.045,
  'Retail & E-commerce': 0.032,
  'Travel & Hospitality': 0.011,
};

export const CVR_BY_CHANNEL: Record<Channel, number> = {
  Search: 1.5,
  Social: 0.9,
  Native: 0.8,
  Display: 0.7,
  'Online Video': 0.65,
  CTV: 0.6,
};

export const CVR_BY_DEVICE: Record<Device, number> = {
  Mobile: 0.9,
  Desktop: 1.2,
  Tablet: 1.0,
  'Connected TV': 0.5,
};

export const CVR_BY_OBJECTIVE: Record<Objective, number> = {
  awareness: 0.7,
  consideration: 1.0,
  conversion: 1.3,
};

/** Average value of one conversion (order, lead, install, booking) in USD. */
export const AOV_BY_INDUSTRY: Record<Industry, number> = {
  Automotive: 300,
  'Beauty & Personal Care': 48,
  'Consumer Electronics': 150,
  'Financial Services': 130,
  'Food & Beverage': 34,
  Gaming: 16,
  'Retail & E-commerce': 45,
  'Travel & Hospitality': 220,
};

export const AOV_BY_MARKET: Record<Market, number> = {
  Japan: 1.3,
  Singapore: 1.25,
  'Hong Kong': 1.2,
  Taiwan: 1.0,
  Malaysia: 0.8,
  Thailand: 0.75,
  Philippines: 0.7,
  Vietnam: 0.6,
};

/** Video views per impression. Search carries no video at all. */
export const VTR_BY_CHANNEL: Record<Channel, number> = {
  CTV: 0.86,
  'Online Video': 0.33,
  Social: 0.11,
  Native: 0.02,
  Display: 0.012,
  Search: 0,
};

/** Typical device mix of spend within a channel. */
export const DEVICE_SHARE: Record<Channel, Partial<Record<Device, number>>> = {
  Display: { Mobile: 0.6, Desktop: 0.3, Tablet: 0.1 },
  'Online Video': { Mobile: 0.65, Desktop: 0.25, Tablet: 0.1 },
  Social: { Mobile: 0.85, Desktop: 0.1, Tablet: 0.05 },
  Search: { Mobile: 0.6, Desktop: 0.35, Tablet: 0.05 },
  Native: { Mobile: 0.7, Desktop: 0.22, Tablet: 0.08 },
  CTV: { 'Connected TV': 1 },
};

/** Relative size of each market's ad spend. */
export const MARKET_SIZE: Record<Market, number> = {
  Japan: 1.4,
  Taiwan: 1.0,
  'Hong Kong': 0.8,
  Singapore: 0.8,
  Thailand: 0.9,
  Malaysia: 0.7,
  Philippines: 0.8,
  Vietnam: 0.6,
};
