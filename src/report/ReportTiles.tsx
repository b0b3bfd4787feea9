import { Show } from 'solid-js';
import type { Tiles } from '../engine/report';
import { formatInt, formatTokens } from '../app/format';

function Tile(props: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div class="tile" data-testid={props.testId} title={props.hint}>
      <div class="tile__value">{props.value}</div>
      <div class="tile__label">{props.label}</div>
    </div>
  );
}

/** Overview tiles of SPEC §4.3, recomputed with every filter change. */
export function ReportTiles(props: { tiles: Tiles; allTeams: boolean }) {
  const t = () => props.tiles;
  return (
    <div class="tiles" aria-label="Overview">
      <section class="tile-group" aria-labelledby="tiles-subs">
        <h2 id="tiles-subs" class="tile-group__title">Subscriptions</h2>
        <div class="tile-group__tiles">
          <Tile testId="tile-subscriptions" label="Subscriptions" value={formatInt(t().subscriptions)} hint="Subscriptions current at the end of the range" />
          <Tile testId="tile-seats" label="Seats" value={formatInt(t().seats)} />
          <Tile testId="tile-assigned-seats" label="Assigned seats" value={formatInt(t().assignedSeats)} hint="Users holding a seat at the end of the range; a collection counts as one seat" />
          <Tile testId="tile-unassigned-seats" label="Unassigned seats" value={formatInt(t().unassignedSeats)} />
          <Tile testId="tile-active-users" label="Active users" value={formatInt(t().activeUsers)} hint="Users who used an assigned product in the range" />
          <Show
            when={!props.allTeams && t().inactiveUsers !== null}
            fallback={<Tile testId="tile-inactive-users" label="Inactive users" value="—" hint="Choose one team: a user can be inactive in one team and active in another" />}
          >
            <Tile testId="tile-inactive-users" label="Inactive users" value={formatInt(t().inactiveUsers ?? 0)} hint="Users with a seat they did not use in the whole range" />
          </Show>
        </div>
      </section>
      <section class="tile-group" aria-labelledby="tiles-flex">
        <h2 id="tiles-flex" class="tile-group__title">Flex</h2>
        <div class="tile-group__tiles">
          <Tile testId="tile-flex-tokens" label="Tokens used" value={formatTokens(t().flexTokens)} />
          <Tile testId="tile-flex-balance" label="Remaining balance" value="—" hint="Enter your token purchases to see the balance" />
          <Tile testId="tile-flex-users" label="Flex users" value={formatInt(t().flexUsers)} />
          <Tile testId="tile-flex-monthly" label="Monthly average tokens" value={Number.isNaN(t().flexMonthlyAverageTokens) ? '—' : formatTokens(t().flexMonthlyAverageTokens)} />
        </div>
      </section>
    </div>
  );
}
