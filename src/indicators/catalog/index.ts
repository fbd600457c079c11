import type { CatalogEntry } from './catalog-entry.js';
import { MOMENTUM_ENTRIES } from './momentum.js';
import { MOVING_AVERAGE_ENTRIES } from './moving-averages.js';
import { VOLATILITY_ENTRIES } from './volatility.js';
import { VOLUME_ENTRIES } from './volume.js';

/** Every indicator `quantflow ta` knows, by spec name. */
export const INDICATOR_CATALOG: ReadonlyMap<string, CatalogEntry> = buildCatalog([
  ...MOVING_AVERAGE_ENTRIES,
  ...MOMENTUM_ENTRIES,
  ...VOLATILITY_ENTRIES,
  ...VOLUME_ENTRIES,
]);

function buildCatalog(entries: readonly CatalogEntry[]): Map<string, CatalogEntry> {
  const catalog = new Map<string, CatalogEntry>();
  for (const entry of entries) {
    if (catalog.has(entry.name)) throw new Error(`indicator catalog: duplicate name ${entry.name}`);
    catalog.set(entry.name, entry);
  }
  return catalog;
}
