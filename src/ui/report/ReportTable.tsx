// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid draws only the rows in view, so its rows and cells are ARIA roles on divs
// biome-ignore-all lint/a11y/useFocusableInteractive: focus moves through the grid as one widget (aria-activedescendant), not cell by cell
// biome-ignore-all lint/a11y/useKeyWithClickEvents: the grid's key handler does what a click on a row does
/**
 * The virtualised report table (docs/report.md, "On screen"): only the rows in view exist in
 * the DOM, fetched from the engine worker a page at a time, against the window's scroll, so the
 * table is as tall as the page allows and its header stays in view; 100,000 rows scroll as
 * smoothly as 100. The name column stays in view when the table scrolls sideways.
 */
import { For, Show, createEffect, createMemo, createSignal, on, onCleanup, onMount } from 'solid-js';
import { displayIsoDay } from '../../core/vocabulary/days';
import { formatNumber } from '../../core/vocabulary/format';
import {
  DATE_COLUMNS,
  DISPLAY_HELP,
  DISPLAY_LABELS,
  FIRST_ROWS,
  NUMBER_COLUMNS,
  type DisplayColumn,
  type ReportColumn,
  type ReportRow,
} from '../../core/vocabulary/report-columns';
import type { SortSpec } from '../../core/vocabulary/report-query';

const ROW_HEIGHT = 34;
const PAGE = FIRST_ROWS;
const OVERSCAN = 8;

/** Each column's narrowest width; wider windows share the rest out in the same proportions. */
const MIN_WIDTHS: Record<DisplayColumn, number> = {
  name: 170,
  team: 130,
  first_name: 110,
  last_name: 120,
  email: 210,
  product_name: 160,
  access_option: 110,
  group: 130,
  assigned_date: 105,
  unassigned_date: 110,
  seat_assignment: 120,
  user_activity: 120,
  days_used: 90,
  monthly_average: 105,
  last_accessed: 115,
  days_inactive: 115,
  tokens_used: 95,
};

export interface RowSelection {
  isSelected: (id: number) => boolean;
  toggle: (row: ReportRow, on: boolean) => void;
  /** 'all' | 'some' | 'none' of the selectable filtered rows. */
  headerState: () => 'all' | 'some' | 'none';
  toggleAll: (on: boolean) => void;
}

const CHECK_WIDTH = 44;
const PERSON_COLUMNS: ReadonlySet<DisplayColumn> = new Set(['name', 'first_name', 'last_name', 'email']);
const isNumber = (c: DisplayColumn) => c !== 'name' && NUMBER_COLUMNS.has(c);
/** The name column sorts by last name (the natural order's key); docs/report.md, "Filters, search and sorting". */
const sortColumn = (c: DisplayColumn): ReportColumn => (c === 'name' ? 'last_name' : c);

interface Props {
  selection: RowSelection;
  onOpenUser: (userRef: string) => void;
  rowCount: number;
  /** The first page, delivered with each query: a new array means new rows behind the table. */
  firstRows: ReportRow[];
  columns: DisplayColumn[];
  sort: SortSpec | null;
  onSort: (column: ReportColumn) => void;
  fetchRows: (offset: number, limit: number) => Promise<ReportRow[]>;
  /** The grid element, for the page to move focus to it. */
  gridRef?: (el: HTMLDivElement) => void;
}

function cellText(row: ReportRow, c: DisplayColumn): string {
  if (c === 'name') return `${row.first_name} ${row.last_name}`.trim();
  const v = row[c];
  // A Flex row nobody used has no activity (docs/report.md, "user activity"); the table says so, the export stays empty.
  if (c === 'user_activity' && v === '' && row.access_option === 'Flex') return 'No use';
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return c === 'monthly_average' ? v.toFixed(1) : formatNumber(v);
  return DATE_COLUMNS.has(c) ? displayIsoDay(v) : v;
}

