// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid draws only the rows in view, so its rows and cells are ARIA roles on divs
// biome-ignore-all lint/a11y/useFocusableInteractive: focus moves through the grid as one widget (aria-activedescendant), not cell by cell
// biome-ignore-all lint/a11y/useKeyWithClickEvents: the grid's key handler does what a click on a row does
/**
 * The virtualised report table (docs/report.md): only the rows in view exist in the
 * DOM, fetched from the engine worker a page at a time; 100,000 rows scroll as
 * smoothly as 100.
 */
import { For, Show, createEffect, createMemo, createSignal, on, onCleanup, onMount } from 'solid-js';
import {
  COLUMN_HELP,
  COLUMN_LABELS,
  FIRST_ROWS,
  NUMBER_COLUMNS,
  type ReportColumn,
  type ReportRow,
} from '../../core/vocabulary/report-columns';
import type { SortSpec } from '../../core/vocabulary/report-query';

const ROW_HEIGHT = 34;
const PAGE = FIRST_ROWS;
const OVERSCAN = 8;

export const COLUMN_WIDTHS: Record<ReportColumn, number> = {
  team: 150,
  first_name: 120,
  last_name: 130,
  email: 250,
  product_name: 200,
  access_option: 120,
  group: 150,
  assigned_date: 115,
  unassigned_date: 120,
  seat_assignment: 130,
  user_activity: 130,
  days_used: 95,
  monthly_average: 125,
  last_accessed: 120,
  days_inactive: 115,
  tokens_used: 110,
};

export interface RowSelection {
  isSelected: (id: number) => boolean;
  toggle: (row: ReportRow, on: boolean) => void;
  /** 'all' | 'some' | 'none' of the selectable filtered rows. */
  headerState: () => 'all' | 'some' | 'none';
  toggleAll: (on: boolean) => void;
}

const CHECK_WIDTH = 44;
const PERSON_COLUMNS: ReadonlySet<ReportColumn> = new Set(['first_name', 'last_name', 'email']);

interface Props {
  selection: RowSelection;
  onOpenUser: (userRef: string) => void;
  rowCount: number;
  /** The first page, delivered with each query: a new array means new rows behind the table. */
  firstRows: ReportRow[];
  columns: ReportColumn[];
  sort: SortSpec | null;
  onSort: (column: ReportColumn) => void;
  fetchRows: (offset: number, limit: number) => Promise<ReportRow[]>;
}

function cellText(row: ReportRow, c: ReportColumn): string {
  const v = row[c];
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return c === 'monthly_average' ? v.toFixed(1) : v.toLocaleString('en');
  return v;
}

