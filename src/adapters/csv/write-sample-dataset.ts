/**
 * Writes the sample dataset: `node dist/src/adapters/csv/write-sample-dataset.js [dir]`
 * (default `data/sample`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleDatasetFiles } from './sample-dataset-files.js';

const dir = process.argv[2] ?? 'data/sample';
mkdirSync(dir, { recursive: true });
for (const [name, content] of sampleDatasetFiles()) {
  writeFileSync(join(dir, name), content);
  console.log(`wrote ${join(dir, name)}`);
}
