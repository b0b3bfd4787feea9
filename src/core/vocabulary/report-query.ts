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

/** Which rows a report keeps, by name as shown (docs/report.md, "Filters, search and sorting"), apart from the date range. */
export interface RowFilters {
  /** Team name; null for All Teams. */
  team: string | null;
  access: AccessFilter | null;
  activity: ActivityFilter | null;
  assignment: AssignmentFilter | null;
  product: string | null;
  group: string | null;
  q: string;
}

/** A resolved report request: the range is concrete days. */
export interface ReportQuery extends RowFilters {
  from: Day;
  to: Day;
  sort: SortSpec | null;
}
