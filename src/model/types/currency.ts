/** A currency or asset with the number of decimals its amounts are kept at. */
export interface Currency {
  readonly code: string;
  readonly precision: number;
}

const KNOWN: Record<string, number> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  JPY: 0,
  USDT: 8,
  USDC: 8,
  BTC: 8,
  ETH: 8,
};

/** Looks up a currency; unknown codes get 2 decimals for fiat-like 3-letter codes, 8 otherwise. */
export function currency(code: string): Currency {
  const upper = code.toUpperCase();
  const precision = KNOWN[upper] ?? (/^[A-Z]{3}$/.test(upper) ? 2 : 8);
  return { code: upper, precision };
}
