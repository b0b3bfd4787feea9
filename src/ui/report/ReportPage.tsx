import { A } from '@solidjs/router';
import { useViewState } from './use-view-state';
import { For, Show, createResource, createSignal } from 'solid-js';
import { engineWorker } from '../app/workers';
import { downloadBytes } from '../app/download';
import { formatInt } from '../../core/vocabulary/format';
import { hasData, workspaceSummary, workspaceVersion } from '../app/workspace-state';
import { EmptyState } from '../app/EmptyState';
import { parseIsoDay, todayUtc } from '../../core/vocabulary/days';
import { COLUMN_HELP, COLUMN_LABELS, REPORT_COLUMNS, type ReportColumn } from '../../core/vocabulary/report-columns';
import type { ExportFormat } from '../../core/export/report-export';
import { ColumnChooser } from './ColumnChooser';
import { ExportMenu } from './ExportMenu';
import { ReportFilters } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { ReportTiles } from './ReportTiles';
import { DataFreshnessNotice } from './DataFreshnessNotice';
import { EMPTY_VIEW } from '../../core/vocabulary/view-state';
import type { RowSelection } from './ReportTable';
import type { ReportRow } from '../../core/vocabulary/report-columns';
import { UserDetailWithActions } from './UserDetailWithActions';
import { UnassignDialog } from '../changes/UnassignDialog';
import { workspaceChanged } from '../app/workspace-state';
import { changesVersion } from '../changes/changes-client';

