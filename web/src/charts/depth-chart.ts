/**
 * Depth chart as inline SVG: cumulative size by price, bids left in green, asks right in red.
 * It draws whatever levels it is given (a single step a side when only the best bid and offer are known).
 */
const NS = 'http://www.w3.org/2000/svg';

export interface DepthLevel {
  readonly price: number;
  readonly size: number;
}

function el(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Draws into `svg` (viewBox 300×120). Bids best-first (descending), asks best-first (ascending). */
export function drawDepth(
  svg: SVGSVGElement,
  bids: readonly DepthLevel[],
  asks: readonly DepthLevel[],
): void {
  const W = 300;
  const H = 120;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const ok = (l: DepthLevel) => Number.isFinite(l.price) && Number.isFinite(l.size) && l.size > 0;
  const b = bids.filter(ok);
  const a = asks.filter(ok);
  if (b.length === 0 && a.length === 0) {
    const t = el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'depth-empty' });
    t.textContent = 'no book';
    svg.append(t);
    return;
  }
  const cum = (levels: readonly DepthLevel[]) => {
    let s = 0;
    return levels.map((l) => ({ price: l.price, total: (s += l.size) }));
  };
  const cb = cum(b);
  const ca = cum(a);
  const prices = [...b, ...a].map((l) => l.price);
  let lo = Math.min(...prices);
  let hi = Math.max(...prices);
  const span = hi - lo || Math.abs(hi) * 0.001 || 1;
  lo -= span * 0.5;
  hi += span * 0.5;
  const maxTotal = Math.max(...cb.map((p) => p.total), ...ca.map((p) => p.total));
  const x = (p: number) => ((p - lo) / (hi - lo)) * W;
  const y = (t: number) => H - 14 - (t / maxTotal) * (H - 24);

  const side = (pts: { price: number; total: number }[], edge: number, cls: string) => {
    if (pts.length === 0) return;
    let d = `M${x(pts[0].price)},${H - 14}`;
    let prev = pts[0];
    d += `L${x(prev.price)},${y(prev.total)}`;
    for (const p of pts.slice(1)) {
      d += `L${x(p.price)},${y(prev.total)}L${x(p.price)},${y(p.total)}`;
      prev = p;
    }
    d += `L${edge},${y(prev.total)}L${edge},${H - 14}Z`;
    svg.append(el('path', { d, class: cls }));
  };
  side(cb, 0, 'depth-bid');
  side(ca, W, 'depth-ask');
  const mid = el('line', { x1: W / 2, x2: W / 2, y1: 0, y2: H - 14, class: 'depth-mid' });
  if (b.length > 0 && a.length > 0) {
    const m = x((b[0].price + a[0].price) / 2);
    mid.setAttribute('x1', String(m));
    mid.setAttribute('x2', String(m));
  }
  svg.append(mid);
  for (const [p, anchor] of [
    [lo + span * 0.5, 'start'],
    [hi - span * 0.5, 'end'],
  ] as const) {
    const t = el('text', { x: x(p), y: H - 2, 'text-anchor': anchor, class: 'depth-label' });
    t.textContent = p.toPrecision(8).replace(/\.?0+$/, '');
    svg.append(t);
  }
}
