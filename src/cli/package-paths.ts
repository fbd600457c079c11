import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the installed package (holds package.json and data/), from dist/src/cli/. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The bundled sample data set used by the quick start. */
export const SAMPLE_DATA_DIR = join(PACKAGE_ROOT, 'data', 'sample');
/** The risk limits `quantflow demo` runs with (docs/risk.md). */
export const DEMO_RISK_FILE = join(PACKAGE_ROOT, 'data', 'demo', 'risk.json');

/** The package version, from package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
}
