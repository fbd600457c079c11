import { z } from 'zod';
import { err, ok, type Result } from '../core/result.js';
import type { StrategyClass } from './strategy.js';

/**
 * Validates parameters given as text (`--param fast=10`) against a strategy's schema.
 * Returns the typed parameters, or one message per problem naming the parameter.
 */
export function parseStrategyParams(
  strategy: StrategyClass,
  strategyName: string,
  raw: Readonly<Record<string, string | number | boolean>>,
): Result<Record<string, unknown>, string[]> {
  const parsed = strategy.paramsSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data as Record<string, unknown>);
  const known = paramNames(strategy);
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.map((k) => `'${k}'`).join(', ');
      return `unknown parameter ${names} for strategy ${strategyName} (known: ${known.join(', ') || 'none'})`;
    }
    const name = issue.path.join('.') || '(parameters)';
    const given = issue.path.length > 0 ? raw[String(issue.path[0])] : undefined;
    return `parameter '${name}' of strategy ${strategyName}${given === undefined ? '' : ` = ${String(given)}`}: ${issue.message}`;
  });
  return err(problems);
}

/** The parameter names a strategy declares, in declaration order. */
export function paramNames(strategy: StrategyClass): string[] {
  const schema = strategy.paramsSchema;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Name, default and description of each parameter, for `--help` and the docs. */
export function describeParams(
  strategy: StrategyClass,
): { name: string; default: unknown; description: string }[] {
  const schema = strategy.paramsSchema;
  if (!(schema instanceof z.ZodObject)) return [];
  const defaults = (schema.safeParse({}).data ?? {}) as Record<string, unknown>;
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    default: defaults[name],
    description: field.description ?? '',
  }));
}
