/**
 * The user detail dialog's figures (docs/report.md, "User detail"): the user's teams, each product
 * with how it was assigned, versions, days used in the range, last use and a
 * daily series per product for the charts, and the other products and collections assigned.
 */
import { NO_DAY, formatDay, type Day } from '../vocabulary/days';
import type { NameMask } from './report';
import { assignedOn, shownPerson, tokensAt, type Workspace } from '../workspace/workspace';
import { ACCESS_FLEX, METHOD_DEFAULT, METHOD_GROUP } from '../workspace/batch';

export interface UserProductDetail {
  /** Key id: the row id in the report. */
  id: number;
  team: string;
  product: string;
  offering: string;
  access: 'Subscription' | 'Flex';
  method: string;
  versions: string;
  daysUsed: number;
  lastAccessed: string;
  daysAgo: number | null;
  assignedDate: string;
  unassignedDate: string;
  assignedNow: boolean;
  /** Part of the report's current rows (else listed with the other assignments). */
  inView: boolean;
  lockReason: string;
}

export interface UserDetail {
  userRef: string;
  name: string;
  email: string;
  role: string;
  teams: string[];
  from: string;
  to: string;
  products: UserProductDetail[];
  others: UserProductDetail[];
  collections: string[];
  /** Days of the range and, per product, its use on each, for the charts (docs/report.md, "User detail"). */
  daily: { days: number[]; products: DailyUse[] };
}

/** One product's use on each day of the range: 1 on a day used, or the tokens spent for Flex access. */
export interface DailyUse {
  product: string;
  team: string;
  access: 'Subscription' | 'Flex';
  values: number[];
  /** Days used, or tokens for Flex, over the range. */
  total: number;
}

export function userDetail(
  ws: Workspace,
  user: number,
  from: Day,
  to: Day,
  today: Day,
  mask: NameMask | null,
  inView: (k: number) => boolean,
  lockReason: (k: number) => string,
): UserDetail {
  const u = ws.users[user]!;
  const keys: number[] = [];
  for (let k = 0; k < ws.keyCount; k++) if (ws.keyUser[k] === user) keys.push(k);
  const span = to - from + 1;
  const perKey = new Map<number, number[]>();
  const details = keys.map((k): UserProductDetail => {
    const flex = ws.keyAccess[k] === ACCESS_FLEX;
    const values = new Array<number>(span).fill(0);
    perKey.set(k, values);
    const s = ws.eventStart[k]!,
      e = ws.eventStart[k + 1]!;
    let used = 0,
      last: Day = NO_DAY;
    for (let i = s; i < e; i++) {
      const d = ws.eventDay[i]!;
      if (d > to) break;
      last = d;
      if (d >= from) {
        used++;
        values[d - from] = flex ? values[d - from]! + tokensAt(ws, k, i) : 1;
      }
    }
    const assigned = ws.keyAssigned[k]!,
      unassigned = ws.keyUnassigned[k]!;
    const has = ws.keyHasAssignment[k] === 1;
    const g = ws.keyGroup[k]!;
    const method = !has
      ? 'usage only'
      : ws.keyMethod[k] === METHOD_GROUP
        ? `group${g >= 0 ? ` "${ws.groups[g]}"` : ''}`
        : ws.keyMethod[k] === METHOD_DEFAULT
          ? 'default assignment'
          : 'direct';
    return {
      id: k,
      team: ws.teams[ws.keyTeam[k]!]!,
      product: ws.products[ws.keyProduct[k]!]!,
      offering: ws.offerings[ws.keyOffering[k]!] ?? '',
      access: ws.keyAccess[k] === ACCESS_FLEX ? 'Flex' : 'Subscription',
      method,
      versions: ws.keyVersions[k] ?? '',
      daysUsed: used,
      lastAccessed: last === NO_DAY ? '' : formatDay(last),
      daysAgo: last === NO_DAY ? null : today - last,
      assignedDate: has && assigned !== NO_DAY ? formatDay(assigned) : '',
      unassignedDate: has && unassigned !== NO_DAY ? formatDay(unassigned) : '',
      assignedNow: assignedOn(ws, k, today),
      inView: inView(k),
      lockReason: lockReason(k),
    };
  });
  const collections = [
    ...new Set(
      details
        .filter((d) => ws.collectionProducts[d.product])
        .map((d) => `${d.product} (${d.team}): ${ws.collectionProducts[d.product]!.join(', ')}`),
    ),
  ].sort();
  // The chart follows the report: its rows of this person, or everything they hold when none is in it.
  const charted = details.some((d) => d.inView) ? details.filter((d) => d.inView) : details;
  const products = charted.map((d): DailyUse => {
    const values = perKey.get(d.id)!;
    const total = values.reduce((a, b) => a + b, 0);
    return {
      product: d.product,
      team: d.team,
      access: d.access,
      values: values.map((v) => Math.round(v * 100) / 100),
      total: Math.round(total * 100) / 100,
    };
  });
  return {
    ...shownPerson(ws, user, mask),
    role: u.role,
    teams: [...new Set(details.map((d) => d.team))].sort(),
    from: formatDay(from),
    to: formatDay(to),
    products: details.filter((d) => d.inView),
    others: details.filter((d) => !d.inView),
    collections,
    daily: { days: Array.from({ length: span }, (_, i) => from + i), products },
  };
}
