/**
 * Money value of an amount in ticks×lots (price in ticks × quantity in lots): ticks × tickSize ×
 * lotSize, rounded to 8 decimals so floating-point noise does not reach reports.
 */
export function ticksToMoney(ticks: number, tickSize: number, lotSize: number): number {
  return Number((ticks * tickSize * lotSize).toFixed(8));
}
