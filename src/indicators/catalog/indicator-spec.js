import { INDICATOR_CATALOG } from './index.js';
const SPEC = /^\s*([a-z][a-z0-9_-]*)\s*(?:\((.*)\))?\s*$/i;
/**
 * Parses `name(arg,...)` (`rsi(14)`, `macd(12,26,9)`, `sma` for the defaults) and builds the
 * indicator. Missing trailing arguments take their defaults. Throws a `RangeError` naming
 * the spec and the problem.
 */
export function parseIndicatorSpec(spec) {
  const match = SPEC.exec(spec);
  if (match === null) throw new RangeError(`indicator "${spec}": expected name(arg,...), e.g. rsi(14)`);
  const name = match[1].toLowerCase();
  const entry = INDICATOR_CATALOG.get(name);
  if (entry === undefined) {
    throw new RangeError(`indicator "${spec}": unknown name '${name}' (see quantflow ta --list)`);
  }
  const given =
    match[2] === undefined || match[2].trim() === '' ? [] : match[2].split(',').map((a) => a.trim());
  if (given.length > entry.params.length) {
    throw new RangeError(
      `indicator "${spec}": ${name} takes at most ${entry.params.length} argument(s) (${entry.params.map((p) => p.name).join(', ') || 'none'})`,
    );
  }
  const args = entry.params.map((p, i) => {
    if (i >= given.length) return p.default;
    const value = Number(given[i]);
    if (given[i] === '' || !Number.isFinite(value)) {
      throw new RangeError(`indicator "${spec}": argument ${p.name} "${given[i]}" is not a number`);
    }
    return value;
  });
  const indicator = entry.create(args);
  const label = `${name}(${args.join(',')})`;
  const columns = entry.outputs.length === 1 ? [label] : entry.outputs.map((o) => `${label}.${o}`);
  return { spec, entry, args, indicator, columns };
}
//# sourceMappingURL=indicator-spec.js.map
