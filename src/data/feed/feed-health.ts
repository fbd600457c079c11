import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { FeedStatus } from './data-client.js';
import type { FeedQueueStats } from './feed-queue.js';
import type { InvalidReason } from './event-validator.js';

/** Health of one feed at one moment (see docs/market-data.md, "Feed health"). Times in µs. */
export interface FeedHealth {
  readonly venue: string;
  readonly status: FeedStatus;
  /** Messages accepted from the client (all kinds, before filtering). */
  readonly messages: number;
  /** Messages per second over the last few seconds. */
  readonly messagesPerSecond: number;
  /** Latency `tsInit − tsEvent` (venue timestamp to receipt) over recent messages. */
  readonly latencyP50Us: number | undefined;
  readonly latencyP99Us: number | undefined;
  /** Sequence gaps in order books (each triggers a snapshot request). */
  readonly gaps: number;
  readonly snapshotRequests: number;
  /** Times the client reconnected after losing its connection. */
  readonly reconnects: number;
  /** Trades suppressed as already seen. */
  readonly duplicates: number;
  /** Book updates skipped as out of date or waiting for a snapshot. */
  readonly staleBookUpdates: number;
  /** Messages the client could not parse. */
  readonly malformed: number;
  /** Events held back by validation, by reason. */
  readonly invalid: Readonly<Partial<Record<InvalidReason, number>>>;
  /** µs since the last message, per watched instrument. */
  readonly lastMessageAgeUs: ReadonlyMap<InstrumentId, number>;
  readonly staleInstruments: readonly InstrumentId[];
  readonly queue: FeedQueueStats;
}

/** One line for a terminal or a log: `feed SIM CONNECTED 1520 msg/s p50 0.3ms p99 1.2ms ...`. */
export function formatFeedHealth(h: FeedHealth): string {
  const ms = (us: number | undefined): string => (us === undefined ? '-' : `${(us / 1000).toFixed(1)}ms`);
  const invalid = Object.values(h.invalid).reduce((a: number, b) => a + (b ?? 0), 0);
  const parts = [
    `feed ${h.venue} ${h.status}`,
    `${Math.round(h.messagesPerSecond)} msg/s`,
    `latency p50 ${ms(h.latencyP50Us)} p99 ${ms(h.latencyP99Us)}`,
    `gaps ${h.gaps}`,
    `reconnects ${h.reconnects}`,
    `dups ${h.duplicates}`,
    `malformed ${h.malformed}`,
    `invalid ${invalid}`,
    `queue ${h.queue.depth}/${h.queue.softCapacity}`,
  ];
  if (h.staleInstruments.length > 0) parts.push(`STALE ${h.staleInstruments.join(',')}`);
  return parts.join(' | ');
}
