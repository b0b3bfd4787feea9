/**
 * People as IndexedDB stores them: one list per field instead of one record per person
 * (docs/workspace.md, "What the workspace holds"). The browser copies a list of texts into and
 * out of storage several times faster than as many small records, and in half the bytes: for
 * 200,000 people, a fifth of a second against most of a second to read them back. Batches and the
 * cache are stored this way; a batch stored earlier as records is read as it is.
 */
import type { EventChunk, ImportBatch, UserRecord } from './batch';

/** A person's text fields, always present; `autodeskId` may be missing on records read before it was. */
export const USER_TEXT_FIELDS = ['key', 'email', 'hashedId', 'firstName', 'lastName', 'role'] as const;

export interface PackedUsers {
  packed: 'columns';
  key: string[];
  email: string[];
  hashedId: string[];
  /** null where the record had none (batches read before Autodesk IDs were). */
  autodeskId: (string | null)[];
  firstName: string[];
  lastName: string[];
  role: string[];
}

/** Each list is built element by element: an array made at its length has holes to V8, which stores it as a sparse one. */
export function packUsers(users: readonly UserRecord[]): PackedUsers {
  return {
    packed: 'columns',
    key: users.map((u) => u.key),
    email: users.map((u) => u.email),
    hashedId: users.map((u) => u.hashedId),
    autodeskId: users.map((u) => u.autodeskId ?? null),
    firstName: users.map((u) => u.firstName),
    lastName: users.map((u) => u.lastName),
    role: users.map((u) => u.role),
  };
}

export function isPackedUsers(users: unknown): users is PackedUsers {
  return !!users && typeof users === 'object' && (users as { packed?: unknown }).packed === 'columns';
}

/** The records again; records stored as such are returned as they are. */
export function unpackUsers(users: readonly UserRecord[] | PackedUsers): UserRecord[] {
  if (!isPackedUsers(users)) return users as UserRecord[];
  const out: UserRecord[] = [];
  for (let i = 0; i < users.key.length; i++) {
    const record: UserRecord = {
      key: users.key[i]!,
      email: users.email[i]!,
      hashedId: users.hashedId[i]!,
      firstName: users.firstName[i]!,
      lastName: users.lastName[i]!,
      role: users.role[i]!,
    };
    const autodeskId = users.autodeskId[i];
    if (typeof autodeskId === 'string') record.autodeskId = autodeskId;
    out.push(record);
  }
  return out;
}

/** A section's batch with its people packed, and its events: how the import worker hands a file to the engine. */
export interface PackedBatch {
  batch: Omit<ImportBatch, 'users'> & { users: PackedUsers };
  chunks: EventChunk[];
}

export function packBatch(b: { batch: ImportBatch; chunks: EventChunk[] }): PackedBatch {
  return { batch: { ...b.batch, users: packUsers(b.batch.users) }, chunks: b.chunks };
}
