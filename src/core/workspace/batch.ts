/**
 * What one imported file (or one sheet of a workbook) becomes: strings are
 * dictionary-encoded per batch, events are columnar. Batches are stored as they
 * are and merged, in import order, when the engine loads the workspace; that keeps
 * every import atomic and re-imports idempotent (docs/import.md, "Atomic and idempotent").
 */
import type { Day } from '../vocabulary/days';
import type { Section } from '../vocabulary/sections';

export const ACCESS_UNKNOWN = 0;
export const ACCESS_SUBSCRIPTION = 1;
export const ACCESS_FLEX = 2;
export type AccessCode = typeof ACCESS_UNKNOWN | typeof ACCESS_SUBSCRIPTION | typeof ACCESS_FLEX;

export const METHOD_UNKNOWN = 0;
export const METHOD_DIRECT = 1;
export const METHOD_GROUP = 2;
export const METHOD_DEFAULT = 3;
export type MethodCode = typeof METHOD_UNKNOWN | typeof METHOD_DIRECT | typeof METHOD_GROUP | typeof METHOD_DEFAULT;

export interface UserRecord {
  /**
   * `e:<email>` (lower-cased, trimmed), else `h:<hashed_autodesk_id>`, else `a:<autodesk_id>`.
   * Within one batch only: the merge links records that share any identifier (docs/identity.md).
   */
  key: string;
  email: string;
  hashedId: string;
  /** Absent in batches stored before Autodesk IDs were read. */
  autodeskId?: string;
  firstName: string;
  lastName: string;
  role: string;
}

/** Indexes point into the batch's own `teams`, `users`, `products`. */
export interface AssignmentRecord {
  team: number;
  user: number;
  product: number;
  offering: string;
  access: AccessCode;
  /** NO_DAY when the file did not say. */
  assigned: Day;
  unassigned: Day;
  group: string;
  method: MethodCode;
}

export interface SubscriptionRecord {
  id: string;
  team: string;
  offering: string;
  seats: number;
  start: Day;
  end: Day;
  autorenew: Day;
  term: string;
  contract: string;
  status: string;
  plan: string;
}

/** A row of a Groups export: who is in which group, for which product where given. */
export interface GroupMembership {
  /** -1 when the export has no team: the membership applies in every team. */
  team: number;
  user: number;
  /** -1 when the export names no product: it applies to all the user's products. */
  product: number;
  group: string;
  isDefault: boolean;
}

/** A row of a pre-aggregated Usage Report, kept as the portal computed it. */
export interface SnapshotRow {
  team: number;
  user: number;
  product: number;
  access: AccessCode;
  group: string;
  assigned: Day;
  unassigned: Day;
  seatAssignment: string;
  userActivity: string;
  daysUsed: number | null;
  monthlyAverage: number | null;
  lastAccessed: Day;
  daysInactive: number | null;
  tokensUsed: number | null;
}

/** Distinct (team, user, product) of a batch's events; events point at these. */
export interface EventKeys {
  team: Int32Array;
  user: Int32Array;
  product: Int32Array;
  /** Access option the usage rows gave, used when no assignment says it. */
  access: Uint8Array;
  /**
   * The offering the usage rows named (`offering_name`), as an index into the batch's
   * `products`; -1 when the file did not say. Absent in batches stored before offerings were read.
   */
  offering?: Int32Array;
  /** Versions seen per key, joined by '\n' ('' when none). */
  versions: string[];
}

export interface ImportSource {
  fileName: string;
  sheet: string | null;
  section: Section;
  fileSize: number;
  lastModified: number;
  rowsRead: number;
  rowsSkipped: number;
  importedAt: string;
  notes: string[];
}

export interface ImportBatch {
  source: ImportSource;
  teams: string[];
  products: string[];
  users: UserRecord[];
  assignments: AssignmentRecord[];
  subscriptions: SubscriptionRecord[];
  groups: GroupMembership[];
  snapshot: SnapshotRow[];
  eventKeys: EventKeys;
  eventCount: number;
}

/**
 * Events of a batch, in chunks so that no single stored value grows huge
 * (IndexedDB caps a value's size; ~64k events is ~640 KB).
 */
export interface EventChunk {
  seq: number;
  key: Uint32Array;
  day: Uint16Array;
  /** NaN where the file had no tokens column: a later merge keeps earlier tokens then. */
  tokens: Float32Array;
}

export const EVENTS_PER_CHUNK = 65_536;

export interface RowError {
  row: number;
  column: string;
  value: string;
  reason: string;
}
