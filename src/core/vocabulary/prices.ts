/**
 * The price table behind every amount (docs/recommendations.md, "The price
 * table"). Defaults are list prices in
 * US$ and vendor token rates, each marked as a default: the admin replaces them
 * with their own contract prices.
 */
export interface PriceTable {
  /** US$ per token. */
  tokenPrice: number;
  /** US$ a seat costs per year, by product or offering (collection). */
  seatPrice: Record<string, number>;
  /** Flex tokens charged per day of use, by product. */
  tokensPerDay: Record<string, number>;
  /** Used for products the table does not list. */
  defaultSeatPrice: number;
  defaultTokensPerDay: number;
  /** Entries the admin has set; all others are defaults. */
  edited: string[];
}

export const DEFAULT_PRICES: PriceTable = {
  tokenPrice: 3,
  seatPrice: {
    AutoCAD: 2_030,
    'AutoCAD LT': 595,
    Revit: 3_035,
    'Revit LT': 610,
    'Civil 3D': 2_810,
    '3ds Max': 1_975,
    Maya: 1_975,
    'Navisworks Manage': 2_800,
    'Inventor Professional': 2_625,
    Fusion: 680,
    'Vault Professional': 1_715,
    'AEC Collection': 3_675,
    'PD&M Collection': 3_425,
    'M&E Collection': 2_560,
  },
  tokensPerDay: {
    AutoCAD: 7,
    Revit: 10,
    '3ds Max': 6,
    'Navisworks Manage': 9,
    'Civil 3D': 10,
    Maya: 6,
    'Inventor Professional': 9,
    'AutoCAD LT': 3,
    Fusion: 5,
    'Vault Professional': 4,
  },
  defaultSeatPrice: 1_800,
  defaultTokensPerDay: 6,
  edited: [],
};

export function seatPriceOf(p: PriceTable, product: string): number {
  return p.seatPrice[product] ?? p.defaultSeatPrice;
}

export function tokensPerDayOf(p: PriceTable, product: string): number {
  return p.tokensPerDay[product] ?? p.defaultTokensPerDay;
}

export function isDefault(p: PriceTable, entry: string): boolean {
  return !p.edited.includes(entry);
}