export default function ReportPage() {
  const { view, setView, location, navigate } = useViewState('/report');
  const [selected, setSelected] = createSignal(new Set<number>());
  const [selectableCount, setSelectableCount] = createSignal(0);
  const [unassigning, setUnassigning] = createSignal<{ rowIds: number[]; label: string } | null>(null);
  const [notice, setNotice] = createSignal('');
  const detailRef = () => new URLSearchParams(location.search).get('user');
  let detailPushed = false;
  const openUser = (userRef: string) => {
    const p = new URLSearchParams(location.search);
    p.set('user', userRef);
    detailPushed = true;
    navigate(`/report?${p.toString()}`, { scroll: false });
  };
  const closeUser = () => {
    if (detailPushed) { detailPushed = false; history.back(); return; }
    const p = new URLSearchParams(location.search);
    p.delete('user');
    navigate(`/report?${p.toString()}`, { replace: true, scroll: false });
  };
  const selection: RowSelection = {
    isSelected: (id) => selected().has(id),
    toggle: (row: ReportRow, on) => setSelected((s) => { const n = new Set(s); if (on) n.add(row.id); else n.delete(row.id); return n; }),
    headerState: () => (selected().size === 0 ? 'none' : selected().size >= selectableCount() ? 'all' : 'some'),
    toggleAll: (on) => {
      if (!on) { setSelected(new Set<number>()); return; }
      void engineWorker().selectableRowIds().then((ids) => setSelected(new Set(ids)));
    },
  };
  const togglePending = async (on: boolean) => {
    workspaceChanged(await engineWorker().setIncludePending(on));
  };
  const [exportError, setExportError] = createSignal<string | null>(null);
  const [exportNote, setExportNote] = createSignal<string | null>(null);

  const [outcome] = createResource(
    () => (hasData(workspaceSummary()) ? { view: view(), version: workspaceVersion(), changes: changesVersion() } : null),
    async ({ view: v }) => {
      const result = await engineWorker().query(v, todayUtc());
      setSelectableCount(result.selectableCount);
      if (selected().size > 0) {
        // Keep only the selected rows that are still there and can still be unassigned.
        const still = new Set(await engineWorker().selectableRowIds());
        setSelected((s) => new Set([...s].filter((id) => still.has(id))));
      }
      return result;
    },
  );

  const [balance] = createResource(
    () => (hasData(workspaceSummary()) ? { team: view().team, range: view().range, from: view().from, to: view().to, asof: view().asof, w: workspaceVersion() } : null),
    () => engineWorker().flexBalanceTile(view(), todayUtc()),
  );

  const columns = (): ReportColumn[] => view().cols ?? [...REPORT_COLUMNS];
  const onSort = (column: ReportColumn) => {
    const s = view().sort;
    const numeric = ['days_used', 'monthly_average', 'tokens_used', 'last_accessed', 'days_inactive'].includes(column);
    const direction = s?.column === column ? (s.direction === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc';
    setView({ sort: { column, direction } });
  };
  const onExport = async (format: ExportFormat) => {
    setExportError(null);
    setExportNote(null);
    try {
      const file = await engineWorker().exportReport(format);
      downloadBytes(file.bytes, file.fileName, file.mimeType);
      if (file.note) setExportNote(`${file.fileName}: ${file.note}`);
    } catch (err) {
      setExportError(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const filtered = () => {
    const v = view();
    return !!(v.team || v.access || v.activity || v.assignment || v.product || v.group || v.q);
  };

  return (
    <Show when={hasData(workspaceSummary())} fallback={<EmptyState />}>
      <section class="page page--wide" aria-labelledby="report-title">
        <div class="page-head">
          <h1 id="report-title">Usage Report</h1>
          <Show when={outcome()}>
            {(o) => <p class="page-head__range" data-testid="range-label">{o().snapshotMode ? 'As exported by the portal' : o().rangeLabel}</p>}
          </Show>
        </div>
        <Show when={workspaceSummary()?.snapshotMode}>
          <p class="notice" role="note">
            This workspace holds a Usage Report as the portal exported it, so its figures are shown as they are, for the
            portal's own date range. To see other date ranges, <A href="/import">import the daily Usage export</A>.
          </p>
        </Show>
        <ReportFilters
          view={view()}
          summary={workspaceSummary()!}
          asOf={parseIsoDay(outcome()?.asOf ?? '') ?? todayUtc()}
          from={outcome()?.from ?? ''}
          to={outcome()?.to ?? ''}
          snapshotMode={!!workspaceSummary()?.snapshotMode}
          stale={!!outcome.latest?.data.freshness.stale}
          onChange={setView}
        />
        <Show when={!workspaceSummary()?.snapshotMode}>
          <DataFreshnessNotice data={outcome.latest?.data} view={view()} onChange={setView} />
        </Show>
        <Show when={outcome.error}>
          <p class="notice notice--error" role="alert">The report could not be computed: {String(outcome.error)}</p>
        </Show>
        <Show when={outcome.latest}>
          {(o) => (
            <>
              <ReportTiles tiles={o().tiles} allTeams={view().team === null} balance={balance.latest} snapshot={o().snapshotMode}
                scope={`${view().team ?? 'All Teams'}, ${o().snapshotMode ? 'the imported report' : `${o().from} to ${o().to}`}, ${view().product ?? 'all products'}`} />
              <Show when={o().pseudonymised}>
                <p class="notice" role="note">Personal data is off for {view().team ?? 'at least one team'}: names and emails are shown, searched and exported as pseudonyms.</p>
              </Show>
              <Show when={selected().size > 0}>
                <div class="selection-bar" role="region" aria-label="Selection">
                  <strong data-testid="selection-count">{formatInt(selected().size)} user{selected().size === 1 ? '' : 's'} selected</strong>
                  <button type="button" class="button button--primary" onClick={() => setUnassigning({ rowIds: [...selected()], label: `${formatInt(selected().size)} selected row${selected().size === 1 ? '' : 's'}` })}>
                    Unassign…
                  </button>
                  <button type="button" class="link-button" onClick={() => setSelected(new Set<number>())}>Clear selection</button>
                </div>
              </Show>
              <Show when={notice()}><p class="notice" aria-live="polite" data-testid="report-notice">{notice()}</p></Show>
              <div class="table-toolbar">
                <p class="table-toolbar__count" data-testid="row-count" aria-live="polite" data-compute-ms={o().computeMs.toFixed(2)}>
                  {formatInt(o().rowCount)} row{o().rowCount === 1 ? '' : 's'}
                </p>
                <Show when={filtered()}>
                  <button type="button" class="link-button" onClick={() => setView({ ...EMPTY_VIEW, range: view().range, from: view().from, to: view().to, asof: view().asof, sort: view().sort, cols: view().cols })}>
                    Clear filters
                  </button>
                </Show>
                <span class="spacer" />
                <Show when={o().outstandingChanges > 0 || o().pendingIncluded}>
                  <label class="checkbox">
                    <input type="checkbox" checked={o().pendingIncluded} onChange={(e) => void togglePending(e.currentTarget.checked)} />
                    Include pending changes ({o().outstandingChanges})
                  </label>
                </Show>
                <ColumnChooser visible={columns()} onChange={(cols) => setView({ cols })} />
                <ExportMenu onExport={onExport} disabled={o().rowCount === 0} />
              </div>
              <details class="definitions">
                <summary>How these figures are computed</summary>
                <dl>
                  <For each={REPORT_COLUMNS}>{(c) => <><dt>{COLUMN_LABELS[c]} <code>{c}</code></dt><dd>{COLUMN_HELP[c]}.</dd></>}</For>
                </dl>
              </details>
              <Show when={exportError()}><p class="notice notice--error" role="alert">{exportError()}</p></Show>
              <Show when={exportNote()}><p class="notice" role="status" data-testid="export-note">{exportNote()}</p></Show>
              <Show
                when={o().rowCount > 0}
                fallback={<p class="table-empty">No rows match these filters{filtered() ? '. Clear a filter or widen the date range.' : ' in this date range.'}</p>}
              >
                <ReportTable
                  selection={selection}
                  onOpenUser={openUser}
                  rowCount={o().rowCount}
                  firstRows={o().firstRows}
                  columns={columns()}
                  sort={view().sort}
                  onSort={onSort}
                  fetchRows={(offset, limit) => engineWorker().rows(offset, limit)}
                />
              </Show>
            </>
          )}
        </Show>
        <Show when={detailRef()}>
          {(ref) => <UserDetailWithActions userRef={ref()} view={view()} onClose={closeUser} onMessage={setNotice} />}
        </Show>
        <Show when={unassigning()}>
          {(u) => (
            <UnassignDialog rowIds={u().rowIds} label={u().label} source="report"
              onDone={(message) => { setUnassigning(null); if (message) { setNotice(message); setSelected(new Set<number>()); } }} />
          )}
        </Show>
      </section>
    </Show>
  );
}
