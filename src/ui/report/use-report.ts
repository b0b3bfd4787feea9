/**
 * The Usage Report's data: the view in the URL, the user detail it opens, the
 * query and its rows, the selection for unassigning, and the exports (docs/report.md).
 */
import { createMemo, createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { downloadBytes } from '../common/download';
import { todayUtc } from '../../core/vocabulary/days';
import { DEFAULT_COLUMNS, type DisplayColumn, type ReportColumn, type ReportRow } from '../../core/vocabulary/report-columns';
import type { ExportFormat } from '../../core/export/report-export';
import type { RowSelection } from './ReportTable';
import { usePaintedView } from './use-painted-view';
import { useViewState } from './use-view-state';
import { parseColumns, type ReportViewState } from '../../core/vocabulary/view-state';

const COLUMNS_KEY = 'seatwise.report.columns';

function rememberedColumns(): DisplayColumn[] | null {
  try {
    return parseColumns(localStorage.getItem(COLUMNS_KEY));
  } catch {
    return null;
  }
}

export function useReport() {
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
    if (detailPushed) {
      detailPushed = false;
      history.back();
      return;
    }
    const p = new URLSearchParams(location.search);
    p.delete('user');
    navigate(`/report?${p.toString()}`, { replace: true, scroll: false });
  };
  const selection: RowSelection = {
    isSelected: (id) => selected().has(id),
    toggle: (row: ReportRow, on) =>
      setSelected((s) => {
        const n = new Set(s);
        if (on) n.add(row.id);
        else n.delete(row.id);
        return n;
      }),
    headerState: () => (selected().size === 0 ? 'none' : selected().size >= selectableCount() ? 'all' : 'some'),
    toggleAll: (on) => {
      if (!on) {
        setSelected(new Set<number>());
        return;
      }
      void client.engine.selectableRowIds().then((ids) => setSelected(new Set(ids)));
    },
  };
  const togglePending = (on: boolean) => client.write('pending', () => client.engine.setIncludePending(on));
  const [exportError, setExportError] = createSignal<string | null>(null);
  const [exportNote, setExportNote] = createSignal<string | null>(null);

  const [outcome] = createResource(
    () => (client.hasData() ? { view: view(), version: client.version('workspace', 'changes') } : null),
    async ({ view: v }) => {
      const result = await client.engine.query(v, todayUtc());
      setSelectableCount(result.selectableCount);
      if (selected().size > 0) {
        // Keep only the selected rows that are still there and can still be unassigned.
        const still = new Set(await client.engine.selectableRowIds());
        setSelected((s) => new Set([...s].filter((id) => still.has(id))));
      }
      // The view this answer is for: what is shown with its figures (the scope named over the tiles, say)
      // follows the answer, not the filters as just changed, so the two never disagree in between.
      return { ...result, view: v };
    },
  );

  /** The view whose rows have been painted: the trend and the balance are asked for after the rows. */
  const painted = usePaintedView(
    () => outcome.latest,
    () => outcome.loading,
  );
  // The balance depends on the team and the range's end only: a key that stays the same when a row
  // filter changes, so the tile is not fetched again on every filter.
  const balanceAsked = createMemo(
    () => {
      const v = painted.view();
      return v && client.hasData()
        ? { key: JSON.stringify([v.team, v.range, v.from, v.to, v.asof, client.version('workspace', 'purchases')]), view: v }
        : null;
    },
    null,
    { equals: (a, b) => a?.key === b?.key },
  );
  const [balance] = createResource(balanceAsked, (a) => client.engine.flexBalanceTile(a.view, todayUtc()));

  /** The columns in the URL, else the last ones chosen in this browser, else the default set (docs/ranges-and-links.md). */
  const [remembered, setRemembered] = createSignal(rememberedColumns());
  const columns = (): DisplayColumn[] => view().cols ?? remembered() ?? [...DEFAULT_COLUMNS];
  const chooseColumns = (cols: DisplayColumn[]) => {
    setRemembered(cols);
    try {
      localStorage.setItem(COLUMNS_KEY, cols.join(','));
    } catch {
      // Storage refused (private mode, quota): the choice still holds in the URL.
    }
    setView({ cols });
  };
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
      const file = await client.engine.exportReport(format);
      downloadBytes(file.bytes, file.fileName, file.mimeType);
      if (file.note) setExportNote(`${file.fileName}: ${file.note}`);
    } catch (err) {
      setExportError(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  /** A page of the rows behind the table, fetched as it scrolls. */
  const fetchRows = (offset: number, limit: number) => client.engine.rows(offset, limit);
  /** Whether the view narrows the rows: the one of the answer shown, else the filters as chosen. */
  const filtered = (v: ReportViewState = outcome.latest?.view ?? view()) =>
    !!(v.team || v.access || v.activity || v.assignment || v.product || v.group || v.q);

  return {
    view,
    setView,
    painted,
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
    columns,
    chooseColumns,
    onSort,
    onExport,
    fetchRows,
    filtered,
  };
}
