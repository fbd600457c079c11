/**
 * The server's errors: stable codes with their HTTP statuses, the one error body shape
 * (`{ error: { code, message, details? } }`) and the handlers that turn everything a request can
 * go wrong with — our own {@link ApiError}s, Fastify's body parsing errors, the rate limiter, an
 * unknown route, a bug — into that shape.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Stable error codes (docs/api.md). The message may change; the code does not. */
export const ErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  STRATEGY_NOT_FOUND: 'STRATEGY_NOT_FOUND',
  ORDER_NOT_OPEN: 'ORDER_NOT_OPEN',
  /** Re-parameterizing a strategy that holds a position would orphan it (the new instance starts a new ledger). */
  STRATEGY_NOT_FLAT: 'STRATEGY_NOT_FLAT',
  /** The backtest has no report yet (queued, running or failed). */
  BACKTEST_NOT_FINISHED: 'BACKTEST_NOT_FINISHED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  ORDER_DENIED: 'ORDER_DENIED',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
  /** The server runs without a trading node (or without a backtest service). */
  NODE_NOT_RUNNING: 'NODE_NOT_RUNNING',
  BACKTESTS_DISABLED: 'BACKTESTS_DISABLED',
  /** The server was started without a bar catalog (`--catalog`). */
  CATALOG_DISABLED: 'CATALOG_DISABLED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status of each code. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  STRATEGY_NOT_FOUND: 404,
  ORDER_NOT_OPEN: 409,
  STRATEGY_NOT_FLAT: 409,
  BACKTEST_NOT_FINISHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ORDER_DENIED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NODE_NOT_RUNNING: 503,
  BACKTESTS_DISABLED: 503,
  CATALOG_DISABLED: 503,
};

/** The body of every error response. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details?: Readonly<Record<string, unknown>>;
  };
}

/** An expected failure of a request: thrown by a route, answered with its code's status. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** Fastify's own errors (body parsing, limits) as stable codes. */
function fromFastify(error: FastifyError): ApiError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, 'the request body is larger than the limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(ErrorCode.BAD_REQUEST, 'the body is empty but the content type says JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(ErrorCode.BAD_REQUEST, `the body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode === 429) return new ApiError(ErrorCode.RATE_LIMITED, 'too many requests; slow down');
  if (error instanceof SyntaxError || error.statusCode === 400)
    return new ApiError(ErrorCode.BAD_REQUEST, `malformed request: ${error.message}`);
  if (error.statusCode === 413) return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, error.message);
  if (error.statusCode === 415) return new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, error.message);
  return undefined;
}

/** Installs the error and not-found handlers on `app`. */
export function installErrorHandlers(
  app: FastifyInstance,
  notFoundPreHandler?: (req: FastifyRequest, reply: FastifyReply) => Promise<void>,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof ApiError ? error : fromFastify(error);
    if (known !== undefined) {
      return reply.status(known.status).send(known.toBody());
    }
    // A bug: log it whole, tell the client nothing about our insides.
    request.log.error({ err: error }, 'request failed');
    const internal = new ApiError(ErrorCode.INTERNAL, 'internal error');
    return reply.status(internal.status).send(internal.toBody());
  });
  app.setNotFoundHandler(
    notFoundPreHandler === undefined ? {} : { preHandler: notFoundPreHandler },
    (request, reply) => {
      const error = new ApiError(
        ErrorCode.NOT_FOUND,
        `no route ${request.method} ${request.url.split('?')[0]}`,
      );
      return reply.status(error.status).send(error.toBody());
    },
  );
}
