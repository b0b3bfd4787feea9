/** The Usage Report's columns, with their exact export names and order (docs/report.md, "Columns"). */
export const REPORT_COLUMNS = [
  'team',
  'first_name',
  'last_name',
  'email',
  'product_name',
  'access_option',
  'group',
  'assigned_date',
  'unassigned_date',
  'seat_assignment',
  'user_activity',
  'days_used',
  'monthly_average',
  'last_accessed',
  'days_inactive',
  'tokens_used',
] as const;

export type ReportColumn = (typeof REPORT_COLUMNS)[number];

export const COLUMN_LABELS: Record<ReportColumn, string> = {
  team: 'Team',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  product_name: 'Product',
  access_option: 'Access option',
  group: 'Group',
  assigned_date: 'Assigned',
  unassigned_date: 'Unassigned',
  seat_assignment: 'Seat assignment',
  user_activity: 'User activity',
  days_used: 'Days used',
  monthly_average: 'Monthly average',
  last_accessed: 'Last accessed',
  days_inactive: 'Days inactive',
  tokens_used: 'Tokens used',
};

/** What each column means (docs/report.md, "Columns"), shown where the column is. */
export const COLUMN_HELP: Record<ReportColumn, string> = {
  team: 'The team the assignment or usage belongs to',
  first_name: 'First name (a pseudonym when personal data is off)',
  last_name: 'Last name (a pseudonym when personal data is off)',
  email: 'Email, or the hashed id of a pseudonymised export',
  product_name: 'The product assigned or used',
  access_option: 'Subscription (a seat) or Flex (tokens per day of use)',
  group: 'The group the product was assigned through, if any',
  assigned_date: 'When the product was assigned',
  unassigned_date: 'When it was unassigned, if it was',
  seat_assignment: 'Assigned if the assignment is current at the end of the range',
  user_activity:
    'Active: used in the range. Inactive: not used, though assigned all range. Not yet active: not used, assigned during the range. Flex rows are never Inactive',
  days_used: 'Distinct days in the range with any use',
  monthly_average: 'Days used per month of the range (30.4375 days), one decimal',
  last_accessed: 'The last day of use on or before the end of the range',
  days_inactive: 'Days from the last use (or the assignment, if never used) to the end of the range; empty for Flex',
  tokens_used: 'Flex tokens used in the range; 0 for subscriptions',
};

/**
 * What the table can show: the export columns and `name`, first and last name in one cell
 * (docs/report.md, "On screen"). Exports always write the export columns.
 */
export type DisplayColumn = ReportColumn | 'name';
export const DISPLAY_COLUMNS: readonly DisplayColumn[] = ['name', ...REPORT_COLUMNS];

/** The columns shown until someone chooses others: who, what, and whether they use it. */
export const DEFAULT_COLUMNS: readonly DisplayColumn[] = [
  'name',
  'email',
  'product_name',
  'access_option',
  'user_activity',
  'days_used',
  'last_accessed',
  'days_inactive',
];

export const DISPLAY_LABELS: Record<DisplayColumn, string> = { name: 'Name', ...COLUMN_LABELS };
export const DISPLAY_HELP: Record<DisplayColumn, string> = { name: 'First and last name; sorts by last name', ...COLUMN_HELP };

export function isDisplayColumn(v: string): v is DisplayColumn {
  return v === 'name' || isReportColumn(v);
}

export const DATE_COLUMNS: ReadonlySet<ReportColumn> = new Set(['assigned_date', 'unassigned_date', 'last_accessed']);
export const NUMBER_COLUMNS: ReadonlySet<ReportColumn> = new Set(['days_used', 'monthly_average', 'days_inactive', 'tokens_used']);

export function isReportColumn(v: string): v is ReportColumn {
  return (REPORT_COLUMNS as readonly string[]).includes(v);
}

/** One report row as shown and exported. Dates are ISO `YYYY-MM-DD` or ''. */
export interface ReportRow {
  /** Stable id of the row within the loaded workspace. */
  id: number;
  team: string;
  first_name: string;
  last_name: string;
  email: string;
  product_name: string;
  access_option: '' | 'Subscription' | 'Flex';
  group: string;
  assigned_date: string;
  unassigned_date: string;
  seat_assignment: 'Assigned' | 'Unassigned' | string;
  user_activity: '' | 'Active' | 'Inactive' | 'Not yet active' | string;
  days_used: number | null;
  monthly_average: number | null;
  last_accessed: string;
  days_inactive: number | null;
  tokens_used: number | null;
  /** How the assignment was made: direct, group, default, or '' (usage only). */
  method: '' | 'direct' | 'group' | 'default';
  /** Identifies the user to the engine: the workspace key, or the pseudonym when masked. */
  userRef: string;
  /** A queued change not yet applied for this row. */
  pending: '' | 'assign' | 'unassign';
  /** Why the row cannot be unassigned here; '' when it can (docs/report.md, "Unassigning from the report"). */
  lockReason: string;
}

/** Rows the table fetches at a time; the first page comes with each query. */
export const FIRST_ROWS = 100;
