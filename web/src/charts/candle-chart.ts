/**
 * Candlestick chart of one instrument: candles, volume histogram underneath, indicator overlays
 * (lib/overlays.ts) and markers for our fills. Data comes in through {@link CandleBuilder}; this
 * only draws.
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
import { computeOverlay } from '../lib/overlays.js';
import { COLORS, OVERLAY_COLORS, darkChartOptions } from './chart-theme.js';

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
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  /** Overlay spec → its line series (one per output drawn), in the order added. */
  #overlays = new Map<string, ISeriesApi<'Line'>[]>();
  #candlesForOverlays: readonly Candle[] = [];
  #overlayFrame = false;

  constructor(container: HTMLElement) {
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
    this.#markers = createSeriesMarkers(this.#candles, []);
  }

  /** Replaces all data. */
  setData(candles: readonly Candle[]): void {
    this.#candles.setData(candles.map((c) => ({ ...c, time: c.time as UTCTimestamp })));
    this.#volume.setData(candles.map((c) => this.#volumePoint(c)));
    this.#candlesForOverlays = candles;
    this.#drawOverlays();
    this.#chart.timeScale().scrollToRealTime();
  }

  /** Updates or appends the last candle (`candles` is the whole series, for the overlays). */
  update(last: Candle, candles: readonly Candle[]): void {
    const time = last.time as UTCTimestamp;
    this.#candles.update({ ...last, time });
    this.#volume.update(this.#volumePoint(last));
    this.#candlesForOverlays = candles;
    // Prints can come many times a frame: overlays are recomputed once per animation frame.
    if (this.#overlays.size > 0 && !this.#overlayFrame) {
      this.#overlayFrame = true;
      requestAnimationFrame(() => {
        this.#overlayFrame = false;
        this.#drawOverlays();
      });
    }
  }

  /** Shows these overlays (canonical specs, lib/overlays.ts) and no others. */
  setOverlays(specs: readonly string[]): void {
    for (const [spec, lines] of this.#overlays) {
      if (specs.includes(spec)) continue;
      for (const line of lines) this.#chart.removeSeries(line);
      this.#overlays.delete(spec);
    }
    for (const spec of specs) if (!this.#overlays.has(spec)) this.#overlays.set(spec, []);
    this.#drawOverlays();
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

  #drawOverlays(): void {
    let colour = 0;
    for (const [spec, lines] of this.#overlays) {
      const color = OVERLAY_COLORS[colour++ % OVERLAY_COLORS.length]!;
      const computed = computeOverlay(spec, this.#candlesForOverlays);
      computed.forEach((line, i) => {
        lines[i] ??= this.#chart.addSeries(LineSeries, {
          color,
          lineWidth: 1,
          // Bands: the outer lines dotted, the middle solid.
          lineStyle: computed.length === 3 && i !== 1 ? 2 : 0,
          priceLineVisible: false,
          lastValueVisible: false,
          crosshairMarkerVisible: false,
          title: computed.length === 1 || i === 1 ? spec : '',
        });
        lines[i]!.setData(line.points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
      });
    }
  }

  #volumePoint(c: Candle): { time: UTCTimestamp; value: number; color: string } {
    return {
      time: c.time as UTCTimestamp,
      value: c.volume,
      color: c.close >= c.open ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)',
    };
  }
}
