/**
 * Recommendations with money attached: the plan's headline and summary table,
 * then one card per team × offering grouped by type, each with its arithmetic;
 * acting on one is reviewed in a dialog first (docs/recommendations.md).
 */
import { For, Show } from 'solid-js';
import { formatInt } from '../../core/vocabulary/format';
import type { RecommendationKind } from '../../core/recommendations/recommendations';
import { ScopedPage } from '../report/ScopedPage';
import { KIND_LABELS } from './plan-summary';
import { Card, SummaryTable } from './RecommendationCards';
import { PriceEditor } from './PriceEditor';
import { QueueRecommendationDialog } from './QueueRecommendationDialog';
import { useRecommendations } from './use-recommendations';
import './recommendations.css';
import { Tile } from '../common/Tile';

export default function RecommendationsPage() {
  const {
    setView,
    scoped,
    message,
    type,
    chooseType,
    team,
    chooseTeam,
    reviewing,
    setReviewing,
    data,
    prices,
    items,
    totals,
    teams,
    kinds,
    shown,
    visible,
    openGroup,
    done,
    show,
    products,
  } = useRecommendations();
  return (
    <ScopedPage id="rec-title" title="Recommendations" scope={data()} view={scoped()} onChange={setView} wide>
      <Show when={data()}>
        <div class="tiles">
          <section class="tile-group" aria-label="Money at stake">
            <div class="tile-group__tiles">
              <Tile
                testId="rec-net"
                value={
                  <>
                    {totals().net < 0 ? '−' : ''}US${formatInt(Math.abs(totals().net))}
                  </>
                }
                label={<>{totals().net < 0 ? 'Net cost a year' : 'Net saving a year'}, the whole plan</>}
              />
              <Tile testId="rec-savings" value={<>US${formatInt(totals().saves)}</>} label="Saved by the recommendations that save" />
              <Tile value={<>US${formatInt(totals().costs)}</>} label="Spent by those that cost" />
              <Tile value={totals().count} label="Recommendations" />
              <Tile value={formatInt(totals().people)} label="People concerned" />
            </div>
          </section>
        </div>
        <p class="notice" aria-live="polite" data-testid="rec-message" classList={{ 'is-empty': !message() }}>
          {message()}
        </p>
        <Show when={prices()}>{(p) => <PriceEditor prices={p()} products={products()} />}</Show>
        <Show when={items().length > 0} fallback={<p class="table-empty">Nothing to recommend for this team and period.</p>}>
          <SummaryTable items={items()} onShow={show} />
          <div class="table-toolbar rec-filters">
            <h2>Recommendations by type</h2>
            <span class="spacer" />
            <div class="field">
              <label for="rec-type">Type</label>
              <select id="rec-type" value={type()} onChange={(e) => chooseType(e.currentTarget.value as RecommendationKind | '')}>
                <option value="">All types</option>
                <For each={kinds()}>{(k) => <option value={k}>{KIND_LABELS[k]}</option>}</For>
              </select>
            </div>
            <Show when={teams().length > 1}>
              <div class="field">
                <label for="rec-team">Show team</label>
                <select id="rec-team" value={team()} onChange={(e) => chooseTeam(e.currentTarget.value)}>
                  <option value="">All teams</option>
                  <For each={teams()}>{(t) => <option value={t}>{t}</option>}</For>
                </select>
              </div>
            </Show>
          </div>
          <For each={kinds()}>
            {(k) => (
              <Show when={shown(k).length > 0}>
                <section class="rec-group" aria-labelledby={`rec-group-${k}`} data-testid={`rec-group-${k}`}>
                  <h2 id={`rec-group-${k}`}>
                    {KIND_LABELS[k]} <span class="badge">{shown(k).length}</span>
                  </h2>
                  <For each={visible(k)}>{(r) => <Card r={r} onQueue={setReviewing} />}</For>
                  <Show when={visible(k).length < shown(k).length}>
                    <button type="button" class="button" onClick={() => openGroup(k)}>
                      Show all {shown(k).length} ({shown(k).length - visible(k).length} more)
                    </button>
                  </Show>
                </section>
              </Show>
            )}
          </For>
        </Show>
        <Show when={reviewing()}>{(r) => <QueueRecommendationDialog r={r()} view={scoped()} onDone={(m) => done(r().id, m)} />}</Show>
      </Show>
    </ScopedPage>
  );
}
