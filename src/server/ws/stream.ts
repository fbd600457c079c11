/**
 * GET /api/v1/stream: the WebSocket endpoint of the {@link StreamHub} (docs/streaming.md).
 * Authentication happens before the upgrade: a refused client gets an HTTP 401 and no socket.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { StreamHub, StreamSocket } from './stream-hub.js';

/** API key roles (the server's auth orders them viewer < trader < admin). */
export type StreamRole = 'viewer' | 'trader' | 'admin';

export interface StreamRouteOptions {
  readonly hub: StreamHub;
  /**
   * The role of the request's key (see {@link streamKey}), or undefined to refuse it with 401.
   * Without it everyone may connect (any role may read the stream).
   */
  readonly authenticate?: (req: FastifyRequest) => StreamRole | undefined;
  /** Per-client backlog limit (hub queue + socket send buffer) before a 4008 drop (default: the hub's). */
  readonly maxBufferedBytes?: number;
  /** Ping interval; a client that misses one pong is dropped (default 15,000 ms; 0 turns it off). */
  readonly heartbeatMs?: number;
  /** Largest client frame, bytes (default 64 KiB), when this registers @fastify/websocket itself. */
  readonly maxPayload?: number;
  /** Route path (default `/api/v1/stream`). */
  readonly path?: string;
}

/**
 * The API key of a stream request: `?key=` (browsers cannot set headers on a WebSocket), else
 * `Authorization: Bearer <key>`, else `X-API-Key`.
 */
export function streamKey(req: FastifyRequest): string | undefined {
  const query = req.query as Record<string, unknown> | undefined;
  const fromQuery = query?.['key'];
  if (typeof fromQuery === 'string' && fromQuery !== '') return fromQuery;
  const auth = req.headers.authorization;
  if (auth !== undefined && auth.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

/**
 * Registers the stream route (and @fastify/websocket, unless the app already has it — register
 * it before this if the app configures it itself). Starts the hub's heartbeat; closing the app
 * closes every stream connection.
 */
export function registerStream(app: FastifyInstance, options: StreamRouteOptions): void {
  const { hub, authenticate } = options;
  app.register(async (scope) => {
    if (!scope.hasDecorator('websocketServer'))
      await scope.register(websocket, { options: { maxPayload: options.maxPayload ?? 64 * 1024 } });
    const heartbeatMs = options.heartbeatMs ?? 15_000;
    if (heartbeatMs > 0) hub.startHeartbeat(heartbeatMs);
    scope.addHook('onClose', async () => hub.stop());

    scope.get(
      options.path ?? '/api/v1/stream',
      {
        websocket: true,
        preValidation: async (req: FastifyRequest, reply: FastifyReply) => {
          if (authenticate === undefined || authenticate(req) !== undefined) return;
          await reply.code(401).send({
            error: {
              code: 'UNAUTHORIZED',
              message: 'a valid API key is required (?key= or Authorization: Bearer)',
            },
          });
        },
      },
      (socket: WebSocket, req: FastifyRequest) => {
        const connection = hub.connect(wsStreamSocket(socket), {
          ...(options.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: options.maxBufferedBytes }),
          batch: wantsBatches(req),
        });
        // Handlers attach synchronously so no frame is missed (see @fastify/websocket's README).
        socket.on('message', (data) => connection.receive(rawText(data)));
        socket.on('pong', () => connection.pong());
        socket.on('close', () => connection.closed());
        socket.on('error', () => connection.closed());
      },
    );
  });
}

/** `?batch=1` (or `true`): the client reads frames that hold an array of messages. */
function wantsBatches(req: FastifyRequest): boolean {
  const value = (req.query as Record<string, unknown> | undefined)?.['batch'];
  return value === '1' || value === 'true';
}

/** The `ws` socket as the hub sees it; frames are corked on the underlying TCP socket. */
function wsStreamSocket(ws: WebSocket): StreamSocket {
  // ws keeps the net.Socket private; corking it batches one flush's frames into one write.
  const tcp = (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  return {
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send: (data, cb) => ws.send(data, cb),
    ping: () => ws.ping(),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    ...(tcp === undefined ? {} : { cork: () => tcp.cork(), uncork: () => tcp.uncork() }),
  };
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
