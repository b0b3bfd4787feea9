import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Draw as bars (counts per period) rather than a line. */
  bars?: boolean;
  dash?: number[];
}

/** A small uPlot chart over UTC days (x in days since 1970). */
export function UsageChart(props: { days: number[]; series: ChartSeries[]; height?: number; label: string; yLabel?: string }) {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;
  const draw = () => {
    plot?.destroy();
    const width = Math.max(280, host.clientWidth);
    const bars = uPlot.paths.bars!({ size: [0.8, 12] });
    plot = new uPlot(
      {
        width,
        height: props.height ?? 160,
        legend: { show: props.series.length > 1 },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [{ space: 60 }, { label: props.yLabel, size: 50, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000, 100000] }],
        series: [
          {},
          ...props.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            fill: s.bars ? `${s.color}55` : undefined,
            width: s.bars ? 0 : 2,
            paths: s.bars ? bars : undefined,
            dash: s.dash,
            points: { show: false },
          })),
        ],
      },
      [props.days.map((d) => d * 86_400), ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      host,
    );
  };
  onMount(() => {
    draw();
    const ro = new ResizeObserver(() => {
      if (plot && Math.abs(plot.width - host.clientWidth) > 20) draw();
    });
    ro.observe(host);
    onCleanup(() => {
      ro.disconnect();
      plot?.destroy();
    });
  });
  createEffect(() => {
    void props.days;
    void props.series;
    if (plot) draw();
  });
  return <div ref={host} class="chart" role="img" aria-label={props.label} />;
}
