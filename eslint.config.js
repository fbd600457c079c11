// @ts-check
/**
 * ESLint flat config for QuantFlow.
 *
 * Besides the usual recommended rules it enforces two architectural invariants:
 *
 *  1. Import boundaries between the folders of `src/` (ARCHITECTURE.md, "Who may import whom"),
 *     with ESLint's built-in `no-restricted-imports`. The rule is generated from the LAYERS /
 *     SIDE_LAYERS tables below: edit the tables, never the generated blocks.
 *  2. Time is read from the injected `Clock` only: no `Date.now()`, `new Date()` or `Date()`
 *     inside `src/` except in `src/core/clock.ts` and the CLI.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------
// Layer table (ARCHITECTURE.md). Lowest level first. A folder may import its own folder and any
// folder on a strictly lower level; folders on the same level never import each other.
// ---------------------------------------------------------------------------------------------
export const LAYERS = [
  ['core'],
  ['model'],
  ['common', 'indicators', 'matching'],
  ['data', 'execution', 'risk', 'portfolio'],
  ['strategy'],
  ['system'],
  ['backtest', 'live'],
  ['server', 'cli'],
];

/** Same-level imports that are explicitly allowed, as `importer: [imported...]`. */
export const EXTRA_ALLOWED = {
  cli: ['server'],
};

/**
 * Folders outside the chain. `allows`: what they may import. `importedBy`: the chain folders that may
 * import them (adapters implement the ports of data/execution; the composition root wires them in).
 */
export const SIDE_LAYERS = {
  // `matching`: the sandbox (paper) execution client trades on the one matching core.
  adapters: {
    allows: ['core', 'model', 'common', 'matching', 'data', 'execution'],
    importedBy: ['system', 'backtest', 'live', 'server', 'cli'],
  },
  // Typed API clients (REST, WebSocket) for scripts and the dashboard: they import nothing of the
  // engine (a browser bundle must not pull it in).
  // The stream protocol's types and parser live here, shared with the server that speaks it.
  client: {
    allows: [],
    importedBy: ['server', 'cli'],
  },
  // The journal and stores: they persist model events and are wired in by the composition root.
  persistence: {
    allows: ['core', 'model', 'common'],
    importedBy: ['system', 'backtest', 'live', 'server', 'cli'],
  },
};

/** Folders that may import the public barrel (`src/index.ts`, or the package's own name). */
const BARREL_IMPORTERS = ['server', 'cli'];
const PACKAGE_NAME = 'quantflow';

/** Extensions linted as source. */
const EXT = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

/** Subfolder depth up to which exact per-depth overrides are generated (`src/<layer>/a/b/.../file.ts`). */
const MAX_DEPTH = 8;

const ARCH = 'ARCHITECTURE.md';

// ---------------------------------------------------------------------------------------------
// Derived tables
// ---------------------------------------------------------------------------------------------
const levelOf = new Map(LAYERS.flatMap((names, level) => names.map((name) => [name, level])));
export const ALL_FOLDERS = [...levelOf.keys(), ...Object.keys(SIDE_LAYERS)];

/**
 * For every folder of `src/`: the folders it may NOT import, each with the reason.
 * @returns {Map<string, Array<{ target: string, reason: string }>>}
 */
function forbiddenImports() {
  /** @type {Map<string, Array<{ target: string, reason: string }>>} */
  const table = new Map();
  for (const from of ALL_FOLDERS) {
    const side = SIDE_LAYERS[/** @type {keyof typeof SIDE_LAYERS} */ (from)];
    const extra = EXTRA_ALLOWED[/** @type {keyof typeof EXTRA_ALLOWED} */ (from)] ?? [];
    /** @type {Array<{ target: string, reason: string }>} */
    const forbidden = [];
    for (const to of ALL_FOLDERS) {
      if (to === from || extra.includes(to)) continue;
      const toSide = SIDE_LAYERS[/** @type {keyof typeof SIDE_LAYERS} */ (to)];
      let reason;
      if (side) {
        if (!side.allows.includes(to)) reason = `${from} may only import ${side.allows.join(', ')}`;
      } else if (toSide) {
        if (!toSide.importedBy.includes(from)) {
          reason = `only ${toSide.importedBy.join(', ')} may import ${to}; lower layers depend on ports, not adapters`;
        }
      } else {
        const a = /** @type {number} */ (levelOf.get(from));
        const b = /** @type {number} */ (levelOf.get(to));
        if (b > a) reason = 'lower layers never import higher';
        else if (b === a) reason = `${from} and ${to} are on the same level and never import each other`;
      }
      if (reason) forbidden.push({ target: to, reason });
    }
    table.set(from, forbidden);
  }
  return table;
}

