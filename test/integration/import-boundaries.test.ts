/**
 * The lint rules that enforce ARCHITECTURE.md ("Who may import whom") and the injected Clock,
 * exercised through the ESLint Node API against virtual files (nothing is written to disk).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';

/** The repo root: the first folder above this file holding eslint.config.js (works from src and dist). */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'eslint.config.js'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const ROOT = findRepoRoot();
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.js') });

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const fullPath = path.join(ROOT, filePath);
  assert.equal(await eslint.isPathIgnored(fullPath), false, `${filePath} must be linted, not ignored`);
  const [result] = await eslint.lintText(code, { filePath: fullPath });
  assert.ok(result, `no lint result for ${filePath}`);
  return result.messages;
}

function withRule(messages: Linter.LintMessage[], ruleId: string): Linter.LintMessage[] {
  return messages.filter((m) => m.ruleId === ruleId);
}

/** Lints `import { x } from '<source>'` in `filePath`; returns the boundary errors. */
async function importErrors(filePath: string, source: string): Promise<Linter.LintMessage[]> {
  const messages = await lint(filePath, `import { x } from '${source}';\nexport const y = x;\n`);
  return withRule(messages, 'no-restricted-imports');
}

async function assertForbidden(filePath: string, source: string, messageIncludes?: string): Promise<void> {
  const errors = await importErrors(filePath, source);
  assert.equal(errors.length, 1, `${filePath} importing ${source} should be one boundary error`);
  assert.equal(errors[0]!.severity, 2);
  assert.equal(errors[0]!.ruleId, 'no-restricted-imports');
  if (messageIncludes) assert.ok(errors[0]!.message.includes(messageIncludes), errors[0]!.message);
}

async function assertAllowed(filePath: string, source: string): Promise<void> {
  const messages = await lint(filePath, `import { x } from '${source}';\nexport const y = x;\n`);
  assert.deepEqual(
    messages.filter((m) => m.severity === 2),
    [],
    `${filePath} importing ${source} should be allowed`,
  );
}

// ---------------------------------------------------------------------------------------------
// Import boundaries
// ---------------------------------------------------------------------------------------------

test('core may not import model (lower never imports higher)', async () => {
  await assertForbidden(
    'src/core/x.ts',
    '../model/types/price.js',
    'core may not import model (ARCHITECTURE.md: lower layers never import higher)',
  );
});

test('model may import core', async () => {
  await assertAllowed('src/model/x.ts', '../core/clock.js');
});

test('backtest and live never import each other', async () => {
  await assertForbidden('src/backtest/x.ts', '../live/y.js', 'backtest may not import live');
  await assertForbidden('src/live/x.ts', '../backtest/y.js', 'live may not import backtest');
});

test('adapters never import system, backtest or live', async () => {
  await assertForbidden('src/adapters/ccxt/x.ts', '../../system/kernel.js', 'adapters may not import system');
  await assertForbidden('src/adapters/ccxt/x.ts', '../../live/node.js', 'adapters may not import live');
  await assertForbidden('src/adapters/x.ts', '../backtest/engine.js', 'adapters may not import backtest');
});

test('adapters may import the ports of data and execution', async () => {
  await assertAllowed('src/adapters/ccxt/x.ts', '../../data/ports.js');
  await assertAllowed('src/adapters/ccxt/x.ts', '../../execution/ports.js');
  await assertAllowed('src/adapters/ccxt/x.ts', '../../model/types/price.js');
  await assertAllowed('src/adapters/ccxt/x.ts', './client.js');
});

test('strategy may import portfolio (strictly lower)', async () => {
  await assertAllowed('src/strategy/x.ts', '../portfolio/p.js');
  await assertAllowed('src/strategy/builtin/x.ts', '../../portfolio/p.js');
});

test('folders on the same level never import each other', async () => {
  await assertForbidden('src/data/x.ts', '../execution/e.js', 'data may not import execution');
  await assertForbidden('src/common/x.ts', '../indicators/sma.js', 'common may not import indicators');
});

test('everything at or above data may import common, indicators and matching', async () => {
  await assertAllowed('src/data/x.ts', '../common/c.js');
  await assertAllowed('src/risk/x.ts', '../indicators/sma.js');
  await assertAllowed('src/system/x.ts', '../matching/engine.js');
});

test('the rule counts ../ exactly: model/data is not src/data', async () => {
  // src/model/orders/x.ts -> ../data/bar.js is src/model/data/bar.ts, inside model.
  await assertAllowed('src/model/orders/x.ts', '../data/bar.js');
  await assertForbidden('src/model/orders/x.ts', '../../data/feed.js', 'model may not import data');
});

test('deeply nested files are checked at any depth', async () => {
  await assertForbidden('src/core/a/b/x.ts', '../../../model/types/price.js', 'core may not import model');
  await assertAllowed('src/core/a/b/x.ts', '../../clock.js');
  const deep = `src/core/${'d/'.repeat(12)}x.ts`;
  await assertForbidden(deep, `${'../'.repeat(13)}model/x.js`, 'core may not import model');
  await assertAllowed(deep, `${'../'.repeat(12)}clock.js`);
});

