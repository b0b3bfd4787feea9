import { Show, type JSX } from 'solid-js';
import { client } from '../common/client';
import { EmptyState } from '../import/EmptyState';
import { parseIsoDay, todayUtc } from '../../core/vocabulary/days';
import { ScopeFilters } from './ReportFilters';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import type { RangeData } from '../../core/session/engine-session';
import { DataFreshnessNotice } from './DataFreshnessNotice';

interface Scope {
  rangeLabel: string;
  asOf: string;
  from: string;
  to: string;
  data: RangeData;
}

/** A page over a team and date range: heading with the actual dates, the scope filters, then the content. */
export function ScopedPage(props: {
  id: string;
  title: string;
  scope: Scope | undefined;
  view: ReportViewState;
  onChange: (patch: Partial<ReportViewState>) => void;
  wide?: boolean;
  showRange?: boolean;
  lead?: JSX.Element;
  children: JSX.Element;
}) {
  return (
    <Show when={client.hasData()} fallback={<EmptyState />}>
      <section class="page" classList={{ 'page--wide': props.wide }} aria-labelledby={props.id}>
        <div class="page-head">
          <h1 id={props.id}>{props.title}</h1>
          <Show when={props.showRange !== false && props.scope}>{(s) => <p class="page-head__range">{s().rangeLabel}</p>}</Show>
        </div>
        {props.lead}
        <Show when={client.summary()?.snapshotMode && props.showRange !== false}>
          <p class="notice" role="note" data-testid="snapshot-only">
            This workspace holds only the portal's Usage Report, which has no usage by day: the figures here need the daily Usage export
            (and Token usage for Flex). The Usage Report page shows the imported report as it is.
          </p>
        </Show>
        <ScopeFilters
          view={props.view}
          summary={client.summary()!}
          asOf={parseIsoDay(props.scope?.asOf ?? '') ?? todayUtc()}
          from={props.scope?.from ?? ''}
          to={props.scope?.to ?? ''}
          snapshotMode={false}
          stale={!!props.scope?.data.freshness.stale}
          onChange={props.onChange}
        />
        <DataFreshnessNotice data={props.scope?.data} view={props.view} onChange={props.onChange} />
        {props.children}
      </section>
    </Show>
  );
}
