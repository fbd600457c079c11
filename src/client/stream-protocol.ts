/**
 * The wire protocol of the WebSocket stream (GET /api/v1/stream; docs/streaming.md): topic
 * names, the messages each side sends and the parsing of client operations. Types only plus
 * pure functions, so the typed client (src/client/stream-client.ts) imports them without
 * pulling in the server.
 */

/** Topics without an instrument. */
export const PLAIN_TOPICS = ['orders', 'fills', 'positions', 'pnl', 'risk', 'health', 'logs'] as const;
export type PlainTopic = (typeof PLAIN_TOPICS)[number];

/** Topic prefixes followed by an instrument id (`quotes:BTCUSD.SIM`; `book`: the top levels of the L2 book). */
export const INSTRUMENT_TOPIC_KINDS = ['quotes', 'trades', 'bars', 'book'] as const;
export type InstrumentTopicKind = (typeof INSTRUMENT_TOPIC_KINDS)[number];

export type StreamTopic = PlainTopic | `${InstrumentTopicKind}:${string}`;

/** Topics whose events carry a `seq`, are never dropped and can be resumed. */
export const DURABLE_TOPICS: ReadonlySet<string> = new Set(['orders', 'fills', 'risk']);

/** Close code for a client whose backlog passed its limit (the WebSocket private range 4000–4999). */
export const CLOSE_TOO_SLOW = 4008;
/** Close code for a client that stopped answering pings (it is terminated, so it sees 1006). */
export const CLOSE_DEAD = 4009;
/** Close code when the server shuts down. */
export const CLOSE_GOING_AWAY = 1001;

/** Stable codes of `{ type: 'error' }` replies. */
export const StreamErrorCode = {
  /** Not JSON, not an object, or a field of the wrong type. */
  BAD_MESSAGE: 'BAD_MESSAGE',
  /** `op` is not subscribe, unsubscribe or ping. */
  UNKNOWN_OP: 'UNKNOWN_OP',
  /** A topic that does not exist (or an instrument the node does not trade). */
  UNKNOWN_TOPIC: 'UNKNOWN_TOPIC',
  /**
   * Some events after `resumeFrom` are no longer kept (or the seq belongs to an earlier server
   * run): what was kept was replayed, the rest must be fetched over REST.
   */
  RESUME_GAP: 'RESUME_GAP',
} as const;
export type StreamErrorCode = (typeof StreamErrorCode)[keyof typeof StreamErrorCode];

/** A client operation, parsed. */
export type ClientOp =
  | {
      readonly op: 'subscribe';
      readonly topics: readonly StreamTopic[];
      /** Replay the durable events after this seq (of the topics named) before going live. */
      readonly resumeFrom?: number;
      /** The server run `resumeFrom` belongs to (from a `subscribed` reply); another run's seq is a gap. */
      readonly epoch?: string;
    }
  | { readonly op: 'unsubscribe'; readonly topics: readonly StreamTopic[] }
  | { readonly op: 'ping' };

/** An event on a topic. `seq` is 0 for topics that are not durable. */
export interface StreamEvent<T = unknown> {
  readonly seq: number;
  readonly topic: StreamTopic;
  readonly type: string;
  /** When the server published it, µs since the epoch. */
  readonly ts: number;
  readonly data: T;
}

/** Replies to client operations. */
export type StreamReply =
  | {
      readonly type: 'subscribed';
      /** Every topic the connection is subscribed to now. */
      readonly topics: readonly StreamTopic[];
      /** Identifies this server run: a `seq` from another epoch cannot be resumed. */
      readonly epoch: string;
      /** The latest seq the server has assigned. */
      readonly lastSeq: number;
      /** Durable events replayed for `resumeFrom` (before this reply). */
      readonly replayed: number;
    }
  | { readonly type: 'unsubscribed'; readonly topics: readonly StreamTopic[] }
  | { readonly type: 'error'; readonly code: StreamErrorCode; readonly message: string }
  | { readonly type: 'pong' };

