/**
 * The kinds of export the import recognises and the fields it reads, with the
 * words the product shows for them (docs/formats.md). Recognition itself lives
 * in src/core/import/headers.ts.
 */

export type Field =
  | 'team'
  | 'email'
  | 'hashed_autodesk_id'
  | 'first_name'
  | 'last_name'
  | 'autodesk_id'
  | 'role'
  | 'product_name'
  | 'offering_name'
  | 'version'
  | 'feature'
  | 'access_option'
  | 'assigned_date'
  | 'unassigned_date'
  | 'group'
  | 'group_type'
  | 'day_used'
  | 'tokens_used'
  | 'subscription_id'
  | 'seat_quantity'
  | 'start_date'
  | 'end_date'
  | 'autorenew_date'
  | 'term'
  | 'contract_number'
  | 'subscription_status'
  | 'plan'
  | 'seat_assignment'
  | 'user_activity'
  | 'days_used'
  | 'monthly_average'
  | 'last_accessed'
  | 'days_inactive';

export type Section = 'subscriptions' | 'users' | 'groups' | 'usage' | 'token_usage' | 'usage_report';

export const SECTION_LABELS: Record<Section, string> = {
  subscriptions: 'Subscriptions',
  users: 'Users (assignments)',
  groups: 'Groups',
  usage: 'Usage (daily)',
  token_usage: 'Token usage',
  usage_report: 'Usage Report (snapshot)',
};

/** How the mapping step names each field. */
export const FIELD_LABELS: Record<Field, string> = {
  team: 'Team',
  email: 'Email',
  hashed_autodesk_id: 'Hashed user ID',
  first_name: 'First name',
  last_name: 'Last name',
  autodesk_id: 'Autodesk ID',
  role: 'Role',
  product_name: 'Product',
  offering_name: 'Offering (collection)',
  version: 'Version',
  feature: 'Feature',
  access_option: 'Access option',
  assigned_date: 'Assigned date',
  unassigned_date: 'Unassigned date',
  group: 'Group',
  group_type: 'Group type',
  day_used: 'Day used',
  tokens_used: 'Tokens used',
  subscription_id: 'Subscription ID',
  seat_quantity: 'Seats',
  start_date: 'Start date',
  end_date: 'End date',
  autorenew_date: 'Renewal date',
  term: 'Term',
  contract_number: 'Contract number',
  subscription_status: 'Status',
  plan: 'Plan',
  seat_assignment: 'Seat assignment',
  user_activity: 'User activity',
  days_used: 'Days used',
  monthly_average: 'Monthly average',
  last_accessed: 'Last accessed',
  days_inactive: 'Days inactive',
};

/** Which column (by position) holds each field. */
export type ColumnMap = Partial<Record<Field, number>>;

/**
 * What a mapping still lacks, in words: each need is met by any one of its
 * fields ("Email or Hashed user ID"); [] when every need is met.
 */
export function unmetNeeds(needs: readonly (readonly Field[])[], columns: ColumnMap): string[] {
  return needs.filter((any) => !any.some((f) => columns[f] !== undefined)).map((any) => any.map((f) => FIELD_LABELS[f]).join(' or '));
}
