/**
 * A small dependency-free SVG line/area chart for the self-contained report: no scripts, no
 * external requests, so the file opens anywhere (a mail attachment, a CI artifact).
 */
import { escapeHtml, formatDateUs, formatNumber } from './html-format.js';

/** How to draw one series. */
export interface SvgChartOptions {
  readonly title: string;
  readonly stroke: string;
  readonly fill: string;
  /** Formats y-axis labels (default: 4 significant decimals). */
  readonly formatY?: (v: number) => string;
  /** Fill down to this value (default: the bottom of the plot). */
  readonly baseline?: number;
  readonly width?: number;
  readonly height?: number;
  /** Above this many points the series is reduced to the min and max of each bucket. */
  readonly maxPoints?: number;
}

const PAD = { left: 64, right: 12, top: 24, bottom: 24 } as const;

/**
 * Keeps at most about `maxPoints` points: the lowest and highest of each of `maxPoints / 2` time
 * buckets, in time order, so peaks and troughs (the drawdown's bottom) survive the reduction.
 */
export function downsample(
  points: readonly (readonly [number, number])[],
  maxPoints: number,
): (readonly [number, number])[] {
  if (points.length <= maxPoints) return points.slice();
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = points.length / buckets;
  const out: (readonly [number, number])[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(points.length, Math.floor((b + 1) * size));
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      if (points[i][1] < points[lo][1]) lo = i;
      if (points[i][1] > points[hi][1]) hi = i;
    }
    if (lo === hi) out.push(points[lo]);
    else if (lo < hi) out.push(points[lo], points[hi]);
    else out.push(points[hi], points[lo]);
  }
  return out;
}

/** An `<svg>` element as a string; an empty series gives a short "no data" note instead. */
export function renderSvgChart(
  points: readonly (readonly [number, number])[],
  opts: SvgChartOptions,
): string {
  const width = opts.width ?? 900;
  const height = opts.height ?? 220;
  const fmtY = opts.formatY ?? ((v: number) => formatNumber(v, 4));
  const data = downsample(
    points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v)),
    opts.maxPoints ?? 1200,
  );
  const label = escapeHtml(opts.title);
  if (data.length === 0) return `<p class="empty">${label}: no data</p>`;

  const t0 = data[0][0];
  const t1 = data[data.length - 1][0];
  let vMin = Math.min(...data.map((p) => p[1]));
  let vMax = Math.max(...data.map((p) => p[1]));
  if (opts.baseline !== undefined) {
    vMin = Math.min(vMin, opts.baseline);
    vMax = Math.max(vMax, opts.baseline);
  }
  if (vMax === vMin) {
    const pad = Math.abs(vMax) * 0.01 || 1;
    vMin -= pad;
    vMax += pad;
  }
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const x = (t: number): number => PAD.left + (t1 === t0 ? plotW / 2 : ((t - t0) / (t1 - t0)) * plotW);
  const y = (v: number): number => PAD.top + (1 - (v - vMin) / (vMax - vMin)) * plotH;
  const r = (n: number): string => n.toFixed(1);

  const line = data.map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${r(x(t))},${r(y(v))}`).join('');
  const base = y(opts.baseline ?? vMin);
  const area = `${line}L${r(x(t1))},${r(base)}L${r(x(t0))},${r(base)}Z`;

  const grid: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = vMin + ((vMax - vMin) * i) / 4;
    const gy = r(y(v));
    grid.push(
      `<line x1="${PAD.left}" y1="${gy}" x2="${width - PAD.right}" y2="${gy}" class="grid"/>`,
      `<text x="${PAD.left - 6}" y="${gy}" class="ylab">${escapeHtml(fmtY(v))}</text>`,
    );
  }
  const xlab = [t0, (t0 + t1) / 2, t1]
    .map((t, i) => {
      const anchor = ['start', 'middle', 'end'][i];
      return `<text x="${r(x(t))}" y="${height - 6}" text-anchor="${anchor}" class="xlab">${formatDateUs(t)}</text>`;
    })
    .join('');

  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">` +
    `<text x="${PAD.left}" y="16" class="ctitle">${label}</text>` +
    grid.join('') +
    `<path d="${area}" fill="${escapeHtml(opts.fill)}" stroke="none"/>` +
    `<path d="${line}" fill="none" stroke="${escapeHtml(opts.stroke)}" stroke-width="1.5"/>` +
    xlab +
    `</svg>`
  );
}
