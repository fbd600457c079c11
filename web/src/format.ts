/** Display formatting for the dashboard (browser locale for times; exact strings for amounts). */
import { signOfDecimal } from './lib/decimal.js';

/** Local `HH:MM:SS` of a µs timestamp. */
export function timeOfUs(tsUs: number | undefined): string {
  if (tsUs === undefined || !Number.isFinite(tsUs) || tsUs <= 0) return '-';
  return new Date(tsUs / 1000).toLocaleTimeString([], { hour12: false });
}

/** Local date and time of a µs timestamp. */
export function dateTimeOfUs(tsUs: number | undefined): string {
  if (tsUs === undefined || !Number.isFinite(tsUs) || tsUs <= 0) return '-';
  const d = new Date(tsUs / 1000);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString([], { hour12: false })}`;
}

/** `pos`/`neg`/'' for colouring a signed amount. */
export function signClass(value: string | number | undefined): string {
  return ['neg', '', 'pos'][signOfDecimal(value) + 1];
}

/** A plain number for display with a sensible number of decimals. */
export function fmtNum(n: number, decimals?: number): string {
  if (!Number.isFinite(n)) return '-';
  const d = decimals ?? (Math.abs(n) >= 1000 ? 2 : Math.abs(n) >= 1 ? 4 : 6);
  return n.toLocaleString(undefined, { minimumFractionDigits: 0, maximumFractionDigits: d });
}

/** Price to the decimals it was sent with is unknown once parsed; show up to 8, trimmed. */
export function fmtPrice(n: number): string {
  if (!Number.isFinite(n)) return '-';
  return n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 8 });
}

/** Amounts sent as strings are shown exactly; missing ones as `-`. */
export function amount(v: string | undefined | null): string {
  return v === undefined || v === null || v === '' ? '-' : v;
}
