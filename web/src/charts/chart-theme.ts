/** Dark theme shared by the lightweight-charts instances (colours match styles.css). */
import { ColorType, type DeepPartial, type ChartOptions } from 'lightweight-charts';

export const COLORS = {
  up: '#26a69a',
  down: '#ef5350',
  line: '#2962ff',
  text: '#9aa4b2',
  grid: '#1f2430',
} as const;

/** Colours of the chart's indicator overlays, in the order they are added. */
export const OVERLAY_COLORS = ['#f5a623', '#ab47bc', '#29b6f6', '#d4e157', '#ff7043', '#8d6e63'] as const;

export function darkChartOptions(): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: 'transparent' },
      textColor: COLORS.text,
      fontSize: 11,
      attributionLogo: false,
    },
    grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
    rightPriceScale: { borderColor: COLORS.grid },
    timeScale: { borderColor: COLORS.grid, timeVisible: true, secondsVisible: false },
    crosshair: { mode: 0 },
  };
}
