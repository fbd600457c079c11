/**
 * Loads the CommonJS packages grademark and data-forge from this ESM project.
 * grademark 0.3.0 requires `chai` at run time but declares it only as a devDependency of
 * its own, so this project installs chai as a devDependency.
 */
import { createRequire } from 'node:module';
import type * as DataForge from 'data-forge';
import type * as Grademark from 'grademark';

const require = createRequire(import.meta.url);

export interface GrademarkModules {
  readonly grademark: typeof Grademark;
  readonly dataForge: typeof DataForge;
}

export function loadGrademark(): GrademarkModules {
  return {
    grademark: require('grademark') as typeof Grademark,
    dataForge: require('data-forge') as typeof DataForge,
  };
}
