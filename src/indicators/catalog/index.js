import { MOMENTUM_ENTRIES } from './momentum.js';
import { MOVING_AVERAGE_ENTRIES } from './moving-averages.js';
import { VOLATILITY_ENTRIES } from './volatility.js';
import { VOLUME_ENTRIES } from './volume.js';
/** Every indicator `quantflow ta` knows, by spec name. */
export const INDICATOR_CATALOG = buildCatalog([
  ...MOVING_AVERAGE_ENTRIES,
  ...MOMENTUM_ENTRIES,
  ...VOLATILITY_ENTRIES,
  ...VOLUME_ENTRIES,
]);
function buildCatalog(entries) {
  const catalog = new Map();
  for (const entry of entries) {
    if (catalog.has(entry.name)) throw new Error(`indicator catalog: duplicate name ${entry.name}`);
    catalog.set(entry.name, entry);
  }
  return catalog;
}
//# sourceMappingURL=index.js.map
