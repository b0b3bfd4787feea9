import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { Tile } from '../common/Tile';
import type { Tiles } from '../../core/report/report';
import type { BalanceTile } from '../../core/session/flex';
import { displayIsoDay } from '../../core/vocabulary/days';
import { formatInt, formatTokens } from '../../core/vocabulary/format';

const plural = (n: number, one: string, many: string) => `${formatInt(n)} ${n === 1 ? one : many}`;

/**
 * The overview tiles (docs/figures.md): every tile counts the scope — team, date
 * range and product — and none follows the other filters, which narrow the table only.
 */
export function ReportTiles(props: {
  tiles: Tiles;
  allTeams: boolean;
  balance: BalanceTile | undefined;
  scope: string;
  snapshot: boolean;
}) {
  const t = () => props.tiles;
  // The biggest over-assignment first: the one to name in a short note.
  const over = () => [...t().overAssigned].sort((a, b) => b.over - a.over || a.offering.localeCompare(b.offering));
  return (
    <section class="tiles" aria-label="Overview">
      <p class="tiles__scope" data-testid="tiles-scope">
        Tiles count {props.scope}. The other filters narrow the table only.
      </p>
      <section class="tile-group" aria-labelledby="tiles-subs">
        <h2 id="tiles-subs" class="tile-group__title">
          Subscriptions
        </h2>
        <div class="tile-group__tiles">
          <Tile
            testId="tile-subscriptions"
            label="Subscriptions"
            value={formatInt(t().subscriptions)}
            hint="Subscriptions running on the last day of the range"
          />
          <Tile testId="tile-seats" label="Seats" value={formatInt(t().seats)} hint="Seat quantities of those subscriptions" />
          <Tile
            testId="tile-assigned-seats"
            label="Assigned seats"
            value={formatInt(t().assignedSeats)}
            hint="People holding a seat on the last day of the range; a collection counts as one seat"
          />
          <Tile
            testId="tile-unassigned-seats"
            label="Unassigned seats"
            value={formatInt(t().unassignedSeats)}
            warn={t().overAssignedSeats > 0}
            hint="Seats nobody holds, offering by offering"
            note={
              t().overAssignedSeats > 0 ? (
                <span data-testid="over-assigned">
                  {plural(t().overAssignedSeats, 'seat', 'seats')} over-assigned
                  {over().length > 1 ? ` in ${formatInt(over().length)} offerings` : ''}, e.g. {over()[0]!.offering}
                  {props.allTeams ? ` (${over()[0]!.team})` : ''}: {formatInt(over()[0]!.assigned)} assigned on{' '}
                  {formatInt(over()[0]!.seats)} seats, {formatInt(over()[0]!.over)} over. <A href="/seats">See them on Seats</A>
                </span>
              ) : undefined
            }
          />
          <Tile
            testId="tile-active-users"
            label="Active users"
            value={formatInt(t().activeUsers)}
            hint="People who used a subscription seat in the range"
          />
          <Show
            when={!props.allTeams && t().inactiveUsers !== null}
            fallback={
              <Tile
                testId="tile-inactive-users"
                label="Inactive users"
                value="—"
                note="Choose one team: a person can be inactive in one team and active in another"
              />
            }
          >
            <Tile
              testId="tile-inactive-users"
              label="Inactive users"
              value={formatInt(t().inactiveUsers ?? 0)}
              hint="People with a seat they did not use in the whole range (up to the last day of data)"
            />
          </Show>
        </div>
      </section>
      <section class="tile-group" aria-labelledby="tiles-flex">
        <h2 id="tiles-flex" class="tile-group__title">
          Flex
        </h2>
        <div class="tile-group__tiles">
          <Tile testId="tile-flex-tokens" label="Tokens used" value={formatTokens(t().flexTokens)} />
          <Show when={props.balance} fallback={<Tile testId="tile-flex-balance" label="Remaining balance" value="…" />}>
            {(b) => (
              <Tile
                testId="tile-flex-balance"
                label={`Remaining balance on ${displayIsoDay(b().on)}`}
                value={b().remaining === null ? '—' : formatTokens(b().remaining!)}
                warn={b().low}
                note={
                  b().remaining === null ? (
                    <>
                      {b().reason}: <A href="/flex">add them on the Flex page</A>
                    </>
                  ) : b().low ? (
                    '20 % or less of the active packs left'
                  ) : undefined
                }
              />
            )}
          </Show>
          <Tile
            testId="tile-flex-users"
            label="Flex users (used tokens)"
            value={formatInt(t().flexUsers)}
            hint="People who spent tokens in the range"
          />
          <Tile
            testId="tile-flex-access"
            label="People with Flex access"
            value={formatInt(t().flexPeopleWithAccess)}
            hint="People with a Flex row in the range, used or not"
          />
          <Tile
            testId="tile-flex-monthly"
            label="Monthly average tokens"
            value={Number.isNaN(t().flexMonthlyAverageTokens) ? '—' : formatTokens(t().flexMonthlyAverageTokens)}
            note={props.snapshot ? 'The imported report does not say its range' : undefined}
          />
        </div>
      </section>
    </section>
  );
}