/** Anything the server sends. */
export type ServerMessage = StreamEvent | StreamReply;

/** Most topics one operation may name. */
export const MAX_TOPICS_PER_OP = 256;

/** The result of parsing one client frame: an operation, or the error to reply with. */
export type ParsedOp =
  | { readonly ok: true; readonly value: ClientOp }
  | { readonly ok: false; readonly code: StreamErrorCode; readonly message: string };

const INSTRUMENT_ID = /^[A-Za-z0-9_\-/]+\.[A-Za-z0-9_-]+$/;

/** Whether `topic` is well formed (an instrument topic names any well-formed instrument id). */
export function isStreamTopic(topic: string): topic is StreamTopic {
  if ((PLAIN_TOPICS as readonly string[]).includes(topic)) return true;
  const colon = topic.indexOf(':');
  if (colon < 0) return false;
  const kind = topic.slice(0, colon);
  return (
    (INSTRUMENT_TOPIC_KINDS as readonly string[]).includes(kind) && INSTRUMENT_ID.test(topic.slice(colon + 1))
  );
}

/** The instrument id of an instrument topic, or undefined for a plain topic. */
export function topicInstrument(topic: StreamTopic): string | undefined {
  const colon = topic.indexOf(':');
  return colon < 0 ? undefined : topic.slice(colon + 1);
}

/**
 * Parses a client frame. `knownInstrument`, when given, limits instrument topics to the
 * instruments the server has (others are UNKNOWN_TOPIC).
 */
export function parseClientOp(text: string, knownInstrument?: (id: string) => boolean): ParsedOp {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad(StreamErrorCode.BAD_MESSAGE, 'the message is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bad(StreamErrorCode.BAD_MESSAGE, 'the message must be a JSON object with an "op"');
  const message = value as Record<string, unknown>;
  const op = message['op'];
  if (op === 'ping') return { ok: true, value: { op: 'ping' } };
  if (op !== 'subscribe' && op !== 'unsubscribe')
    return bad(
      StreamErrorCode.UNKNOWN_OP,
      `unknown op ${JSON.stringify(op)}: expected subscribe, unsubscribe or ping`,
    );
  const topics = message['topics'];
  if (!Array.isArray(topics) || topics.some((t) => typeof t !== 'string'))
    return bad(StreamErrorCode.BAD_MESSAGE, '"topics" must be an array of strings');
  if (topics.length > MAX_TOPICS_PER_OP)
    return bad(StreamErrorCode.BAD_MESSAGE, `at most ${MAX_TOPICS_PER_OP} topics per operation`);
  const unknown = (topics as string[]).filter(
    (t) =>
      !isStreamTopic(t) ||
      (knownInstrument !== undefined &&
        topicInstrument(t) !== undefined &&
        !knownInstrument(topicInstrument(t)!)),
  );
  if (unknown.length > 0)
    return bad(StreamErrorCode.UNKNOWN_TOPIC, `unknown topic(s): ${unknown.slice(0, 10).join(', ')}`);
  const list = [...new Set(topics as StreamTopic[])];
  if (op === 'unsubscribe') return { ok: true, value: { op, topics: list } };
  const resumeFrom = message['resumeFrom'];
  const epoch = message['epoch'];
  if (resumeFrom === undefined) return { ok: true, value: { op, topics: list } };
  if (typeof resumeFrom !== 'number' || !Number.isSafeInteger(resumeFrom) || resumeFrom < 0)
    return bad(StreamErrorCode.BAD_MESSAGE, '"resumeFrom" must be a non-negative integer seq');
  if (epoch !== undefined && typeof epoch !== 'string')
    return bad(StreamErrorCode.BAD_MESSAGE, '"epoch" must be a string');
  return { ok: true, value: { op, topics: list, resumeFrom, ...(epoch === undefined ? {} : { epoch }) } };
}

function bad(code: StreamErrorCode, message: string): ParsedOp {
  return { ok: false, code, message };
}
