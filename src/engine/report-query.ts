import type { Day } from './days';
import type { ReportColumn } from './report-columns';

export type AccessFilter = 'subscription' | 'flex';
export type ActivityFilter = 'active' | 'inactive' | 'not-yet-active';
export type AssignmentFilter = 'assigned' | 'unassigned';
export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  column: ReportColumn;
  direction: SortDirection;
}

/** A resolved report request: the range is concrete days; names are as shown. */
export interface ReportQuery {
  from: Day;
  to: Day;
  /** Team name; null for All Teams. */
  team: string | null;
  access: AccessFilter | null;
  activity: ActivityFilter | null;
  assignment: AssignmentFilter | null;
  product: string | null;
  group: string | null;
  q: string;
  sort: SortSpec | null;
}
