/** Dark theme shared by the lightweight-charts instances (colours match styles.css). */
import { ColorType, type DeepPartial, type ChartOptions } from 'lightweight-charts';

export const COLORS = {
  up: '#26a69a',
  down: '#ef5350',
  line: '#2962ff',
  sma: '#f5a623',
  text: '#9aa4b2',
  grid: '#1f2430',
} as const;

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
