/**
 * Loads the CommonJS packages grademark and data-forge from this ESM project.
 *
 * grademark 0.3.0 requires `chai` at run time (for `assert` in backtest.js) but lists it
 * only as a devDependency, so a normal install lacks it and `require('grademark')` throws
 * "Cannot find module 'chai'". When chai is missing, this module answers grademark's
 * `require('chai')` (and only grademark's) with a stand-in whose `assert` is node's
 * `assert.ok`, which behaves like chai's `assert(expression, message)`.
 */
import nodeAssert from 'node:assert';
import { createRequire, Module } from 'node:module';
import type * as DataForge from 'data-forge';
import type * as Grademark from 'grademark';

const require = createRequire(import.meta.url);
const SHIM_ID = 'quantflow-bench:chai-assert-shim';

interface ModuleInternals {
  _resolveFilename(
    request: string,
    parent: { filename?: string | null } | undefined,
    ...rest: unknown[]
  ): string;
}

/** How grademark's `require('chai')` was satisfied. */
export type ChaiSource = 'installed chai' | 'node:assert shim (chai not installed)';

let chaiSource: ChaiSource | undefined;

function ensureChai(): ChaiSource {
  if (chaiSource !== undefined) return chaiSource;
  const grademarkRequire = createRequire(require.resolve('grademark'));
  try {
    grademarkRequire.resolve('chai');
    chaiSource = 'installed chai';
  } catch {
    const shim = new Module(SHIM_ID);
    shim.exports = { assert: nodeAssert.ok };
    shim.loaded = true;
    require.cache[SHIM_ID] = shim;
    const internals = Module as unknown as ModuleInternals;
    const resolve = internals._resolveFilename;
    internals._resolveFilename = function (request, parent, ...rest) {
      const from = parent?.filename ?? '';
      if (request === 'chai' && /[\\/]node_modules[\\/]grademark[\\/]/.test(from)) return SHIM_ID;
      return resolve.call(this, request, parent, ...rest);
    };
    chaiSource = 'node:assert shim (chai not installed)';
  }
  return chaiSource;
}

export interface GrademarkModules {
  readonly grademark: typeof Grademark;
  readonly dataForge: typeof DataForge;
  readonly chaiSource: ChaiSource;
}

export function loadGrademark(): GrademarkModules {
  const chai = ensureChai();
  return {
    grademark: require('grademark') as typeof Grademark,
    dataForge: require('data-forge') as typeof DataForge,
    chaiSource: chai,
  };
}
