import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { InputError } from '../core/input-error.js';
import { BUILTIN_STRATEGIES } from '../strategy/builtin/registry.js';
import { Strategy, type StrategyClass } from '../strategy/strategy.js';
import { compileStrategyFile } from './strategy-compiler.js';

/** A strategy class and the name it was asked for by. */
export interface LoadedStrategy {
  readonly name: string;
  readonly cls: StrategyClass;
  /** Absolute path when loaded from a user's file. */
  readonly file?: string;
}

const FILE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/**
 * Finds a strategy by built-in name (`sma-cross`) or loads it from a file
 * (`./my-strategy.ts`, compiled on the fly; see {@link compileStrategyFile}). The file's default export, or
 * else its only exported subclass of `Strategy`, is the strategy.
 */
export async function loadStrategy(nameOrPath: string): Promise<LoadedStrategy> {
  const builtin = BUILTIN_STRATEGIES[nameOrPath];
  if (builtin !== undefined) return { name: nameOrPath, cls: builtin };
  if (!FILE_EXTENSIONS.has(extname(nameOrPath))) {
    throw new InputError(
      `unknown strategy '${nameOrPath}' (built-in: ${Object.keys(BUILTIN_STRATEGIES).join(', ')}; or give a .ts/.js file)`,
    );
  }
  const file = resolve(nameOrPath);
  if (!existsSync(file)) throw new InputError(`strategy file not found`, { file: nameOrPath });
  const module = await importFile(file, nameOrPath);
  const candidates = [module.default, ...Object.values(module)].filter(isStrategyClass);
  const cls = isStrategyClass(module.default)
    ? module.default
    : candidates.length === 1
      ? candidates[0]
      : undefined;
  if (cls === undefined) {
    throw new InputError(
      candidates.length === 0
        ? 'no strategy class found: export (default) a class that extends Strategy from quantflow'
        : 'several strategy classes exported: make the one to run the default export',
      { file: nameOrPath },
    );
  }
  return { name: (cls as unknown as { name: string }).name, cls, file };
}

async function importFile(file: string, shown: string): Promise<Record<string, unknown>> {
  const url = await compileStrategyFile(file, shown);
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const detail = (error as Error).message
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ');
    throw new InputError(`cannot load strategy: ${detail}`, { file: shown });
  }
}

function isStrategyClass(value: unknown): value is StrategyClass {
  return typeof value === 'function' && value.prototype instanceof Strategy;
}
