/**
 * The Export page (docs/report.md, "The Export page"): chosen sections of a team's workspace as one
 * workbook (a sheet per section) or CSV files, under the report's rules for
 * headers, dates, formulas and personal data.
 */
import { NO_DAY, formatDay, type Day } from '../vocabulary/days';
import type { NameMask } from '../report/report';
import { tokensAt, type Workspace } from '../workspace/workspace';
import { seatUsage } from '../seats/seat-usage';
import { flexUsage } from '../flex/flex-usage';
import { ACCESS_FLEX, METHOD_DEFAULT, METHOD_GROUP } from '../workspace/batch';
import type { ExportTable } from './table';
import { SECTION_NAMES, type ExportSection } from '../vocabulary/export-sections';

export interface SectionScope {
  team: string | null;
  from: Day;
  to: Day;
  mask: NameMask | null;
  /** Bounds the usage data's coverage, as on the pages (docs/figures.md); omitted, the data's last day. */
  today?: Day;
}

const day = (d: Day) => (d === NO_DAY ? '' : formatDay(d));

function person(ws: Workspace, u: number, mask: NameMask | null): [string, string, string] {
  if (mask) {
    const p = mask.pseudonyms[u]!;
    return ['user', p.slice(5), p];
  }
  const x = ws.users[u]!;
  return [x.firstName, x.lastName, x.email || x.hashedId];
}

export function sectionTable(ws: Workspace, section: ExportSection, s: SectionScope): ExportTable {
  const t = s.team === null ? -1 : ws.teams.indexOf(s.team);
  const inTeam = (team: number) => s.team === null || team === t;
  switch (section) {
    case 'subscriptions':
      return {
        name: SECTION_NAMES[section],
        header: [
          'subscription_id',
          'offering_name',
          'seat_quantity',
          'plan',
          'term',
          'start_date',
          'end_date',
          'autorenew_date',
          'contract_number',
          'subscription_status',
          'team',
        ],
        kinds: ['text', 'text', 'number', 'text', 'text', 'date', 'date', 'date', 'text', 'text', 'text'],
        widths: [16, 26, 12, 10, 10, 12, 12, 14, 16, 18, 18],
        rows: ws.subscriptions
          .filter((x) => s.team === null || x.team === s.team)
          .map((x) => [
            x.id,
            x.offering,
            x.seats,
            x.plan,
            x.term,
            day(x.start),
            day(x.end),
            day(x.autorenew),
            x.contract,
            x.status,
            x.team,
          ]),
      };
    case 'users': {
      const rows: ExportTable['rows'] = [];
      for (let k = 0; k < ws.keyCount; k++) {
        if (!ws.keyHasAssignment[k] || !inTeam(ws.keyTeam[k]!)) continue;
        const [first, last, email] = person(ws, ws.keyUser[k]!, s.mask);
        const g = ws.keyGroup[k]!;
        const m = ws.keyMethod[k];
        rows.push([
          ws.teams[ws.keyTeam[k]!]!,
          first,
          last,
          email,
          s.mask ? '' : ws.users[ws.keyUser[k]!]!.role,
          ws.products[ws.keyProduct[k]!]!,
          ws.offerings[ws.keyOffering[k]!] ?? '',
          ws.keyAccess[k] === ACCESS_FLEX ? 'Flex' : 'Subscription',
          day(ws.keyAssigned[k]!),
          day(ws.keyUnassigned[k]!),
          g >= 0 ? ws.groups[g]! : '',
          m === METHOD_DEFAULT ? 'Default' : m === METHOD_GROUP ? 'Group' : '',
        ]);
      }
      return {
        name: SECTION_NAMES[section],
        header: [
          'team',
          'first_name',
          'last_name',
          'email',
          'role',
          'product_name',
          'offering_name',
          'access_option',
          'assigned_date',
          'unassigned_date',
          'group',
          'group_type',
        ],
        kinds: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'date', 'text', 'text'],
        widths: [18, 14, 16, 30, 14, 26, 22, 14, 13, 15, 18, 12],
        rows,
      };
    }
    case 'usage': {
      const rows: ExportTable['rows'] = [];
      const dayText = new Map<number, string>();
      for (let k = 0; k < ws.keyCount; k++) {
        if (!inTeam(ws.keyTeam[k]!)) continue;
        const [first, last, email] = person(ws, ws.keyUser[k]!, s.mask);
        const team = ws.teams[ws.keyTeam[k]!]!,
          product = ws.products[ws.keyProduct[k]!]!;
        const flex = ws.keyAccess[k] === ACCESS_FLEX;
        for (let i = ws.eventStart[k]!; i < ws.eventStart[k + 1]!; i++) {
          const d = ws.eventDay[i]!;
          if (d < s.from) continue;
          if (d > s.to) break;
          let text = dayText.get(d);
          if (!text) dayText.set(d, (text = formatDay(d)));
          rows.push([team, first, last, email, product, flex ? 'Flex' : 'Subscription', text, flex ? tokensAt(ws, k, i) : 0]);
        }
      }
      return {
        name: SECTION_NAMES[section],
        header: ['team', 'first_name', 'last_name', 'email', 'product_name', 'access_option', 'day_used', 'tokens_used'],
        kinds: ['text', 'text', 'text', 'text', 'text', 'text', 'date', 'number'],
        widths: [18, 14, 16, 30, 26, 14, 12, 12],
        rows,
      };
    }
    case 'seat-usage': {
      const summary = seatUsage(ws, { from: s.from, to: s.to, team: s.team }, s.today);
      const rows: ExportTable['rows'] = [];
      for (const r of summary.products) {
        const line = (name: string, group: string, x: typeof r) => [
          name,
          group,
          x.seats,
          x.assigned,
          x.over,
          x.inUse,
          x.active,
          x.inactive,
          x.peakDaily,
          x.averageDaily,
          x.utilisation === null ? null : Math.round(x.utilisation * 1000) / 10,
        ];
        rows.push(line(r.name, r.children.length ? 'group' : '', r));
        for (const c of r.children) rows.push(line(c.name, r.name, c));
      }
      return {
        name: SECTION_NAMES[section],
        header: [
          'product',
          'part_of',
          'seats',
          'assigned',
          'over_assigned',
          'seats_in_use',
          'active_users',
          'inactive_users',
          'peak_daily_users',
          'average_daily_users',
          'utilisation_percent',
        ],
        kinds: ['text', 'text', 'number', 'number', 'number', 'number', 'number', 'number', 'number', 'number', 'number'],
        widths: [30, 24, 8, 10, 14, 13, 12, 14, 16, 18, 18],
        rows,
      };
    }
    case 'flex-months': {
      const f = flexUsage(ws, { from: s.from, to: s.to, team: s.team });
      return {
        name: SECTION_NAMES[section],
        header: ['month', 'tokens_used'],
        kinds: ['text', 'number'],
        widths: [10, 14],
        rows: f.byMonth.map((m) => [m.month, Math.round(m.tokens * 100) / 100]),
      };
    }
  }
}
