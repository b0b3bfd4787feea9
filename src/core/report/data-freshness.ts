/**
 * How current the usage data is (docs/figures.md, "Stale data"). The portal's
 * usage lags a day or two; data older than that is named on every page, and
 * the default range then ends on the last data day instead of today.
 */
import { NO_DAY, formatDay, shortDayLabel, type Day } from '../vocabulary/days';
import type { Workspace } from '../workspace/workspace';
import { STALE_AFTER_DAYS, newestUsageDay } from '../vocabulary/date-range';

export interface DataFreshness {
  /** ISO day of the newest usage (never after today), or null when no usage is imported. */
  newestUsage: string | null;
  /** Days from the newest usage to today. */
  ageDays: number | null;
  stale: boolean;
  /** "Newest usage: Sep 26, 2026 — 58 days ago", or '' when there is no usage. */
  label: string;
  /** Teams whose own newest usage is more than a few days older than the newest overall. */
  laggingTeams: { team: string; newestUsage: string }[];
}

const ago = (days: number) => (days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`);

const teamNewest = new WeakMap<Workspace, Int32Array>();

/** Newest usage day of each team (NO_DAY when none), once per workspace. */
function newestByTeam(ws: Workspace): Int32Array {
  let out = teamNewest.get(ws);
  if (out) return out;
  out = new Int32Array(ws.teams.length).fill(NO_DAY);
  for (let k = 0; k < ws.keyCount; k++) {
    const e = ws.eventStart[k + 1]!;
    if (e > ws.eventStart[k]!) out[ws.keyTeam[k]!] = Math.max(out[ws.keyTeam[k]!]!, ws.eventDay[e - 1]!);
  }
  teamNewest.set(ws, out);
  return out;
}

export function dataFreshness(ws: Workspace, today: Day): DataFreshness {
  const newest = newestUsageDay(ws.lastEventDay, today);
  if (newest === NO_DAY) return { newestUsage: null, ageDays: null, stale: false, label: '', laggingTeams: [] };
  const byTeam = newestByTeam(ws);
  const laggingTeams: DataFreshness['laggingTeams'] = [];
  ws.teams.forEach((team, t) => {
    const d = Math.min(byTeam[t]!, today);
    if (team && byTeam[t] !== NO_DAY && newest - d > STALE_AFTER_DAYS) laggingTeams.push({ team, newestUsage: formatDay(d) });
  });
  const ageDays = today - newest;
  return {
    newestUsage: formatDay(newest),
    ageDays,
    stale: ageDays > STALE_AFTER_DAYS,
    label: `Newest usage: ${shortDayLabel(newest, -1)} — ${ago(ageDays)}`,
    laggingTeams: laggingTeams.sort((a, b) => a.newestUsage.localeCompare(b.newestUsage) || a.team.localeCompare(b.team)),
  };
}