/** @param {string} s */
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Regex matching an import that climbs `ups` directories (a regex quantifier body: `2` or `14,`) and
 * enters `target`: `../../model`, `../../model/types/price.js`, `./../../model/x.js`, `../../model.js`.
 * Exact depth matters: from `src/model/orders/x.ts`, `../data/bar.js` is `src/model/data`, not `src/data`.
 * @param {string} ups @param {string} target
 */
const climbInto = (ups, target) =>
  `^(?:\\./)?(?:\\.\\./){${ups}}${escapeRegex(target)}(?:\\.[cm]?[jt]sx?)?(?:/.*)?$`;

/**
 * One flat-config block per folder depth: `files` matches `<dir>/*.ext`, `<dir>/x/*.ext`, ...; the
 * patterns climb back to the root the targets are relative to (depth + 1 times `../`). Files nested
 * deeper than MAX_DEPTH share a last block that accepts any climb at least that deep.
 * @param {string} name config name prefix
 * @param {string} dir folder whose files are restricted
 * @param {Array<{ regexFor: (ups: string) => string, message: string }>} restrictions
 * @returns {import('eslint').Linter.Config[]}
 */
function boundaryBlocks(name, dir, restrictions) {
  if (restrictions.length === 0) return [];
  return Array.from({ length: MAX_DEPTH + 2 }, (_, depth) => {
    const deeper = depth > MAX_DEPTH;
    return {
      name: `quantflow/boundaries/${name}/depth-${deeper ? `${depth}+` : depth}`,
      files: [`${dir}/${'*/'.repeat(depth)}${deeper ? '**/' : ''}*.${EXT}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: restrictions.map(({ regexFor, message }) => ({
              regex: regexFor(deeper ? `${depth + 1},` : `${depth + 1}`),
              message,
            })),
          },
        ],
      },
    };
  });
}

const srcBoundaryBlocks = [...forbiddenImports()].flatMap(([from, forbidden]) => {
  /** @type {Array<{ regexFor: (ups: string) => string, message: string }>} */
  const restrictions = forbidden.map(({ target, reason }) => ({
    regexFor: (ups) => climbInto(ups, target),
    message: `${from} may not import ${target} (${ARCH}: ${reason}).`,
  }));
  if (!BARREL_IMPORTERS.includes(from)) {
    const message = `${from} may not import the public barrel src/index.ts (${ARCH}: lower layers never import higher); import the module directly.`;
    restrictions.push(
      { regexFor: (ups) => climbInto(ups, 'index'), message },
      { regexFor: () => `^${escapeRegex(PACKAGE_NAME)}(?:/.*)?$`, message },
    );
  }
  return boundaryBlocks(from, `src/${from}`, restrictions);
});

// web/ is a separate front end: it imports nothing from src/ (nor the package itself), except the
// backtest report renderer (src/backtest/report/: pure string building, no engine imports), which
// the backtest command's report.html and the dashboard's report page share, the typed API
// clients (src/client/: `quantflow/client`, which import nothing of the engine), and the
// indicator library (src/indicators/: pure computation), so chart overlays are the very values
// strategies read.
const webMessage = `web may not import from src/ (${ARCH}: web/ imports nothing from src/ but src/backtest/report/, src/client/ and src/indicators/).`;
const webBoundaryBlocks = boundaryBlocks('web', 'web', [
  {
    regexFor: (ups) =>
      `^(?:\\./)?(?:\\.\\./){${ups}}src(?!/backtest/report/|/client/|/indicators/)(?:\\.[cm]?[jt]sx?)?(?:/.*)?$`,
    message: webMessage,
  },
  { regexFor: () => `^${escapeRegex(PACKAGE_NAME)}(?:/.*)?$`, message: webMessage },
]);

// ---------------------------------------------------------------------------------------------
// Config
// ---------------------------------------------------------------------------------------------
const CLOCK_MESSAGE = 'read time from the injected Clock (src/core/clock.ts), not from the wall clock.';

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'web/dist/', 'coverage/'], 'quantflow/ignores'),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'quantflow/base',
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },

  // Import boundaries (src/index.ts, bench/ and test/ are deliberately unrestricted).
  ...srcBoundaryBlocks,
  ...webBoundaryBlocks,

  // Deterministic time: the kernel reads time from the injected Clock only.
  {
    name: 'quantflow/clock',
    files: [`src/**/*.${EXT}`],
    ignores: ['src/core/clock.ts', 'src/cli/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: CLOCK_MESSAGE }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
        { selector: "CallExpression[callee.name='Date']", message: CLOCK_MESSAGE },
      ],
    },
  },
]);