export function ReportTable(props: Props) {
  let grid!: HTMLDivElement;
  let head!: HTMLDivElement;
  let scroller!: HTMLDivElement;
  let body!: HTMLDivElement;
  /** The window over the body: how far its top is above the viewport's, and the viewport's height. */
  const [view, setView] = createSignal({ top: 0, height: 800 });
  const [pages, setPages] = createSignal(new Map<number, ReportRow[]>());
  const [active, setActive] = createSignal(0);
  const requested = new Set<number>();
  let generation = 0;

  const measure = () => setView({ top: -body.getBoundingClientRect().top, height: window.innerHeight });

  createEffect(
    on(
      () => props.firstRows,
      () => {
        generation++;
        requested.clear();
        requested.add(0);
        setPages(new Map([[0, props.firstRows]]));
        setActive((a) => Math.min(a, Math.max(0, props.rowCount - 1)));
        if (body) measure();
      },
    ),
  );

  onMount(() => {
    props.gridRef?.(grid);
    measure();
    window.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    // Whatever moves the table down the page (a notice, a chart, wrapping filters) moves the rows in view.
    const ro = new ResizeObserver(measure);
    ro.observe(document.body);
    onCleanup(() => {
      window.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
      ro.disconnect();
    });
  });

  const range = createMemo(
    () => {
      const { top, height } = view();
      const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
      // At least a screenful from the first row, so a table below the fold is ready when reached.
      const last = Math.min(props.rowCount, Math.max(Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN, first + 2 * OVERSCAN));
      return { first, last };
    },
    { first: 0, last: 0 },
    { equals: (a, b) => a.first === b.first && a.last === b.last },
  );

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
  const template = () => `${CHECK_WIDTH}px ${props.columns.map((c) => `minmax(${MIN_WIDTHS[c]}px, ${MIN_WIDTHS[c]}fr)`).join(' ')}`;
  const width = () => `max(100%, ${CHECK_WIDTH + props.columns.reduce((s, c) => s + MIN_WIDTHS[c], 0)}px)`;
  /** A pending change is marked beside the seat assignment, or on the first column when that is hidden. */
  const badgeColumn = () => (props.columns.includes('seat_assignment') ? 'seat_assignment' : props.columns[0]);

  /** Makes row `i` the active one and scrolls the window just enough to show it below the sticky header. */
  const moveTo = (i: number) => {
    const n = Math.max(0, Math.min(props.rowCount - 1, i));
    setActive(n);
    const rowTop = body.getBoundingClientRect().top + n * ROW_HEIGHT;
    const headBottom = Math.max(0, head.getBoundingClientRect().bottom);
    if (rowTop < headBottom) window.scrollBy(0, rowTop - headBottom);
    else if (rowTop + ROW_HEIGHT > window.innerHeight) window.scrollBy(0, rowTop + ROW_HEIGHT - window.innerHeight);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor((window.innerHeight - head.offsetHeight) / ROW_HEIGHT) - 1);
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
    } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && e.target === grid) {
      e.preventDefault();
      scroller.scrollLeft += e.key === 'ArrowLeft' ? -120 : 120;
    } else if ((e.key === 'Enter' || e.key === ' ') && e.target === grid) {
      const row = rowAt(active());
      if (!row) return;
      e.preventDefault();
      if (e.key === 'Enter') props.onOpenUser(row.userRef);
      else if (!row.lockReason) props.selection.toggle(row, !props.selection.isSelected(row.id));
    }
  };

  /** The sort a header shows: the chosen one, or the natural order (team, then last name) on its first column shown. */
  const sortOf = (c: DisplayColumn): 'asc' | 'desc' | 'natural' | null => {
    const s = props.sort;
    if (s) return s.column === sortColumn(c) || (c === 'name' && s.column === 'first_name') ? s.direction : null;
    const natural = props.columns.find((x) => x === 'team' || x === 'name' || x === 'last_name');
    return c === natural ? 'natural' : null;
  };
  const ariaSort = (c: DisplayColumn) => {
    const s = sortOf(c);
    return s === 'asc' ? 'ascending' : s === 'desc' ? 'descending' : s === 'natural' ? 'other' : 'none';
  };
  const sortTitle = (c: DisplayColumn) => {
    const s = sortOf(c);
    const order =
      s === 'natural'
        ? 'Rows are in the natural order: team, then last name, first name, email, product'
        : s
          ? `Sorted ${s === 'asc' ? 'ascending' : 'descending'}; click to reverse`
          : 'Click to sort';
    return `${DISPLAY_HELP[c]}. ${order}.`;
  };

  const syncFromBody = () => {
    if (head.scrollLeft !== scroller.scrollLeft) head.scrollLeft = scroller.scrollLeft;
  };
  const syncFromHead = () => {
    if (scroller.scrollLeft !== head.scrollLeft) scroller.scrollLeft = head.scrollLeft;
  };

  return (
    <div
      ref={grid}
      class="report-table"
      role="grid"
      aria-label="Usage Report"
      aria-rowcount={props.rowCount + 1}
      aria-colcount={props.columns.length + 1}
      tabIndex={0}
      aria-activedescendant={props.rowCount > 0 ? `report-row-${active()}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="report-table"
    >
      <div ref={head} class="report-table__head" onScroll={syncFromHead}>
        <div role="rowgroup" style={{ width: width() }}>
          <div class="report-table__header" role="row" aria-rowindex="1" style={{ 'grid-template-columns': template() }}>
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
              {(c, i) => (
                <div
                  role="columnheader"
                  aria-sort={ariaSort(c)}
                  class="report-table__th"
                  classList={{ 'is-number': isNumber(c), 'is-pinned': i() === 0 }}
                >
                  <button type="button" onClick={() => props.onSort(sortColumn(c))} data-column={c} title={sortTitle(c)}>
                    <span class="report-table__label">{DISPLAY_LABELS[c]}</span>
                    <span aria-hidden="true" class="sort-mark" classList={{ 'sort-mark--natural': sortOf(c) === 'natural' }}>
                      {sortOf(c) === 'desc' ? '▼' : sortOf(c) ? '▲' : ''}
                    </span>
                  </button>
                </div>
              )}
            </For>
          </div>
        </div>
      </div>
      <div ref={scroller} class="report-table__scroll" onScroll={syncFromBody}>
        <div ref={body} role="rowgroup" class="report-table__body" style={{ height: `${props.rowCount * ROW_HEIGHT}px`, width: width() }}>
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
                        {(c, ci) => (
                          <div
                            role="gridcell"
                            class="report-table__td"
                            classList={{
                              'is-number': isNumber(c),
                              'is-pinned': ci() === 0,
                              [`activity-${String(row().user_activity).toLowerCase().replace(/\s+/g, '-')}`]: c === 'user_activity',
                            }}
                          >
                            <Show when={PERSON_COLUMNS.has(c) && cellText(row(), c) !== ''} fallback={cellText(row(), c)}>
                              <button
                                type="button"
                                class="cell-link"
                                onClick={() => props.onOpenUser(row().userRef)}
                                tabindex={i === active() ? 0 : -1}
                              >
                                {cellText(row(), c)}
                              </button>
                            </Show>
                            <Show when={c === badgeColumn() && row().pending}>
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
    </div>
  );
}
