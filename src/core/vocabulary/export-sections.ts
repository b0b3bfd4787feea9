/**
 * The sections the Export page offers and the names it shows for them
 * (docs/formats.md). What each section holds is written by
 * src/core/export/workspace-export.ts.
 */
export const EXPORT_SECTIONS = ['subscriptions', 'users', 'usage', 'seat-usage', 'flex-months'] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

export const SECTION_NAMES: Record<ExportSection, string> = {
  subscriptions: 'Subscriptions',
  users: 'Users',
  usage: 'Usage',
  'seat-usage': 'Seat usage by product',
  'flex-months': 'Flex tokens by month',
};
