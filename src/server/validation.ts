/**
 * Request validation with zod: a failed parse becomes a VALIDATION_FAILED {@link ApiError} whose
 * details list every problem as `{ in, path, message }` (unknown fields one entry each).
 */
import type { z } from 'zod';
import { ApiError, ErrorCode } from './errors.js';

/** Which part of the request a value came from. */
export type RequestPart = 'body' | 'query' | 'params';

/** One problem with a request value. */
export interface ValidationIssue {
  readonly in: RequestPart;
  /** Dotted path of the field (`quantity`, `params.fast`); empty for the value as a whole. */
  readonly path: string;
  readonly message: string;
}

/** Issues of a zod error, flattened; unknown keys become one issue per key. */
export function issuesOf(
  error: z.ZodError,
  part: RequestPart,
  prefix: readonly PropertyKey[] = [],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path].map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ in: part, path: [...base, key].join('.'), message: 'unknown field' });
    } else {
      issues.push({ in: part, path: base.join('.'), message: issue.message });
    }
  }
  return issues;
}

/** The VALIDATION_FAILED error for `issues`; its message names the first one. */
export function validationError(issues: readonly ValidationIssue[]): ApiError {
  const first = issues[0];
  const where =
    first === undefined ? '' : `${first.in}${first.path === '' ? '' : ` field '${first.path}'`}: `;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ApiError(ErrorCode.VALIDATION_FAILED, `${where}${first?.message ?? 'invalid request'}${more}`, {
    issues,
  });
}

/** Parses `value` with `schema` or throws VALIDATION_FAILED. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.output<S> {
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw validationError(issuesOf(result.error, part));
}
