import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import { InputError } from '../core/input-error.js';

/**
 * Packages a strategy file must share with the engine, so its `Strategy` is the engine's
 * `Strategy` and its zod schemas are the engine's zod: resolved to this installation.
 */
const SHARED: Record<string, string> = {
  quantflow: new URL('../index.js', import.meta.url).href,
  zod: import.meta.resolve('zod'),
};

/**
 * Compiles a user's strategy file (TypeScript or JavaScript, ESM or not, anywhere on disk)
 * into one ES module and returns its URL. The file's own relative imports and packages are
 * bundled in; `quantflow` and `zod` stay imports of this installation.
 */
export async function compileStrategyFile(file: string, shown: string): Promise<string> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins: [sharedPackages],
  }).catch((error: { errors?: Message[] }) => {
    throw new InputError(`cannot compile strategy: ${describe(error.errors ?? [], String(error))}`, {
      file: shown,
    });
  });
  const code = result.outputFiles[0].text;
  const dir = join(tmpdir(), 'quantflow-strategies');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  writeFileSync(out, code);
  return pathToFileURL(out).href;
}

const sharedPackages: Plugin = {
  name: 'quantflow-shared-packages',
  setup(b) {
    b.onResolve({ filter: /^(quantflow|zod)$/ }, (args) => ({ path: SHARED[args.path], external: true }));
    // A file URL is already a complete address: leave it to Node.
    b.onResolve({ filter: /^file:\/\// }, (args) => ({ path: args.path, external: true }));
  },
};

/** esbuild's errors on one line: `file:line:column: text`. */
function describe(errors: readonly Message[], fallback: string): string {
  if (errors.length === 0) return fallback.split('\n')[0];
  return errors
    .map((e) =>
      e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ${e.text}` : e.text,
    )
    .join('; ');
}
