/** The user detail's daily use (docs/report.md, "User detail"): one strip per product, tokens per day for Flex. */
import { For, Show } from 'solid-js';
import { UsageChart } from '../common/UsageChart';
import { displayIsoDay } from '../../core/vocabulary/days';
import { formatInt, formatTokens } from '../../core/vocabulary/format';
import type { UserDetail } from '../../core/report/user-detail';
import './user-daily.css';

const COLORS = ['#2d6cab', '#2e7d32', '#b26a00', '#6a3d9a', '#00838f', '#ad1457'];

export function UserDailyChart(props: { detail: UserDetail }) {
  const used = () => props.detail.daily.products.filter((p) => p.total > 0);
  const manyTeams = () => new Set(props.detail.daily.products.map((p) => p.team)).size > 1;
  return (
    <div class="user-daily" data-testid="user-daily">
      <Show
        when={used().length > 0}
        fallback={
          <p class="muted" data-testid="user-daily-empty">
            No use in this range ({displayIsoDay(props.detail.from)} to {displayIsoDay(props.detail.to)}).
          </p>
        }
      >
        <For each={used()}>
          {(p, i) => {
            const name = `${p.product}${manyTeams() ? ` (${p.team})` : ''}`;
            const flex = p.access === 'Flex';
            return (
              <figure class="user-daily__product">
                <figcaption>
                  <strong>{name}</strong>{' '}
                  <span class="muted">
                    {flex ? `Flex, ${formatTokens(p.total)} tokens` : `${formatInt(p.total)} day${p.total === 1 ? '' : 's'} used`}
                  </span>
                </figcaption>
                <UsageChart
                  label={flex ? `Flex tokens per day on ${name} by ${props.detail.name}` : `Days ${props.detail.name} used ${name}`}
                  days={props.detail.daily.days}
                  series={[{ label: flex ? 'Tokens' : 'Used', values: p.values, color: COLORS[i() % COLORS.length]!, bars: true }]}
                  height={flex ? 110 : 70}
                  yAxis={flex}
                  yLabel={flex ? 'tokens' : undefined}
                />
              </figure>
            );
          }}
        </For>
      </Show>
    </div>
  );
}
