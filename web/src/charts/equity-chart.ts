/**
 * Equity curve with its drawdown in a second pane below (lightweight-charts panes). Used for the
 * live account panel and the backtest report page.
 */
import {
  AreaSeries,
  BaselineSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { COLORS, darkChartOptions } from './chart-theme.js';

/** A point: time in seconds since the epoch. */
export interface EquityPoint {
  readonly time: number;
  readonly equity: number;
  /** Fraction ≤ 0. */
  readonly drawdown: number;
}

export class EquityChart {
  readonly #chart: IChartApi;
  readonly #equity: ISeriesApi<'Area'>;
  readonly #drawdown: ISeriesApi<'Baseline'>;

  constructor(container: HTMLElement) {
    this.#chart = createChart(container, darkChartOptions());
    this.#equity = this.#chart.addSeries(AreaSeries, {
      lineColor: COLORS.line,
      topColor: 'rgba(41,98,255,0.35)',
      bottomColor: 'rgba(41,98,255,0.02)',
      lineWidth: 2,
      priceLineVisible: false,
    });
    this.#drawdown = this.#chart.addSeries(
      BaselineSeries,
      {
        baseValue: { type: 'price', price: 0 },
        bottomLineColor: COLORS.down,
        bottomFillColor1: 'rgba(239,83,80,0.05)',
        bottomFillColor2: 'rgba(239,83,80,0.4)',
        topLineColor: COLORS.down,
        // Values are already in percent; the built-in percent format would show them unscaled but rounded.
        priceFormat: { type: 'custom', formatter: (v: number) => `${v.toFixed(2)}%`, minMove: 0.01 },
        priceLineVisible: false,
      },
      1,
    );
    const panes = this.#chart.panes();
    if (panes[1]) panes[1].setHeight(Math.max(60, Math.round(container.clientHeight * 0.3)));
  }

  /** Replaces all points; times must increase (duplicates keep the last). */
  setData(points: readonly EquityPoint[]): void {
    const dedup = new Map<number, EquityPoint>();
    for (const p of points) dedup.set(p.time, p);
    const sorted = [...dedup.values()].sort((a, b) => a.time - b.time);
    this.#equity.setData(sorted.map((p) => ({ time: p.time as UTCTimestamp, value: p.equity })));
    this.#drawdown.setData(sorted.map((p) => ({ time: p.time as UTCTimestamp, value: p.drawdown * 100 })));
    this.#chart.timeScale().fitContent();
  }
}
