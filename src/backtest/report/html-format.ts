/**
 * Formatting helpers for the report: pure, locale-independent (the same input gives the same
 * bytes on every machine), safe to call from Node and from the browser.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use inside HTML element content and double- or single-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `2024-03-01 14:05:00` (UTC) from µs since the epoch; `-` for a value that is not a finite number. */
export function formatTsUs(tsUs: number): string {
  if (!Number.isFinite(tsUs)) return '-';
  const iso = new Date(Math.floor(tsUs / 1000)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `2024-03-01` (UTC) from µs since the epoch. */
export function formatDateUs(tsUs: number): string {
  return formatTsUs(tsUs).slice(0, 10);
}

/** Digits grouped by thousands with `,`, at most `decimals` decimals, trailing zeros dropped. */
export function formatNumber(n: number, decimals = 4): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac = ''] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = frac.replace(/0+$/, '');
  const sign = n < 0 && /[1-9]/.test(fixed) ? '-' : '';
  return sign + grouped + (trimmed ? '.' + trimmed : '');
}

/** A fraction as a signed percentage: `0.0123` → `+1.23%`. */
export function formatPercent(fraction: number, decimals = 2): string {
  if (!Number.isFinite(fraction)) return '-';
  const pct = (fraction * 100).toFixed(decimals);
  return (fraction > 0 && Number(pct) !== 0 ? '+' : '') + pct + '%';
}

/** A value given as number or exact decimal string, shown as it is (numbers via {@link formatNumber}). */
export function formatValue(value: string | number): string {
  return typeof value === 'number' ? formatNumber(value) : value;
}
