import { Index, Show, createMemo, createSignal } from 'solid-js';
import { RANGE_PRESETS, presetLabel, type RangePreset } from '../../core/vocabulary/date-range';
import { displayIsoDay, parseIsoDay, type Day } from '../../core/vocabulary/days';
import type { WorkspaceSummary } from '../../core/session/engine-session';
import { DEFAULT_RANGE, type ReportViewState } from '../../core/vocabulary/view-state';

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  onChange: (v: string) => void;
  disabled?: boolean;
}) {
  // A list given again with the same texts (each filter change gives one) changes nothing on the page.
  const options = createMemo(() => props.options, undefined, {
    equals: (a, b) => a.length === b.length && a.every((o, i) => o[0] === b[i]![0] && o[1] === b[i]![1]),
  });
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {/* Options kept by position: a list given again (a range's labels follow each answer) changes only the
            texts that differ, since rebuilding a select's options makes the browser measure them again. */}
        <Index each={options()}>
          {(option) => (
            <option value={option()[0]} selected={option()[0] === props.value}>
              {option()[1]}
            </option>
          )}
        </Index>
      </select>
    </div>
  );
}

const orNull = (v: string) => (v === '' ? null : v);

export interface ScopeProps {
  view: ReportViewState;
  summary: WorkspaceSummary;
  asOf: Day;
  from: string;
  to: string;
  snapshotMode: boolean;
  /** The usage data is stale: the default end is its last day, not today. */
  stale: boolean;
  onChange: (patch: Partial<ReportViewState>) => void;
}

/** Where a preset range ends: today, or the last data day (the default when the data is stale). */
function endOptions(props: ScopeProps): [string, string][] {
  const last = props.summary.lastEventDay ? ` (${displayIsoDay(props.summary.lastEventDay)})` : '';
  const chosen: [string, string][] =
    props.view.asof && props.view.asof !== 'data' && props.view.asof !== 'today' ? [['date', displayIsoDay(props.view.asof)]] : [];
  return props.stale
    ? [['', `Last data day${last}`], ['today', 'Today'], ...chosen]
    : [['', 'Today'], ['data', `Last data day${last}`], ...chosen];
}

/** Team, date range (presets with their dates, or custom) and as-of: shared by every view. */
export function ScopeFields(props: ScopeProps) {
  const rangeValue = () => props.view.range ?? (props.view.from && props.view.to ? 'custom' : DEFAULT_RANGE);
  const onRange = (v: string) => {
    if (v === 'custom') props.onChange({ range: null, from: props.from, to: props.to });
    else props.onChange({ range: v as RangePreset, from: null, to: null });
  };
  return (
    <>
      <Select
        id="f-team"
        label="Team"
        value={props.view.team ?? ''}
        onChange={(v) => props.onChange({ team: orNull(v) })}
        options={[['', 'All Teams'], ...props.summary.teams.map((t): [string, string] => [t, t])]}
      />
      <Select
        id="f-range"
        label="Date range"
        value={rangeValue()}
        onChange={onRange}
        disabled={props.snapshotMode}
        options={[...RANGE_PRESETS.map((p): [string, string] => [p, presetLabel(p, props.asOf)]), ['custom', 'Custom range…']]}
      />
      <Show when={rangeValue() === 'custom'}>
        <div class="field">
          <label for="f-from">From</label>
          <input
            id="f-from"
            type="date"
            value={props.from}
            max={props.to}
            onChange={(e) =>
              parseIsoDay(e.currentTarget.value) !== null && props.onChange({ range: null, from: e.currentTarget.value, to: props.to })
            }
          />
        </div>
        <div class="field">
          <label for="f-to">To</label>
          <input
            id="f-to"
            type="date"
            value={props.to}
            min={props.from}
            onChange={(e) =>
              parseIsoDay(e.currentTarget.value) !== null && props.onChange({ range: null, from: props.from, to: e.currentTarget.value })
            }
          />
        </div>
      </Show>
      <Show when={rangeValue() !== 'custom'}>
        <Select
          id="f-asof"
          label="Ending"
          value={
            props.stale && props.view.asof === 'data'
              ? ''
              : props.view.asof === 'data' || props.view.asof === 'today'
                ? props.view.asof
                : props.view.asof
                  ? 'date'
                  : ''
          }
          disabled={props.snapshotMode}
          onChange={(v) => props.onChange({ asof: v === 'data' || v === 'today' ? v : null })}
          options={endOptions(props)}
        />
      </Show>
    </>
  );
}

