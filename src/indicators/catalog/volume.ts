import type { CatalogEntry } from './catalog-entry.js';

/** Volume-based indicators. */
export const VOLUME_ENTRIES: readonly CatalogEntry[] = [];
