/**
 * Candlestick chart of one instrument: candles, volume histogram underneath, an SMA overlay and
 * markers for our fills. Data comes in through {@link CandleBuilder}; this only draws.
 */
import {
  CandlestickSeries,
  HistogramSeries,
  LineSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle } from '../lib/candle-builder.js';
import { sma } from '../lib/series-math.js';
import { COLORS, darkChartOptions } from './chart-theme.js';

/** A fill to mark: time in seconds (already snapped to its candle), side BUY or SELL. */
export interface FillMark {
  readonly time: number;
  readonly side: string;
  readonly text: string;
}

export class CandleChart {
  readonly #chart: IChartApi;
  readonly #candles: ISeriesApi<'Candlestick'>;
  readonly #volume: ISeriesApi<'Histogram'>;
  readonly #sma: ISeriesApi<'Line'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  #smaPeriod: number;

  constructor(container: HTMLElement, smaPeriod = 20) {
    this.#smaPeriod = smaPeriod;
    this.#chart = createChart(container, darkChartOptions());
    this.#candles = this.#chart.addSeries(CandlestickSeries, {
      upColor: COLORS.up,
      downColor: COLORS.down,
      borderVisible: false,
      wickUpColor: COLORS.up,
      wickDownColor: COLORS.down,
    });
    this.#volume = this.#chart.addSeries(HistogramSeries, {
      priceFormat: { type: 'volume' },
      priceScaleId: '',
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.#volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.#candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    this.#sma = this.#chart.addSeries(LineSeries, {
      color: COLORS.sma,
      lineWidth: 1,
      priceLineVisible: false,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
    });
    this.#markers = createSeriesMarkers(this.#candles, []);
  }

  get smaPeriod(): number {
    return this.#smaPeriod;
  }

  /** Replaces all data. */
  setData(candles: readonly Candle[]): void {
    this.#candles.setData(candles.map((c) => ({ ...c, time: c.time as UTCTimestamp })));
    this.#volume.setData(candles.map((c) => this.#volumePoint(c)));
    this.#setSma(candles);
    this.#chart.timeScale().scrollToRealTime();
  }

  /** Updates or appends the last candle (`candles` is the whole series, for the SMA). */
  update(last: Candle, candles: readonly Candle[]): void {
    const time = last.time as UTCTimestamp;
    this.#candles.update({ ...last, time });
    this.#volume.update(this.#volumePoint(last));
    const n = this.#smaPeriod;
    if (candles.length >= n) {
      let sum = 0;
      for (let i = candles.length - n; i < candles.length; i++) sum += candles[i].close;
      this.#sma.update({ time, value: sum / n });
    }
  }

  setSmaPeriod(period: number, candles: readonly Candle[]): void {
    this.#smaPeriod = period;
    this.#setSma(candles);
  }

  setFills(fills: readonly FillMark[]): void {
    const markers: SeriesMarker<Time>[] = [...fills]
      .sort((a, b) => a.time - b.time)
      .map((f) => {
        const buy = f.side.toUpperCase() === 'BUY';
        return {
          time: f.time as UTCTimestamp,
          position: buy ? 'belowBar' : 'aboveBar',
          shape: buy ? 'arrowUp' : 'arrowDown',
          color: buy ? COLORS.up : COLORS.down,
          text: f.text,
        };
      });
    this.#markers.setMarkers(markers);
  }

  #setSma(candles: readonly Candle[]): void {
    const values = sma(
      candles.map((c) => c.close),
      this.#smaPeriod,
    );
    const points = [];
    for (let i = 0; i < candles.length; i++) {
      const v = values[i];
      if (v !== undefined) points.push({ time: candles[i].time as UTCTimestamp, value: v });
    }
    this.#sma.setData(points);
  }

  #volumePoint(c: Candle): { time: UTCTimestamp; value: number; color: string } {
    return {
      time: c.time as UTCTimestamp,
      value: c.volume,
      color: c.close >= c.open ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)',
    };
  }
}
