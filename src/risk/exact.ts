/**
 * Exact integer helpers of the risk engine: comparisons of products that may pass 2^53 (they use
 * doubles while exact, BigInt beyond) and rescaling that rounds in the safe direction.
 */
import { POW10 } from '../model/types/fixed-point.js';

/** The sign of `a × b − c × d` (−1, 0 or 1), exact for safe integers. */
export function compareProducts(a: number, b: number, c: number, d: number): number {
  const left = a * b;
  const right = c * d;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return Math.sign(left - right);
  const difference = BigInt(a) * BigInt(b) - BigInt(c) * BigInt(d);
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** `raw` (≥ 0) at `from` decimals re-expressed at `to` decimals, rounded down. */
export function floorAt(raw: number, from: number, to: number): number {
  if (to >= from) return raw * POW10[to - from];
  const d = POW10[from - to];
  // The double quotient may round across an integer near 2^53: correct it with the exact remainder.
  let q = Math.floor(raw / d);
  if (q * d > raw) q--;
  return q;
}

/** `raw` (≥ 0) at `from` decimals re-expressed at `to` decimals, rounded up. */
export function ceilAt(raw: number, from: number, to: number): number {
  if (to >= from) return raw * POW10[to - from];
  const d = POW10[from - to];
  let q = Math.ceil(raw / d);
  if ((q - 1) * d >= raw) q--;
  return q;
}
