import type { Clock } from '../../core/clock.js';
import type { FeeSchedule } from '../../matching/venue/fee-model.js';
import type { TradeThroughFill } from '../../matching/venue/l2-fill-simulator.js';
import type { LatencyConfig } from '../../matching/venue/latency-model.js';
import type { QueueAssumption } from '../../matching/venue/queue-position.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';

/** Where the sandbox finds instruments (the kernel's `Cache` is one). */
export interface InstrumentSource {
  instrument(id: InstrumentId): Instrument | undefined;
}

/** Configuration of a {@link SandboxExecutionClient}; everything but venue, clock and instruments has a default. */
export interface SandboxConfig {
  /** Venue name as in instrument ids (`BINANCE`): the engine routes this venue's orders here. */
  readonly venue: string;
  /** The kernel's clock: commands act, and data is applied, at its time. */
  readonly clock: Clock;
  /** Instruments are looked up on first use; an order for one it does not know is rejected. */
  readonly instruments: InstrumentSource;
  /** Fees on fills, in the instrument's quote currency. Default {@link DEFAULT_SANDBOX_FEES}. */
  readonly fees?: FeeSchedule;
  /** One-way delays (µs) of commands and reports; default none (fills at once). */
  readonly latency?: LatencyConfig;
  /** Seed of the latency jitter (default 0). */
  readonly seed?: number;
  /** Where others' cancellations come from in the queue estimate (default proportional). */
  readonly queue?: QueueAssumption;
  /** How a trade through our price fills us (default full). */
  readonly tradeThrough?: TradeThroughFill;
  /** Levels a side kept from quotes (default 10); L2 updates keep every level they name. */
  readonly quoteDepth?: number;
  /** Prefix of venue order ids and trade ids (default `SBX`): `SBX-17`, `SBX-T42`. */
  readonly idPrefix?: string;
  /** Fills kept for {@link SandboxExecutionClient.fillsSince} (default 100 000, oldest dropped). */
  readonly maxFillHistory?: number;
}

/** A typical spot schedule: 2 bps for adding liquidity, 5 bps for taking it. */
export const DEFAULT_SANDBOX_FEES: FeeSchedule = { makerBps: 2, takerBps: 5 };
