/**
 * What the commands that serve the API and dashboard (`paper --serve`, `serve`, `live --serve`,
 * `backtest --serve`) have in common: the `--serve`, `--port`, `--host` and `--api-keys` options,
 * where API keys come from, starting the server with the CLI's defaults, and the printed URLs.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../core/input-error.js';
import { BarCatalog } from '../data/catalog/bar-catalog.js';
import { parseApiKeys, readAuthFile, type AuthConfig } from '../server/auth.js';
import { serveNode, type ServedNode, type ServeNodeOptions } from '../server/serve-node.js';
import { portOption } from './option-parsers.js';
import { PACKAGE_ROOT, packageVersion } from './package-paths.js';

/** The parsed serve options. */
export interface ServeCliOptions {
  serve?: boolean;
  port: number;
  host: string;
  apiKeys?: string;
  /** A bar catalog folder, served at `/market/:id/history` (backtest: also its data). */
  catalog?: string;
}

/** Adds `--serve` (described by `serveDescription`), `--port`, `--host` and `--api-keys`. */
export function addServeOptions(command: Command, serveDescription: string): Command {
  return command
    .option('--serve', serveDescription)
    .option('--port <n>', 'with --serve: the port (0: any free one)', portOption('port'), 8080)
    .option('--host <address>', 'with --serve: the address to bind', '127.0.0.1')
    .option(
      '--api-keys <file>',
      'with --serve: API keys and roles (JSON); default QUANTFLOW_API_KEYS="key:role,..."',
    );
}

/**
 * Refuses options that only mean something with `--serve` when it is not given (a `--port` that
 * would be silently ignored is a mistake worth a message). `names`: option attribute names
 * (`apiKeys`); the serve options are always checked.
 */
export function checkServeOnlyOptions(command: Command, names: readonly string[] = []): void {
  if (command.getOptionValue('serve') === true) return;
  for (const name of ['port', 'host', 'apiKeys', ...names]) {
    const source = command.getOptionValueSource(name);
    if (source !== undefined && source !== 'default') {
      const flag = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      throw new InputError(`option --${flag} needs --serve`);
    }
  }
}

/** API keys from `--api-keys FILE`, else `QUANTFLOW_API_KEYS`, else none (reads only). */
export function readApiKeys(file: string | undefined): AuthConfig {
  if (file !== undefined) return readAuthFile(file);
  const text = process.env.QUANTFLOW_API_KEYS?.trim();
  return { keys: text === undefined || text === '' ? [] : parseApiKeys(text) };
}

/** Listen failures that are the user's to fix (a taken port, an address not of this machine). */
const LISTEN_ERRORS = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Serves the API, the stream and the dashboard (built into `dist/web`) on `--host`:`--port`,
 * with the API keys of {@link readApiKeys} unless `server.auth` is given, and the bar catalog of
 * `--catalog` (if any) for `/market/:id/history`. A port that is taken or
 * a host that cannot be bound is an {@link InputError}.
 */
export async function serveFromCli(
  opts: ServeCliOptions,
  server: Omit<ServeNodeOptions, 'host' | 'port' | 'auth' | 'version' | 'webRoot'> & {
    readonly auth?: AuthConfig;
  },
): Promise<ServedNode> {
  // The catalog stays open while the server runs; the process ends with it.
  const catalog = opts.catalog === undefined ? undefined : await BarCatalog.open(opts.catalog);
  try {
    return await serveNode({
      ...server,
      ...(catalog === undefined ? {} : { catalog }),
      host: opts.host,
      port: opts.port,
      auth: server.auth ?? readApiKeys(opts.apiKeys),
      version: packageVersion(),
      webRoot: join(PACKAGE_ROOT, 'dist', 'web'),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && LISTEN_ERRORS.has(code))
      throw new InputError(`cannot serve on ${opts.host} port ${opts.port}: ${(error as Error).message}`);
    throw error;
  }
}

/** Prints the page to open (`label: URL`) and where the API and its docs are. */
export function printServedUrls(served: ServedNode, label: string, page: string): void {
  process.stdout.write(`${label}: ${served.url}${page}\n`);
  process.stdout.write(`API: ${served.url}/api/v1 (docs: ${served.url}/docs)\n`);
}