export function ReportTable(props: Props) {
  let scroller!: HTMLDivElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewport, setViewport] = createSignal(600);
  const [pages, setPages] = createSignal(new Map<number, ReportRow[]>());
  const [active, setActive] = createSignal(0);
  const requested = new Set<number>();
  let generation = 0;

  createEffect(
    on(
      () => props.firstRows,
      () => {
        generation++;
        requested.clear();
        requested.add(0);
        setPages(new Map([[0, props.firstRows]]));
        setActive((a) => Math.min(a, Math.max(0, props.rowCount - 1)));
      },
    ),
  );

  onMount(() => {
    const ro = new ResizeObserver(() => setViewport(scroller.clientHeight));
    ro.observe(scroller);
    onCleanup(() => ro.disconnect());
  });

  const range = createMemo(() => {
    const first = Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(props.rowCount, Math.ceil((scrollTop() + viewport()) / ROW_HEIGHT) + OVERSCAN);
    return { first, last };
  });

  createEffect(() => {
    const { first, last } = range();
    const gen = generation;
    for (let p = Math.floor(first / PAGE); p * PAGE < last; p++) {
      if (requested.has(p)) continue;
      requested.add(p);
      void props.fetchRows(p * PAGE, PAGE).then((rows) => {
        if (gen !== generation) return;
        setPages((m) => new Map(m).set(p, rows));
      });
    }
  });

  const visible = createMemo(() => {
    const { first, last } = range();
    return Array.from({ length: Math.max(0, last - first) }, (_, i) => first + i);
  });
  const rowAt = (i: number) => pages().get(Math.floor(i / PAGE))?.[i % PAGE];
  const template = () => `${CHECK_WIDTH}px ${props.columns.map((c) => `${COLUMN_WIDTHS[c]}px`).join(' ')}`;
  const totalWidth = () => CHECK_WIDTH + props.columns.reduce((s, c) => s + COLUMN_WIDTHS[c], 0);

  const moveTo = (i: number) => {
    const n = Math.max(0, Math.min(props.rowCount - 1, i));
    setActive(n);
    const top = n * ROW_HEIGHT,
      headerH = ROW_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT * 2 > scroller.scrollTop + scroller.clientHeight - headerH)
      scroller.scrollTop = top + ROW_HEIGHT * 2 - scroller.clientHeight + headerH;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor(viewport() / ROW_HEIGHT) - 2);
    const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    if (e.key in keys) {
      e.preventDefault();
      moveTo(active() + keys[e.key]!);
    } else if (e.key === 'Home') {
      e.preventDefault();
      moveTo(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      moveTo(props.rowCount - 1);
    } else if ((e.key === 'Enter' || e.key === ' ') && e.target === scroller) {
      const row = rowAt(active());
      if (!row) return;
      e.preventDefault();
      if (e.key === 'Enter') props.onOpenUser(row.userRef);
      else if (!row.lockReason) props.selection.toggle(row, !props.selection.isSelected(row.id));
    }
  };

  const ariaSort = (c: ReportColumn) => (props.sort?.column === c ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');

  return (
    <div
      ref={scroller}
      class="report-table"
      role="grid"
      aria-label="Usage Report"
      aria-rowcount={props.rowCount + 1}
      aria-colcount={props.columns.length + 1}
      tabIndex={0}
      aria-activedescendant={props.rowCount > 0 ? `report-row-${active()}` : undefined}
      onScroll={() => setScrollTop(scroller.scrollTop)}
      onKeyDown={onKeyDown}
      data-testid="report-table"
    >
      <div
        class="report-table__header"
        role="row"
        aria-rowindex="1"
        style={{ 'grid-template-columns': template(), width: `${totalWidth()}px` }}
      >
        <div role="columnheader" class="report-table__check">
          <input
            type="checkbox"
            aria-label="Select all rows that can be unassigned"
            checked={props.selection.headerState() === 'all'}
            ref={(el) =>
              createEffect(() => {
                el.indeterminate = props.selection.headerState() === 'some';
              })
            }
            onChange={(e) => props.selection.toggleAll(e.currentTarget.checked)}
          />
        </div>
        <For each={props.columns}>
          {(c) => (
            <div role="columnheader" aria-sort={ariaSort(c)} class="report-table__th" classList={{ 'is-number': NUMBER_COLUMNS.has(c) }}>
              <button type="button" onClick={() => props.onSort(c)} data-column={c} title={COLUMN_HELP[c]}>
                {COLUMN_LABELS[c]}
                <span aria-hidden="true" class="sort-mark">
                  {props.sort?.column === c ? (props.sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </div>
          )}
        </For>
      </div>
      <div role="rowgroup" class="report-table__body" style={{ height: `${props.rowCount * ROW_HEIGHT}px`, width: `${totalWidth()}px` }}>
        <For each={visible()}>
          {(i) => (
            <div
              role="row"
              id={`report-row-${i}`}
              aria-rowindex={i + 2}
              class="report-table__row"
              classList={{ 'is-active': i === active(), 'is-odd': i % 2 === 1 }}
              style={{ transform: `translateY(${i * ROW_HEIGHT}px)`, 'grid-template-columns': template() }}
              onClick={() => setActive(i)}
            >
              <Show
                when={rowAt(i)}
                fallback={
                  <div role="gridcell" class="report-table__loading">
                    Loading…
                  </div>
                }
              >
                {(row) => (
                  <>
                    <div role="gridcell" class="report-table__check">
                      <input
                        type="checkbox"
                        aria-label={`Select ${row().email} · ${row().product_name}`}
                        title={row().lockReason || undefined}
                        disabled={row().lockReason !== ''}
                        checked={props.selection.isSelected(row().id)}
                        onChange={(e) => props.selection.toggle(row(), e.currentTarget.checked)}
                      />
                    </div>
                    <For each={props.columns}>
                      {(c) => (
                        <div
                          role="gridcell"
                          class="report-table__td"
                          classList={{
                            'is-number': NUMBER_COLUMNS.has(c),
                            [`activity-${String(row()[c]).toLowerCase().replace(/\s+/g, '-')}`]: c === 'user_activity',
                          }}
                        >
                          <Show when={PERSON_COLUMNS.has(c)} fallback={cellText(row(), c)}>
                            <button
                              type="button"
                              class="cell-link"
                              onClick={() => props.onOpenUser(row().userRef)}
                              tabindex={i === active() ? 0 : -1}
                            >
                              {cellText(row(), c)}
                            </button>
                          </Show>
                          <Show when={c === 'seat_assignment' && row().pending}>
                            <span class="badge badge--pending">pending {row().pending}</span>
                          </Show>
                        </div>
                      )}
                    </For>
                  </>
                )}
              </Show>
            </div>
          )}
        </For>
      </div>
    </div>
  );
}
