/**
 * People as IndexedDB stores them: one list per field instead of one record per person
 * (docs/workspace.md, "What the workspace holds"). The browser copies a list of texts into and
 * out of storage several times faster than as many small records, and in half the bytes: for
 * 200,000 people, a fifth of a second against most of a second to read them back. Batches and the
 * cache are stored this way; a batch stored earlier as records is read as it is.
 */
import type { UserRecord } from './batch';

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

export function packUsers(users: readonly UserRecord[]): PackedUsers {
  const n = users.length;
  const out: PackedUsers = {
    packed: 'columns',
    key: new Array<string>(n),
    email: new Array<string>(n),
    hashedId: new Array<string>(n),
    autodeskId: new Array<string | null>(n),
    firstName: new Array<string>(n),
    lastName: new Array<string>(n),
    role: new Array<string>(n),
  };
  for (let i = 0; i < n; i++) {
    const u = users[i]!;
    out.key[i] = u.key;
    out.email[i] = u.email;
    out.hashedId[i] = u.hashedId;
    out.autodeskId[i] = u.autodeskId ?? null;
    out.firstName[i] = u.firstName;
    out.lastName[i] = u.lastName;
    out.role[i] = u.role;
  }
  return out;
}

export function isPackedUsers(users: unknown): users is PackedUsers {
  return !!users && typeof users === 'object' && (users as { packed?: unknown }).packed === 'columns';
}

/** The records again; records stored as such are returned as they are. */
export function unpackUsers(users: readonly UserRecord[] | PackedUsers): UserRecord[] {
  if (!isPackedUsers(users)) return users as UserRecord[];
  const out = new Array<UserRecord>(users.key.length);
  for (let i = 0; i < out.length; i++) {
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
    out[i] = record;
  }
  return out;
}
