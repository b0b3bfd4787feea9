/**
 * What the engine worker holds: the loaded workspace and the last report. The
 * UI asks for a query's tiles, then for the window of rows it shows; it never
 * receives all rows. Pure, so Node tests and the benchmark drive it directly.
 */
import { NO_DAY, formatDay, type Day } from './days';
import { computeReport, newKeyFigures, reportRow, type KeyFigures, type ReportResult, type Tiles } from './report';
import type { ReportRow } from './report-columns';
import { querySnapshot, snapshotRows } from './snapshot-report';
import { buildWorkspace, type LoadedBatch, type Workspace } from './workspace';
import { resolveRange, toReportQuery, type ReportViewState } from '../report/view-state';
import { COLUMN_LABELS } from './report-columns';
import type { ExportContext } from '../export/report-export';
import { ACTIVITY_LABELS } from './report-labels';

export interface WorkspaceSummary {
  teams: string[];
  products: string[];
  groups: string[];
  users: number;
  assignments: number;
  events: number;
  subscriptions: number;
  snapshotRows: number;
  /** True when only a pre-aggregated Usage Report was imported: rows are shown as exported. */
  snapshotMode: boolean;
  firstEventDay: string | null;
  lastEventDay: string | null;
}

export interface QueryOutcome {
  tiles: Tiles;
  rowCount: number;
  from: string;
  to: string;
  asOf: string;
  rangeLabel: string;
  snapshotMode: boolean;
  /** Milliseconds the engine spent on this query. */
  computeMs: number;
}

export class EngineSession {
  private ws: Workspace = buildWorkspace([]);
  private figures: KeyFigures = newKeyFigures(0);
  private last: ReportResult | null = null;
  private snapshot: ReportRow[] | null = null;
  private lastView: ReportViewState | null = null;
  private lastLabel = '';

  load(batches: readonly LoadedBatch[]): WorkspaceSummary {
    this.ws = buildWorkspace(batches);
    this.figures = newKeyFigures(this.ws.keyCount);
    this.last = null;
    this.snapshot = null;
    return this.summary();
  }

  get workspace(): Workspace { return this.ws; }

  private get snapshotMode(): boolean {
    return this.ws.eventCount === 0 && this.ws.snapshot.length > 0;
  }

  summary(): WorkspaceSummary {
    const ws = this.ws;
    let assignments = 0;
    for (let k = 0; k < ws.keyCount; k++) assignments += ws.keyHasAssignment[k]!;
    const day = (d: Day) => (d === NO_DAY ? null : formatDay(d));
    const teams = new Set(ws.teams.filter((t) => t !== ''));
    for (const s of ws.subscriptions) if (s.team) teams.add(s.team);
    return {
      teams: [...teams].sort((a, b) => a.localeCompare(b)),
      products: [...ws.products].sort((a, b) => a.localeCompare(b)),
      groups: [...ws.groups].sort((a, b) => a.localeCompare(b)),
      users: ws.users.length,
      assignments,
      events: ws.eventCount,
      subscriptions: ws.subscriptions.length,
      snapshotRows: ws.snapshot.length,
      snapshotMode: this.snapshotMode,
      firstEventDay: day(ws.firstEventDay),
      lastEventDay: day(ws.lastEventDay),
    };
  }

  query(view: ReportViewState, today: Day): QueryOutcome {
    const t0 = performance.now();
    const range = resolveRange(view, today, this.ws.lastEventDay);
    const q = toReportQuery(view, range);
    this.lastView = view;
    this.lastLabel = range.label;
    let tiles: Tiles, rowCount: number;
    if (this.snapshotMode) {
      const s = querySnapshot(snapshotRows(this.ws), this.ws, q);
      this.snapshot = s.rows;
      this.last = null;
      tiles = s.tiles;
      rowCount = s.rows.length;
    } else {
      this.last = computeReport(this.ws, q, this.figures);
      this.snapshot = null;
      tiles = this.last.tiles;
      rowCount = this.last.rows.length;
    }
    return {
      tiles, rowCount,
      from: formatDay(range.from), to: formatDay(range.to), asOf: formatDay(range.asOf),
      rangeLabel: range.label, snapshotMode: this.snapshotMode,
      computeMs: performance.now() - t0,
    };
  }

  /** The rows [offset, offset + limit) of the last query, in display order. */
  rows(offset: number, limit: number): ReportRow[] {
    if (this.snapshot) return this.snapshot.slice(offset, offset + limit);
    const r = this.last;
    if (!r) return [];
    const end = Math.min(r.rows.length, offset + limit);
    const out: ReportRow[] = [];
    for (let i = Math.max(0, offset); i < end; i++) out.push(reportRow(this.ws, r, r.rows[i]!));
    return out;
  }

  rowCount(): number {
    return this.snapshot ? this.snapshot.length : this.last?.rows.length ?? 0;
  }

  /** What the export's "Filters" sheet says about the view. */
  exportContext(now: Date = new Date()): ExportContext {
    const v = this.lastView;
    const r = this.last?.query;
    const any = (x: string | null, all: string) => x ?? all;
    return [
      ['Report', this.snapshotMode ? 'Usage Report (as exported by the portal)' : 'Usage Report'],
      ['Team', any(v?.team ?? null, 'All Teams')],
      ['Date range', this.snapshotMode ? 'As in the imported Usage Report' : this.lastLabel],
      ['From', r ? formatDay(r.from) : ''],
      ['To', r ? formatDay(r.to) : ''],
      ['Access option', v?.access ? (v.access === 'flex' ? 'Flex' : 'Subscription') : 'All'],
      ['User activity', v?.activity ? ACTIVITY_LABELS[v.activity] : 'All'],
      ['Seat assignment', v?.assignment ? (v.assignment === 'assigned' ? 'Assigned' : 'Unassigned') : 'All'],
      ['Product', any(v?.product ?? null, 'All')],
      ['Group', any(v?.group ?? null, 'All')],
      ['Search', v?.q ?? ''],
      ['Sort', v?.sort ? `${COLUMN_LABELS[v.sort.column]} (${v.sort.direction === 'asc' ? 'ascending' : 'descending'})` : 'Team, name'],
      ['Rows', String(this.rowCount())],
      ['Exported at', now.toISOString()],
    ];
  }
}