test('export-from and type-only imports are checked too', async () => {
  const reexport = await lint('src/core/x.ts', "export { Price } from '../model/types/price.js';\n");
  assert.equal(withRule(reexport, 'no-restricted-imports').length, 1);
  const typeOnly = await lint(
    'src/core/x.ts',
    "import type { Price } from '../model/types/price.js';\nexport type P = Price;\n",
  );
  assert.equal(withRule(typeOnly, 'no-restricted-imports').length, 1);
});

test('cli may import server, server may not import cli', async () => {
  await assertAllowed('src/cli/x.ts', '../server/http.js');
  await assertForbidden('src/server/x.ts', '../cli/main.js', 'server may not import cli');
  await assertAllowed('src/server/x.ts', '../backtest/engine.js');
});

test('lower layers may not import the public barrel; src/index.ts, test/ and bench/ import anything', async () => {
  await assertForbidden('src/strategy/x.ts', '../index.js', 'public barrel');
  await assertForbidden('src/core/x.ts', 'quantflow', 'public barrel');
  await assertAllowed('src/index.ts', './live/node.js');
  await assertAllowed('test/integration/x.ts', '../../src/system/kernel.js');
  await assertAllowed('bench/x.ts', '../src/backtest/engine.js');
});

test('web imports nothing from src but the report renderer, the API clients and the indicators', async () => {
  await assertForbidden('web/src/app.ts', '../../src/model/types/price.js', 'web may not import from src/');
  await assertForbidden('web/src/panels/x.ts', '../../../src/server/app.js', 'web may not import from src/');
  await assertForbidden('web/src/app.ts', '../../src/clients/x.js'); // a folder named like it is not it
  await assertForbidden('web/src/app.ts', 'quantflow/client'); // the package resolves to dist/
  await assertAllowed('web/src/app.ts', '../../src/client/index.js');
  await assertAllowed('web/src/panels/x.ts', '../../../src/client/rest-client.js');
  await assertAllowed('web/src/report-page.ts', '../../src/backtest/report/render-report.js');
  await assertAllowed('web/src/lib/overlays.ts', '../../../src/indicators/batch.js');
  await assertForbidden('web/src/lib/x.ts', '../../../src/indicator/x.js'); // not the library
  await assertAllowed('web/src/components/app.ts', '../../src/api.js'); // web/src, not the repo's src
});

test('every folder of src/ is in the layer table', async () => {
  const configUrl = pathToFileURL(path.join(ROOT, 'eslint.config.js')).href;
  const config = (await import(configUrl)) as { ALL_FOLDERS: string[] };
  const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const unknown = folders.filter((folder) => !config.ALL_FOLDERS.includes(folder));
  assert.deepEqual(unknown, [], 'add new src/ folders to LAYERS or SIDE_LAYERS in eslint.config.js');
});

// ---------------------------------------------------------------------------------------------
// Time comes from the injected Clock
// ---------------------------------------------------------------------------------------------

test('Date.now() is forbidden in src/ outside the clock', async () => {
  const messages = await lint('src/portfolio/x.ts', 'export const t = Date.now();\n');
  const errors = withRule(messages, 'no-restricted-properties');
  assert.equal(errors.length, 1);
  assert.ok(errors[0]!.message.includes('read time from the injected Clock'), errors[0]!.message);
});

test('new Date() and Date() without arguments are forbidden, new Date(ms) is fine', async () => {
  const bare = await lint('src/system/x.ts', 'export const a = new Date();\nexport const b = Date();\n');
  const errors = withRule(bare, 'no-restricted-syntax');
  assert.equal(errors.length, 2);
  assert.ok(errors.every((m) => m.message.includes('read time from the injected Clock')));
  const withArg = await lint('src/system/x.ts', 'export const iso = new Date(0).toISOString();\n');
  assert.deepEqual(withArg, []);
});

test('the clock itself and the CLI may read the wall clock', async () => {
  const clock = 'export const t = Date.now();\nexport const d = new Date();\n';
  assert.deepEqual(await lint('src/core/clock.ts', clock), []);
  assert.deepEqual(await lint('src/cli/commands/run.ts', clock), []);
  assert.deepEqual(await lint('test/integration/x.ts', clock), []);
});

// ---------------------------------------------------------------------------------------------
// General rules
// ---------------------------------------------------------------------------------------------

test('unused variables are errors unless prefixed with _', async () => {
  const messages = await lint(
    'src/model/x.ts',
    'export function f(_unused: number, used: number): number {\n  const _skip = 1;\n  const dead = 2;\n  return used;\n}\n',
  );
  const errors = withRule(messages, '@typescript-eslint/no-unused-vars');
  assert.equal(errors.length, 1);
  assert.ok(errors[0]!.message.includes("'dead'"), errors[0]!.message);
});
