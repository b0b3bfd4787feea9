import { createEffect, on, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { displayDayShort } from '../../core/vocabulary/days';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Draw as bars (counts per period) rather than a line. */
  bars?: boolean;
  dash?: number[];
  /** Mark each value with a point (few values, such as months). */
  points?: boolean;
}

const DARK = '(prefers-color-scheme: dark)';

/** A series colour as drawn: lightened on a dark background so bars and lines keep their contrast (docs/report.md, "On screen"). */
function tone(hex: string): string {
  if (!matchMedia(DARK).matches || !/^#[0-9a-f]{6}$/i.test(hex)) return hex;
  const mix = (i: number) => Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * 0.55 + 255 * 0.45);
  return `#${[1, 3, 5].map((i) => mix(i).toString(16).padStart(2, '0')).join('')}`;
}

/** A small uPlot chart over UTC days (x in days since 1970). */
export function UsageChart(props: {
  days: number[];
  series: ChartSeries[];
  height?: number;
  label: string;
  yLabel?: string;
  /** One label per x value, each value a tick (months); otherwise the ticks are dates chosen by the chart. */
  xLabels?: string[];
  /** Show the value axis (default); a strip of days used (0 or 1) reads without one. */
  yAxis?: boolean;
  /** Called with the index of the x value under the pointer when the chart is clicked. */
  onPick?: (index: number) => void;
}) {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;
  /** What the chart is built from besides its values: while it stays the same, new values are drawn into the same chart. */
  const shape = () =>
    JSON.stringify([
      props.height,
      props.yAxis,
      props.yLabel,
      !!props.xLabels,
      props.series.map((s) => [s.label, s.color, s.bars, s.dash, s.points]),
    ]);
  let drawnShape = '';
  const data = () => [props.days.map((d) => d * 86_400), ...props.series.map((s) => s.values)] as uPlot.AlignedData;
  const draw = () => {
    plot?.destroy();
    drawnShape = shape();
    const width = Math.max(280, host.clientWidth);
    const bars = uPlot.paths.bars!({ size: [0.8, 12] });
    // Axis text and grid lines follow the page's colours, light or dark.
    const style = getComputedStyle(host);
    const ink = style.color;
    const line = { stroke: style.getPropertyValue('--row-line').trim() || 'rgba(0,0,0,0.07)' };
    plot = new uPlot(
      {
        width,
        height: props.height ?? 160,
        legend: { show: props.series.length > 1 },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: {
            time: true,
            // Bars are centred on their period: pad half a period each side so the first and last are not cut.
            range: (_u: uPlot, min: number, max: number): [number, number] => {
              if (!props.series.some((x) => x.bars)) return [min, max];
              const n = props.days.length;
              const half = n > 1 ? (max - min) / (n - 1) / 2 : 43_200;
              return [min - half, max + half];
            },
          },
          // Counts and tokens start at 0, so a bar's height is its share of the largest.
          y: { range: (_u: uPlot, _min: number, max: number): [number, number] => [0, max > 0 ? max * 1.08 : 1] },
        },
        axes: [
          {
            space: 60,
            stroke: ink,
            grid: line,
            ticks: line,
            ...(props.xLabels
              ? {
                  splits: () => props.days.map((d) => d * 86_400),
                  values: (_u: uPlot, splits: number[]) => splits.map((_x, i) => props.xLabels?.[i] ?? ''),
                }
              : // Ticks in the app's own date format, not the chart library's "8/23".
                { values: (_u: uPlot, splits: number[]) => splits.map((x) => displayDayShort(Math.round(x / 86_400))) }),
          },
          {
            show: props.yAxis !== false,
            label: props.yLabel,
            size: 50,
            stroke: ink,
            grid: line,
            ticks: line,
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000, 100000],
          },
        ],
        series: [
          {},
          ...props.series.map((s) => ({
            label: s.label,
            stroke: tone(s.color),
            // Bars are a tint of their colour: stronger on a dark background.
            fill: s.bars ? `${tone(s.color)}${matchMedia(DARK).matches ? 'aa' : '55'}` : undefined,
            width: s.bars ? 0 : 2,
            paths: s.bars ? bars : undefined,
            dash: s.dash,
            points: { show: !!s.points, size: 7 },
          })),
        ],
        hooks: props.onPick
          ? {
              ready: [
                (u: uPlot) =>
                  u.over.addEventListener('click', () => {
                    if (u.cursor.idx != null) props.onPick?.(u.cursor.idx);
                  }),
              ],
            }
          : undefined,
      },
      data(),
      host,
    );
  };
  onMount(() => {
    draw();
    const ro = new ResizeObserver(() => {
      if (plot && Math.abs(plot.width - host.clientWidth) > 20) draw();
    });
    ro.observe(host);
    const scheme = matchMedia(DARK);
    scheme.addEventListener('change', draw);
    onCleanup(() => {
      scheme.removeEventListener('change', draw);
      ro.disconnect();
      plot?.destroy();
    });
  });
  createEffect(
    on(
      [data, shape],
      ([values, drawn]) => {
        if (!plot) return;
        // Rebuilding costs several times a redraw (a filter change redraws the report's trend).
        if (drawn === drawnShape) plot.setData(values);
        else draw();
      },
      { defer: true },
    ),
  );
  return <div ref={host} class={props.onPick ? 'chart chart--pickable' : 'chart'} role="img" aria-label={props.label} />;
}
