/**
 * Campaign name themes per industry, with the months a theme fits (empty = any month), so a
 * campaign starting in October is called "11.11 Mega Sale" rather than "Summer Drive".
 */
import type { Industry } from './value-sets.ts';

type Theme = [name: string, months: readonly number[]];

const ANY: readonly number[] = [];

export const THEMES: Record<Industry, readonly Theme[]> = {
  Automotive: [
    ['New Year Drive', [1]],
    ['Lunar New Year Road Trip', [1, 2]],
    ['Spring Test Drive Weekend', [3, 4]],
    ['Mid-Year Sales Event', [5, 6]],
    ['Summer Drive', [6, 7, 8]],
    ['Year-End Sales Event', [11, 12]],
    ['New Model Reveal', ANY],
    ['EV Switch', ANY],
    ['Service Clinic', ANY],
    ['Family SUV Days', ANY],
  ],
  'Beauty & Personal Care': [
    ['Valentine Glow', [1, 2]],
    ['Spring Skin Reset', [3, 4]],
    ["Mother's Day Gifting", [4, 5]],
    ['Summer Sun Care', [6, 7, 8]],
    ['9.9 Beauty Sale', [8, 9]],
    ['11.11 Beauty Deals', [10]],
    ['Holiday Gift Sets', [11, 12]],
    ['Hydration Hero', ANY],
    ['New Serum Launch', ANY],
    ['Clean Beauty Edit', ANY],
  ],
  'Consumer Electronics': [
    ['New Year Upgrade', [1]],
    ['Back to School Tech', [7, 8]],
    ['Flagship Launch', [9]],
    ['11.11 Tech Deals', [10]],
    ['Black Friday Tech', [11]],
    ['Holiday Gadget Guide', [11, 12]],
    ['Smart Home Week', ANY],
    ['Audio Week', ANY],
    ['Creator Laptop Series', ANY],
  ],
  'Financial Services': [
    ['New Year Savings Plan', [1, 2]],
    ['Tax Season Ready', [3, 4]],
    ['Travel Card Rewards', [5, 6, 7]],
    ['Year-End Bonus Invest', [11, 12]],
    ['Cashback Card Offer', ANY],
    ['Home Loan Season', ANY],
    ['Retirement Planning', ANY],
    ['Digital Wallet Switch', ANY],
  ],
  'Food & Beverage': [
    ['Lunar New Year Feast', [1, 2]],
    ['Festive Gift Boxes', [12, 1]],
    ['Summer Refresh', [5, 6, 7, 8]],
    ['Mid-Autumn Mooncake', [8, 9, 10]],
    ['Christmas Treats', [12]],
    ['Game Day Snacks', ANY],
    ['New Flavour Drop', ANY],
    ['Breakfast Club', ANY],
  ],
  Gaming: [
    ['Lunar New Year Event', [1, 2]],
    ['Spring Update', [3, 4]],
    ['Summer Esports Cup', [6, 7, 8]],
    ['Holiday Loot Event', [12]],
    ['New Season Pass', ANY],
    ['Anniversary Event', ANY],
    ['Closed Beta', ANY],
    ['Creator Showdown', ANY],
  ],
  'Retail & E-commerce': [
    ['New Year Sale', [1]],
    ['Lunar New Year Sale', [1, 2]],
    ['Spring Clearance', [3, 4]],
    ['Mid-Year Sale', [6, 7]],
    ['Back to School', [7, 8]],
    ['9.9 Super Sale', [8, 9]],
    ['10.10 Brand Day', [10]],
    ['11.11 Mega Sale', [10]],
    ['Black Friday Deals', [11]],
    ['12.12 Year-End Sale', [12]],
    ['Home Refresh', ANY],
    ['Free Shipping Week', ANY],
  ],
  'Travel & Hospitality': [
    ['Lunar New Year Getaways', [12, 1, 2]],
    ['Spring Escapes', [3, 4]],
    ['Summer Holidays', [5, 6, 7]],
    ['Early Bird Autumn Fares', [8, 9]],
    ['Year-End Holidays', [10, 11, 12]],
    ['Weekend Staycation', ANY],
    ['Island Hopper Fares', ANY],
    ['Business Class Upgrade', ANY],
  ],
};

/** Flights longer than this are evergreen programmes, never named after a festival. */
export const MAX_SEASONAL_FLIGHT_DAYS = 75;

/**
 * Themes that fit a flight: seasonal ones for its start month (short flights only), or any
 * evergreen theme.
 */
export function themesFor(industry: Industry, month: number, flightDays: number): readonly string[] {
  const all = THEMES[industry];
  const evergreen = all.filter(([, months]) => months.length === 0).map(([name]) => name);
  if (flightDays > MAX_SEASONAL_FLIGHT_DAYS) return evergreen;
  const seasonal = all.filter(([, months]) => months.includes(month)).map(([name]) => name);
  // Seasonal themes twice: a short campaign starting in a festive month usually is a festive campaign.
  return [...seasonal, ...seasonal, ...evergreen];
}
