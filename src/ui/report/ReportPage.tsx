/** The Usage Report — filters in the URL, tiles, the virtualised table, selection and unassign, exports (docs/report.md). */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { client } from '../common/client';
import { formatInt } from '../../core/vocabulary/format';
import { EmptyState } from '../import/EmptyState';
import { displayIsoDay, parseIsoDay, todayUtc } from '../../core/vocabulary/days';
import { COLUMN_HELP, COLUMN_LABELS, REPORT_COLUMNS } from '../../core/vocabulary/report-columns';
import { EMPTY_VIEW } from '../../core/vocabulary/view-state';
import { ColumnChooser } from './ColumnChooser';
import { ExportMenu } from './ExportMenu';
import { ReportFilters, focusFilters } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { ReportTiles } from './ReportTiles';
import { ReportTrend } from './ReportTrend';
import { DataFreshnessNotice } from './DataFreshnessNotice';
import { UserDetailWithActions } from './UserDetailWithActions';
import { UnassignDialog } from '../changes/UnassignDialog';
import { useReport } from './use-report';

export default function ReportPage() {
  const {
    view,
    setView,
    selected,
    setSelected,
    unassigning,
    setUnassigning,
    notice,
    setNotice,
    detailRef,
    openUser,
    closeUser,
    selection,
    togglePending,
    exportError,
    exportNote,
    outcome,
    balance,
    painted,
    columns,
    chooseColumns,
    onSort,
    onExport,
    fetchRows,
    filtered,
  } = useReport();
  /** The grid, where focus goes when what held it disappears (the selection bar). */
  let grid: HTMLDivElement | undefined;

  return (
    <Show when={client.hasData()} fallback={<EmptyState />}>
      <section class="page page--wide" aria-labelledby="report-title">
        <div class="page-head">
          <h1 id="report-title">Usage Report</h1>
          <Show when={outcome()}>
            {(o) => (
              <p class="page-head__range" data-testid="range-label">
                {o().snapshotMode ? 'As exported by the portal' : o().rangeLabel}
              </p>
            )}
          </Show>
        </div>
        <Show when={client.summary()?.snapshotMode}>
          <p class="notice" role="note">
            This workspace holds a Usage Report as the portal exported it, so its figures are shown as they are, for the portal's own date
            range. To see other date ranges, <A href="/import">import the daily Usage export</A>.
          </p>
        </Show>
        <ReportFilters
          view={view()}
          summary={client.summary()!}
          asOf={parseIsoDay(outcome()?.asOf ?? '') ?? todayUtc()}
          from={outcome()?.from ?? ''}
          to={outcome()?.to ?? ''}
          snapshotMode={!!client.summary()?.snapshotMode}
          stale={!!outcome.latest?.data.freshness.stale}
          onChange={setView}
        />
        <Show when={!client.summary()?.snapshotMode}>
          <DataFreshnessNotice data={outcome.latest?.data} view={view()} onChange={setView} />
        </Show>
        <Show when={outcome.error}>
          <p class="notice notice--error" role="alert">
            The report could not be computed: {String(outcome.error)}
          </p>
        </Show>
        <Show when={outcome.latest}>
          {(o) => (
            <>
              <ReportTiles
                tiles={o().tiles}
                allTeams={o().view.team === null}
                balance={balance.latest}
                snapshot={o().snapshotMode}
                scope={`${o().view.team ?? 'All Teams'}, ${o().snapshotMode ? 'the imported report' : `${displayIsoDay(o().from)} to ${displayIsoDay(o().to)}`}, ${o().view.product ?? 'all products'}`}
              />
              <Show when={!o().snapshotMode}>
                <ReportTrend view={view()} painted={painted} />
              </Show>
              <Show when={o().pseudonymised}>
                <p class="notice" role="note">
                  Personal data is off for {view().team ?? 'at least one team'}: names and emails are shown, searched and exported as
                  pseudonyms.
                </p>
              </Show>
              <Show when={selected().size > 0}>
                <section class="selection-bar" aria-label="Selection">
                  <strong data-testid="selection-count">
                    {formatInt(selected().size)} user{selected().size === 1 ? '' : 's'} selected
                  </strong>
                  <button
                    type="button"
                    class="button button--primary"
                    onClick={() =>
                      setUnassigning({
                        rowIds: [...selected()],
                        label: `${formatInt(selected().size)} selected row${selected().size === 1 ? '' : 's'}`,
                      })
                    }
                  >
                    Unassign…
                  </button>
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => {
                      setSelected(new Set<number>());
                      grid?.focus();
                    }}
                  >
                    Clear selection
                  </button>
                </section>
              </Show>
              <Show when={notice()}>
                <p class="notice" aria-live="polite" data-testid="report-notice">
                  {notice()}
                </p>
              </Show>
              <div class="table-toolbar">
                <p class="table-toolbar__count" data-testid="row-count" aria-live="polite" data-compute-ms={o().computeMs.toFixed(2)}>
                  {formatInt(o().rowCount)} row{o().rowCount === 1 ? '' : 's'}
                </p>
                <Show when={filtered()}>
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => {
                      setView({
                        ...EMPTY_VIEW,
                        range: view().range,
                        from: view().from,
                        to: view().to,
                        asof: view().asof,
                        sort: view().sort,
                        cols: view().cols,
                      });
                      focusFilters();
                    }}
                  >
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
                <ColumnChooser visible={columns()} onChange={chooseColumns} />
                <ExportMenu onExport={onExport} disabled={o().rowCount === 0} />
              </div>
              <details class="definitions">
                <summary>How these figures are computed</summary>
                <dl>
                  <For each={REPORT_COLUMNS}>
                    {(c) => (
                      <>
                        <dt>
                          {COLUMN_LABELS[c]} <code>{c}</code>
                        </dt>
                        <dd>{COLUMN_HELP[c]}.</dd>
                      </>
                    )}
                  </For>
                </dl>
              </details>
              <Show when={exportError()}>
                <p class="notice notice--error" role="alert">
                  {exportError()}
                </p>
              </Show>
              <Show when={exportNote()}>
                <p class="notice" role="status" data-testid="export-note">
                  {exportNote()}
                </p>
              </Show>
              <Show
                when={o().rowCount > 0}
                fallback={
                  <p class="table-empty">
                    No rows match these filters{filtered() ? '. Clear a filter or widen the date range.' : ' in this date range.'}
                  </p>
                }
              >
                <ReportTable
                  selection={selection}
                  onOpenUser={openUser}
                  rowCount={o().rowCount}
                  firstRows={o().firstRows}
                  columns={columns()}
                  sort={view().sort}
                  onSort={onSort}
                  fetchRows={fetchRows}
                  gridRef={(el) => {
                    grid = el;
                  }}
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
            <UnassignDialog
              rowIds={u().rowIds}
              label={u().label}
              source="report"
              onDone={(message) => {
                setUnassigning(null);
                if (message) {
                  setNotice(message);
                  setSelected(new Set<number>());
                  // The selection bar that opened the dialog is gone: the grid takes focus.
                  queueMicrotask(() => grid?.focus());
                }
              }}
            />
          )}
        </Show>
      </section>
    </Show>
  );
}
