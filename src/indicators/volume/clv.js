/**
 * Close location value ((C − L) − (H − C)) / (H − L): +1 when the bar closes at its high,
 * −1 at its low; 0 when H == L (TTR `CLV`, which maps that 0/0 to 0).
 */
export function closeLocationValue(high, low, close) {
  return high === low ? 0 : (close - low - (high - close)) / (high - low);
}
//# sourceMappingURL=clv.js.map
