/**
 * The brand catalog: 80 fictional advertisers, ten per industry. Names are invented for the
 * sample warehouse and are not meant to refer to real companies. Several brands share an
 * advertiser (a holding group), as in real account structures.
 */
import { INDUSTRIES, type Industry, type Market, type Tier } from './value-sets.ts';

export interface Brand {
  brand: string;
  advertiser: string;
  industry: Industry;
  homeMarket: Market;
  tier: Tier;
}

type BrandRow = [brand: string, advertiser: string, homeMarket: Market, tier: Tier];

const BY_INDUSTRY: Record<Industry, BrandRow[]> = {
  Automotive: [
    ['Zentro Motors', 'Zentro Group Holdings', 'Japan', 'enterprise'],
    ['Kaimura Auto', 'Kaimura Industries', 'Japan', 'enterprise'],
    ['Velora EV', 'Velora Mobility Co.', 'Taiwan', 'mid-market'],
    ['Sundara Motors', 'Sundara Automotive Bhd', 'Malaysia', 'mid-market'],
    ['Orvant Trucks', 'Zentro Group Holdings', 'Japan', 'mid-market'],
    ['Lumaq Scooters', 'Lumaq Mobility JSC', 'Vietnam', 'smb'],
    ['Pacifica Drive', 'Pacifica Auto Distributors', 'Philippines', 'mid-market'],
    ['Hanwell Motors', 'Hanwell Automotive Ltd', 'Hong Kong', 'smb'],
    ['Narathip Autoworks', 'Narathip Auto Group', 'Thailand', 'mid-market'],
    ['Tessaro EV', 'Tessaro Technologies Pte Ltd', 'Singapore', 'smb'],
  ],
  'Beauty & Personal Care': [
    ['Aurelia Skin', 'Aurelia Beauty Group', 'Japan', 'enterprise'],
    ['Petalune', 'Aurelia Beauty Group', 'Taiwan', 'mid-market'],
    ['Yumeko Beauty', 'Yumeko Cosmetics KK', 'Japan', 'enterprise'],
    ['Koraline Cosmetics', 'Koraline Ltd', 'Hong Kong', 'mid-market'],
    ['Suri Glow', 'Suri Naturals Sdn Bhd', 'Malaysia', 'smb'],
    ['Mistral Dew', 'Mistral Personal Care Pte Ltd', 'Singapore', 'mid-market'],
    ['Lotusveil', 'Lotusveil Co.', 'Vietnam', 'smb'],
    ['Maharlika Care', 'Maharlika Consumer Goods', 'Philippines', 'mid-market'],
    ['Pureva Haircare', 'Aurelia Beauty Group', 'Thailand', 'mid-market'],
    ['Velvetine', 'Velvetine Cosmetics', 'Taiwan', 'smb'],
  ],
  'Consumer Electronics': [
    ['Voltaris', 'Voltaris Electronics', 'Taiwan', 'enterprise'],
    ['Kiyora Devices', 'Kiyora Electric KK', 'Japan', 'enterprise'],
    ['Pixelmoor', 'Pixelmoor Inc.', 'Singapore', 'mid-market'],
    ['Auralink Audio', 'Auralink Ltd', 'Hong Kong', 'mid-market'],
    ['Tern Mobile', 'Voltaris Electronics', 'Taiwan', 'mid-market'],
    ['Brightwave Appliances', 'Brightwave Home Sdn Bhd', 'Malaysia', 'smb'],
    ['Lumenix Displays', 'Kiyora Electric KK', 'Japan', 'mid-market'],
    ['Sorawear', 'Sora Tech Co.', 'Vietnam', 'smb'],
    ['Halcyon Laptops', 'Halcyon Computing', 'Taiwan', 'mid-market'],
    ['Nimbusnest Smart Home', 'Nimbusnest Pte Ltd', 'Singapore', 'smb'],
  ],
  'Financial Services': [
    ['Harbourline Bank', 'Harbourline Financial Group', 'Hong Kong', 'enterprise'],
    ['Jadepoint Insurance', 'Jadepoint Holdings', 'Taiwan', 'enterprise'],
    ['Mizuna Securities', 'Mizuna Financial', 'Japan', 'enterprise'],
    ['Kinetic Pay', 'Kinetic Pay Pte Ltd', 'Singapore', 'mid-market'],
    ['Banyan Credit', 'Banyan Credit Bhd', 'Malaysia', 'mid-market'],
    ['Tamarind Wallet', 'Tamarind Fintech Inc.', 'Philippines', 'smb'],
    ['Sapphira Card', 'Harbourline Financial Group', 'Hong Kong', 'mid-market'],
    ['Rakkan Life', 'Rakkan Life Assurance', 'Thailand', 'mid-market'],
    ['Bachmai Finance', 'Bachmai Consumer Finance', 'Vietnam', 'mid-market'],
    ['Tollgate Invest', 'Tollgate Digital Brokerage', 'Singapore', 'smb'],
  ],
  'Food & Beverage': [
    ['Golden Wok Noodles', 'Golden Wok Foods', 'Taiwan', 'mid-market'],
    ['Mangora Juices', 'Mangora Beverages', 'Thailand', 'mid-market'],
    ['Kopi Kita', 'Kopi Kita Sdn Bhd', 'Malaysia', 'smb'],
    ['Harvest Pearl Tea', 'Pearlmont F&B', 'Taiwan', 'mid-market'],
    ['Umami Bay Snacks', 'Umami Bay Foods KK', 'Japan', 'enterprise'],
    ['Fizzwell Sodas', 'Fizzwell Beverages', 'Philippines', 'enterprise'],
    ['Redlantern Brewery', 'Redlantern Brewing Co.', 'Hong Kong', 'mid-market'],
    ['Saffron Spoon Kitchens', 'Saffron Spoon Group', 'Singapore', 'smb'],
    ['Lotus Meadow Dairy', 'Lotus Meadow JSC', 'Vietnam', 'mid-market'],
    ['Crispin Chips', 'Umami Bay Foods KK', 'Japan', 'mid-market'],
  ],
  Gaming: [
    ['Nebula Forge', 'Nebula Forge Interactive', 'Singapore', 'mid-market'],
    ['Pixel Tide Games', 'Pixel Tide Co.', 'Taiwan', 'mid-market'],
    ['Ronin Arcade', 'Ronin Arcade KK', 'Japan', 'enterprise'],
    ['Kraken Byte', 'Kraken Byte Studios', 'Vietnam', 'smb'],
    ['Jadeflame Games', 'Jadeflame Entertainment', 'Hong Kong', 'mid-market'],
    ['Monsoon Mobile', 'Monsoon Games Sdn Bhd', 'Malaysia', 'smb'],
    ['Bayani Games', 'Bayani Interactive', 'Philippines', 'smb'],
    ['Tidecaller Studios', 'Tidecaller Studios Co.', 'Thailand', 'smb'],
    ['Hoshizora Games', 'Hoshizora Interactive KK', 'Japan', 'enterprise'],
    ['Quillfeather Games', 'Quillfeather Ltd', 'Singapore', 'smb'],
  ],
  'Retail & E-commerce': [
    ['Lumina Mart', 'Lumina Retail Group', 'Singapore', 'enterprise'],
    ['Bazaarly', 'Bazaarly Pte Ltd', 'Singapore', 'enterprise'],
    ['Kedai Pintar', 'Kedai Pintar Sdn Bhd', 'Malaysia', 'mid-market'],
    ['Tokomura Department Store', 'Tokomura Holdings', 'Japan', 'enterprise'],
    ['Parcelpop', 'Parcelpop Inc.', 'Philippines', 'mid-market'],
    ['Jadeite Home Living', 'Jadeite Retail', 'Taiwan', 'mid-market'],
    ['Mekong Mall Online', 'Mekong Digital Commerce', 'Vietnam', 'mid-market'],
    ['Harbour Cove Outlet', 'Harbour Cove Retail', 'Hong Kong', 'smb'],
    ['Sawasdee Shop', 'Sawasdee Commerce Co.', 'Thailand', 'smb'],
    ['Trendmint Fashion', 'Trendmint Apparel', 'Singapore', 'smb'],
  ],
  'Travel & Hospitality': [
    ['Skyharbor Airways', 'Skyharbor Aviation', 'Hong Kong', 'enterprise'],
    ['Orchid Crown Hotels', 'Orchid Crown Hospitality', 'Thailand', 'enterprise'],
    ['Bluewake Cruises', 'Bluewake Leisure', 'Singapore', 'mid-market'],
    ['Islandhop Air', 'Islandhop Aviation Corp', 'Philippines', 'mid-market'],
    ['TripLantern', 'TripLantern Pte Ltd', 'Singapore', 'mid-market'],
    ['Ryokan Route', 'Ryokan Route KK', 'Japan', 'smb'],
    ['Halong Horizon Resorts', 'Halong Horizon JSC', 'Vietnam', 'smb'],
    ['Taroko Trails Travel', 'Taroko Trails Co.', 'Taiwan', 'smb'],
    ['Borneo Breeze Resorts', 'Borneo Breeze Hospitality', 'Malaysia', 'smb'],
    ['Wanderly Stays', 'Wanderly Inc.', 'Japan', 'mid-market'],
  ],
};

export const BRANDS: readonly Brand[] = INDUSTRIES.flatMap((industry) =>
  BY_INDUSTRY[industry].map(([brand, advertiser, homeMarket, tier]) => ({
    brand,
    advertiser,
    industry,
    homeMarket,
    tier,
  })),
);

export function brandByName(name: string): Brand {
  const found = BRANDS.find((b) => b.brand === name);
  if (!found) throw new Error(`unknown brand: ${name}`);
  return found;
}
