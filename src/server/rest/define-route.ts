/**
 * One way to declare a REST route: its zod schemas validate the request (VALIDATION_FAILED with
 * every problem) and, converted with `z.toJSONSchema`, document it in the OpenAPI document; its
 * `role` is what the auth hook checks (undefined: a read route).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../auth.js';
import { parseWith } from '../validation.js';

/** The API's prefix. */
export const API_PREFIX = '/api/v1';

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** A route: method, path (below {@link API_PREFIX}), schemas, role and handler. */
export interface RouteSpec<B extends Schema, Q extends Schema, P extends Schema> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** The least role the route needs; undefined for read routes (anonymous viewers allowed). */
  readonly role?: Role;
  readonly body?: B;
  readonly query?: Q;
  readonly params?: P;
  /** The success status (default 200). */
  readonly status?: number;
  /** A description of the success answer for the docs. */
  readonly returns?: string;
  /** The success media type (default application/json). */
  readonly produces?: string;
  readonly handler: (
    input: { body: Out<B>; query: Out<Q>; params: Out<P> },
    request: FastifyRequest,
    reply: FastifyReply,
  ) => unknown;
}

/** The error body, for the docs. */
const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

/** What a route config carries to the auth hook. */
export interface RouteConfig {
  readonly role?: Role;
  readonly api?: boolean;
}

/** JSON Schema of a zod schema, as accepted by OpenAPI 3.0 (documentation only: zod validates). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
  delete (json as Record<string, unknown>).$schema;
  return json as Record<string, unknown>;
}

/** Registers `spec` on `app` under {@link API_PREFIX}. */
export function defineRoute<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
>(app: FastifyInstance, spec: RouteSpec<B, Q, P>): void {
  const status = spec.status ?? 200;
  const config: RouteConfig = { api: true, ...(spec.role === undefined ? {} : { role: spec.role }) };
  app.route({
    method: spec.method,
    url: `${API_PREFIX}${spec.url}`,
    config,
    schema: {
      summary: spec.summary,
      tags: [...spec.tags],
      ...(spec.role === undefined
        ? {}
        : { security: [{ bearer: [] }, { apiKey: [] }], description: `Role: ${spec.role}.` }),
      ...(spec.body === undefined ? {} : { body: jsonSchemaOf(spec.body) }),
      ...(spec.query === undefined ? {} : { querystring: jsonSchemaOf(spec.query) }),
      ...(spec.params === undefined ? {} : { params: jsonSchemaOf(spec.params) }),
      response: {
        [status]: {
          description: spec.returns ?? 'success',
          ...(spec.produces === undefined
            ? {}
            : { content: { [spec.produces]: { schema: { type: 'string' } } } }),
        },
        default: { description: 'an error (docs/api.md, Errors)', ...ERROR_SCHEMA },
      },
    },
    handler: async (request, reply) => {
      const input = {
        params: (spec.params === undefined
          ? undefined
          : parseWith(spec.params, request.params, 'params')) as Out<P>,
        query: (spec.query === undefined
          ? undefined
          : parseWith(spec.query, request.query, 'query')) as Out<Q>,
        body: (spec.body === undefined ? undefined : parseWith(spec.body, request.body, 'body')) as Out<B>,
      };
      const result = await spec.handler(input, request, reply);
      if (reply.sent) return reply;
      reply.status(status);
      return result;
    },
  });
}
