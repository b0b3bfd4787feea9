/**
 * Where each export is found in Autodesk Account, what it brings to the
 * workspace, and which ones are enough to start (docs/import.md, "Where the
 * exports are"). Shown on the empty page and the Import page by one component.
 * Menu names follow Autodesk's help for admins; they move now and then.
 */
import type { Section } from './sections';

export interface ExportGuideEntry {
  section: Section;
  /** The export's name as an admin knows it. */
  name: string;
  /** Where it is in Autodesk Account (manage.autodesk.com). */
  where: string;
  /** What it adds in Seatwise. */
  unlocks: string;
}

export const EXPORT_GUIDE: readonly ExportGuideEntry[] = [
  {
    section: 'users',
    name: 'Users',
    where: 'User Management → By User, then Export (CSV).',
    unlocks: 'Who everyone is and which products each person is assigned, with the dates.',
  },
  {
    section: 'usage',
    name: 'Usage',
    where: 'Reporting → Seat Usage (By User), then Export; or Reporting → Usage Report, then Export with daily usage.',
    unlocks: 'Who used what on which day: active and inactive people, days used, last use.',
  },
  {
    section: 'subscriptions',
    name: 'Subscriptions',
    where: 'Billing and Orders → Subscriptions and Contracts, then Export; Reporting → Seat Usage also exports them.',
    unlocks: 'Seats bought per product, terms and renewal dates: utilisation and spare seats.',
  },
  {
    section: 'token_usage',
    name: 'Token usage',
    where: 'Reporting → Token Usage (Flex), then Export.',
    unlocks: 'Flex tokens spent per person, product and day: the Flex page, balance and forecast.',
  },
  {
    section: 'usage_report',
    name: 'Usage Report',
    where: 'Reporting → Usage Report, then Export; download it from Export History when it is ready.',
    unlocks: "The portal's own summary rows, shown as they are when no daily usage is imported.",
  },
  {
    section: 'groups',
    name: 'Groups',
    where: 'User Management → By Group, then Export.',
    unlocks: 'Which assignments were made through a group or a default, so you unassign in the right place.',
  },
];

/** The smallest sets of exports that answer the main questions, in the order an admin needs them. */
export const EXPORT_MINIMUM: readonly { question: string; exports: Section[] }[] = [
  { question: 'Who is inactive', exports: ['users', 'usage'] },
  { question: 'Seats used against seats bought', exports: ['users', 'usage', 'subscriptions'] },
  { question: 'Flex tokens', exports: ['token_usage'] },
];