/** Team and range only, for the seat, Flex and export views. */
export function ScopeFilters(props: ScopeProps) {
  return (
    <form class="filters" aria-label="Team and date range" onSubmit={(e) => e.preventDefault()}>
      <ScopeFields {...props} />
    </form>
  );
}

/** How many of the view's filters differ from their defaults, for the small screens' Filters button. */
function filtersSet(v: ReportViewState): number {
  const set = [v.team, v.range ?? (v.from && v.to ? 'custom' : null), v.asof, v.access, v.activity, v.assignment, v.product, v.group, v.q];
  return set.filter((x) => x !== null && x !== '').length;
}

/** After the control that held focus has gone (Clear filters): the first filter, or the Filters button when they are folded. */
export function focusFilters() {
  const first = document.getElementById('f-team');
  if (first && first.offsetParent !== null) first.focus();
  else document.getElementById('filters-toggle')?.focus();
}

/** The report's filters (docs/ranges-and-links.md). Every change goes to the URL; the URL is the state. */
export function ReportFilters(props: ScopeProps) {
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  // Small screens fold the filters behind a button that says how many are set (docs/report.md, "On screen").
  const [open, setOpen] = createSignal(false);
  const count = () => filtersSet(props.view);
  return (
    <>
      <button
        id="filters-toggle"
        type="button"
        class="button filters-toggle"
        aria-expanded={open()}
        aria-controls="report-filters"
        onClick={() => setOpen(!open())}
      >
        Filters{count() > 0 ? ` (${count()} set)` : ''}
      </button>
      <form
        id="report-filters"
        class="filters"
        classList={{ 'is-folded': !open() }}
        aria-label="Report filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <ScopeFields {...props} />
        <Select
          id="f-access"
          label="Access option"
          value={props.view.access ?? ''}
          onChange={(v) => props.onChange({ access: orNull(v) as ReportViewState['access'] })}
          options={[
            ['', 'All'],
            ['subscription', 'Subscription'],
            ['flex', 'Flex'],
          ]}
        />
        <Select
          id="f-activity"
          label="User activity"
          value={props.view.activity ?? ''}
          onChange={(v) => props.onChange({ activity: orNull(v) as ReportViewState['activity'] })}
          options={[
            ['', 'All'],
            ['active', 'Active'],
            ['inactive', 'Inactive'],
            ['not-yet-active', 'Not yet active'],
          ]}
        />
        <Select
          id="f-assignment"
          label="Seat assignment"
          value={props.view.assignment ?? ''}
          onChange={(v) => props.onChange({ assignment: orNull(v) as ReportViewState['assignment'] })}
          options={[
            ['', 'All'],
            ['assigned', 'Assigned'],
            ['unassigned', 'Unassigned'],
          ]}
        />
        <Select
          id="f-product"
          label="Product"
          value={props.view.product ?? ''}
          onChange={(v) => props.onChange({ product: orNull(v) })}
          options={[['', 'All products'], ...props.summary.products.map((p): [string, string] => [p, p])]}
        />
        <Select
          id="f-group"
          label="Group"
          value={props.view.group ?? ''}
          onChange={(v) => props.onChange({ group: orNull(v) })}
          options={[['', 'All groups'], ...props.summary.groups.map((g): [string, string] => [g, g])]}
        />
        <div class="field field--grow">
          <label for="f-q">Name or email</label>
          <input
            id="f-q"
            type="search"
            value={props.view.q}
            placeholder="Search people"
            onInput={(e) => {
              const v = e.currentTarget.value;
              clearTimeout(searchTimer);
              searchTimer = setTimeout(() => props.onChange({ q: v }), 200);
            }}
          />
        </div>
      </form>
    </>
  );
}
