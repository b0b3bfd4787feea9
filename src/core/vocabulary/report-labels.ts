import type { ActivityFilter } from './report-query';

export const ACTIVITY_LABELS: Record<ActivityFilter, string> = {
  active: 'Active',
  inactive: 'Inactive',
  'not-yet-active': 'Not yet active',
};
