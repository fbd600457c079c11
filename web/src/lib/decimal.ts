/**
 * Exact arithmetic on the decimal strings the API sends ("1234.50"): the dashboard shows money
 * the server computed from integers, so differences it derives (PnL today) must not pick up
 * binary floating-point noise.
 */

interface Scaled {
  readonly units: bigint;
  readonly scale: number;
}

function parse(value: string): Scaled | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  const units = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return { units, scale: frac.length };
}

function rescale(v: Scaled, scale: number): bigint {
  return v.units * 10n ** BigInt(scale - v.scale);
}

function format(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
  return (neg ? '-' : '') + int + frac;
}

/** `a − b` exactly, at the finer of the two precisions; `undefined` if either is not a decimal. */
export function subtractDecimal(a: string, b: string): string | undefined {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  const scale = Math.max(x.scale, y.scale);
  return format(rescale(x, scale) - rescale(y, scale), scale);
}

/** -1, 0 or 1 for a decimal string (0 for anything unparsable). */
export function signOfDecimal(value: string | number | undefined): number {
  if (typeof value === 'number') return Math.sign(value) || 0;
  const v = value === undefined ? undefined : parse(value);
  if (!v) return 0;
  return v.units > 0n ? 1 : v.units < 0n ? -1 : 0;
}
