import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { RangeData } from '../../core/session/engine-session';
import type { ReportViewState } from '../../core/vocabulary/view-state';

/**
 * Says how old the usage data is when that matters to the figures shown
 * (docs/figures.md, "Stale data"), with one click to move the range's end.
 */
export function DataFreshnessNotice(props: {
  data: RangeData | undefined;
  view: ReportViewState;
  onChange: (patch: Partial<ReportViewState>) => void;
}) {
  const f = () => props.data?.freshness;
  const custom = () => !props.view.range && !!props.view.from && !!props.view.to;
  const endOnData = () => {
    const newest = f()?.newestUsage;
    if (!newest) return;
    // ISO days compare as text: the earlier of the range's start and the last data day.
    const from = [props.view.from!, newest].sort()[0]!;
    if (custom()) props.onChange({ range: null, from, to: newest });
    else props.onChange({ asof: 'data' });
  };
  return (
    <Show when={props.data}>
      {(d) => (
        <>
          <Show when={d().freshness.newestUsage === null}>
            <p class="notice notice--warn" role="status" data-testid="stale-data">
              No daily usage is imported yet, so nobody is counted active or inactive. <A href="/import">Import a Usage export</A>.
            </p>
          </Show>
          <Show when={d().endsOnDataByDefault}>
            <p class="notice notice--warn" role="status" data-testid="stale-data">
              <strong>{d().freshness.label}.</strong> The range ends on that day, the last one the data covers.{' '}
              <button type="button" class="link-button" onClick={() => props.onChange({ asof: 'today' })}>
                End today instead
              </button>
            </p>
          </Show>
          <Show when={!d().endsOnDataByDefault && d().runsPastData}>
            <p class="notice notice--warn" role="status" data-testid="stale-data">
              <strong>{d().freshness.label}.</strong> This range runs past the data: the days after it hold no usage, and nobody is counted
              inactive for them.{' '}
              <button type="button" class="link-button" onClick={endOnData}>
                End on the last data day
              </button>
            </p>
          </Show>
          <Show when={d().freshness.laggingTeams.filter((t) => props.view.team === null || t.team === props.view.team)}>
            {(lagging) => (
              <Show when={lagging().length > 0}>
                <p class="notice" role="status" data-testid="lagging-teams">
                  Usage of {lagging().length === 1 ? 'one team ends' : `${lagging().length} teams ends`} earlier than the rest:{' '}
                  <For each={lagging().slice(0, 5)}>
                    {(t, i) => (
                      <>
                        {i() > 0 ? ', ' : ''}
                        <strong>{t.team}</strong> ({t.newestUsage})
                      </>
                    )}
                  </For>
                  {lagging().length > 5 ? ` and ${lagging().length - 5} more` : ''}. Import their newer usage, or they show less use than
                  they had.
                </p>
              </Show>
            )}
          </Show>
        </>
      )}
    </Show>
  );
}
