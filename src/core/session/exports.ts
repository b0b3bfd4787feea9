/** What the exports need from the engine: the Export page's tables, and the report's Filters sheet (docs/report.md). */
import type { EngineSession, ScopeInfo } from './engine-session';
import { formatDay, type Day } from '../vocabulary/days';
import type { ReportViewState } from '../vocabulary/view-state';
import { COLUMN_LABELS } from '../vocabulary/report-columns';
import { ACTIVITY_LABELS } from '../vocabulary/report-labels';
import { viewIsPseudonymised } from '../privacy/pseudonyms';
import type { ExportContext } from '../export/report-export';
import { sectionTable } from '../export/workspace-export';
import type { ExportSection } from '../vocabulary/export-sections';
import type { ExportTable } from '../export/table';

/** The Export page's tables for the view's team and range (docs/report.md, "Exports"), pseudonymised as the view is. */
export function exportTables(
  session: EngineSession,
  view: ReportViewState,
  sections: readonly ExportSection[],
  today: Day,
): { tables: ExportTable[]; info: ScopeInfo } {
  const s = session.scope(view, today);
  return {
    info: s.info,
    tables: sections.map((x) => sectionTable(session.workspace, x, { team: view.team, from: s.from, to: s.to, mask: s.mask, today })),
  };
}

/** The team and range of the last report, for its export's file name; no range for the portal's own report. */
export function reportScope(session: EngineSession): { team: string | null; from: string | null; to: string | null } {
  const r = session.snapshotMode ? undefined : session.lastResult?.query;
  return { team: session.lastView?.team ?? null, from: r ? formatDay(r.from) : null, to: r ? formatDay(r.to) : null };
}

/** What the export's "Filters" sheet says about the view. */
export function exportContext(session: EngineSession, now: Date = new Date()): ExportContext {
  const v = session.lastView;
  const r = session.lastResult?.query;
  const any = (x: string | null, all: string) => x ?? all;
  return [
    ['Report', session.snapshotMode ? 'Usage Report (as exported by the portal)' : 'Usage Report'],
    ['Team', any(v?.team ?? null, 'All Teams')],
    ['Date range', session.snapshotMode ? 'As in the imported Usage Report' : session.lastLabel],
    ['From', r ? formatDay(r.from) : ''],
    ['To', r ? formatDay(r.to) : ''],
    ['Access option', v?.access ? (v.access === 'flex' ? 'Flex' : 'Subscription') : 'All'],
    ['User activity', v?.activity ? ACTIVITY_LABELS[v.activity] : 'All'],
    ['Seat assignment', v?.assignment ? (v.assignment === 'assigned' ? 'Assigned' : 'Unassigned') : 'All'],
    ['Product', any(v?.product ?? null, 'All')],
    ['Group', any(v?.group ?? null, 'All')],
    ['Search', v?.q ?? ''],
    [
      'Personal data',
      session.lastResult?.mask || (session.snapshotMode && viewIsPseudonymised(v?.team ?? null, session.privacySettings.personalDataOff))
        ? 'Pseudonymised (names and emails replaced)'
        : 'Shown',
    ],
    ['Sort', v?.sort ? `${COLUMN_LABELS[v.sort.column]} (${v.sort.direction === 'asc' ? 'ascending' : 'descending'})` : 'Team, name'],
    ['Rows', String(session.rowCount())],
    ['Exported at', now.toISOString()],
  ];
}
